import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../server.js';
import { MEASURES, measureOf } from './measures.js';
import { measureFigure, seriesValue, toCooperationRecord, type KommuneValues } from './metrics.js';
import { COUNT_EXPRESSIONS, type CooperationCountsRow } from './repository.js';

const ROW: CooperationCountsRow = {
  kommuneId: 'Kommune:1', population: 500, companies: 1, clusterMemberships: 2, distinctClusters: 1, schoolIndustryLinks: 0,
  eventsHosted: 0, eventsJoined: 1, collaborations: 2, crossKommuneLinks: 3, networkDegree: 5, neighbours: 4,
  ecosystemCurated: false, pageRank: null, betweenness: null, nodeDegree: null,
};

describe('the measure registry', () => {
  it('declares every CooperationMetric of the schema once, each computed from a count, a stored measure or an indicator', () => {
    const metrics = buildSchema().getType('CooperationMetric')!.toConfig() as { values: Record<string, unknown> };
    expect([...MEASURES.keys()].sort()).toEqual(Object.keys(metrics.values).sort());
    for (const definition of MEASURES.values()) {
      if (definition.computation.kind === 'count') expect(definition.computation.count in COUNT_EXPRESSIONS, definition.metric).toBe(true);
      expect(definition.years).toEqual([...definition.years].sort((a, b) => a - b));
    }
    expect(measureOf('SCHOOL_INDUSTRY_LINKS_PER_1000').computation).toEqual({ kind: 'count', count: 'schoolIndustryLinks', per: 1000 });
    expect(measureOf('NEIGHBOURS')).toMatchObject({ universe: 'ALL_KOMMUNER', cooperation: false });
    expect(measureOf('COMPANIES').universe).toBe('CURATED');
  });
});

describe('per 1,000 residents', () => {
  it('divides by the population and gives null without one', () => {
    expect(seriesValue({ population: 2000, value: 3 }, true)).toBe(1.5);
    expect(seriesValue({ population: null, value: 3 }, true)).toBeNull();
    expect(seriesValue({ population: 2000, value: 3 }, false)).toBe(3);
    expect(toCooperationRecord(ROW).per1000).toMatchObject({ companies: 2, networkDegree: 10, collaborations: 4 });
  });
});

describe('measureFigure', () => {
  const values: KommuneValues = new Map([
    ['rcn/h2020/participations', new Map([[2014, 2], [2018, 6]])],
    ['ssb/population', new Map([[2020, 3000], [2021, 3100]])],
    ['graph/listed-collaborations', new Map([[2021, 3], [2023, 2]])],
  ]);

  it('reports a CURATED count of a kommune not curated as not measured, never as zero', () => {
    expect(measureFigure(measureOf('COMPANIES'), toCooperationRecord(ROW), values, null)).toMatchObject({ value: null, measured: false, year: 2022 });
    expect(measureFigure(measureOf('COMPANIES'), toCooperationRecord({ ...ROW, ecosystemCurated: true }), values, null))
      .toMatchObject({ value: 1, measured: true });
    expect(measureFigure(measureOf('COLLABORATIONS'), toCooperationRecord(ROW), values, null)).toMatchObject({ value: 2, measured: true, year: 2023 });
    // Dated by listing year: 2018 reads the 2021 register; a kommune listed in none has a measured 0.
    expect(measureFigure(measureOf('COLLABORATIONS'), toCooperationRecord(ROW), values, 2018)).toMatchObject({ value: 3, year: 2021 });
    expect(measureFigure(measureOf('COLLABORATIONS'), toCooperationRecord(ROW), new Map(), 2023)).toMatchObject({ value: 0, measured: true });
  });

  it('divides per-capita measures by the population of the nearest year held, and says which', () => {
    const figure = measureFigure(measureOf('H2020_PARTICIPATIONS_PER_10000'), toCooperationRecord(ROW), values, 2018);
    expect(figure).toMatchObject({ measured: true, year: 2018, populationYear: 2020 });
    expect(figure.value).toBeCloseTo((6 * 10000) / 3000, 12);
    expect(measureFigure(measureOf('H2020_PARTICIPATIONS'), toCooperationRecord(ROW), values, null)).toMatchObject({ value: 6, year: 2018 });
    expect(measureFigure(measureOf('COMMUTING_PARTNERS'), toCooperationRecord(ROW), values, null)).toMatchObject({ value: null, measured: false, year: null });
  });
});
