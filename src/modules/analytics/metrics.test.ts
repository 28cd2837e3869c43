import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../server.js';
import { metricSource, seriesValue, toCooperationRecord } from './metrics.js';
import { COUNT_EXPRESSIONS } from './repository.js';

describe('metricSource', () => {
  it('maps every CooperationMetric of the schema to a count or a stored measure', () => {
    const metrics = buildSchema().getType('CooperationMetric')!.toConfig() as { values: Record<string, unknown> };
    for (const metric of Object.keys(metrics.values)) {
      const { measure } = metricSource(metric as never);
      expect(measure in COUNT_EXPRESSIONS || measure === 'pageRank' || measure === 'betweenness', metric).toBe(true);
    }
    expect(metricSource('SCHOOL_INDUSTRY_LINKS_PER_1000')).toEqual({ measure: 'schoolIndustryLinks', perThousand: true });
    expect(metricSource('CROSS_KOMMUNE_LINKS')).toEqual({ measure: 'crossKommuneLinks', perThousand: false });
  });
});

describe('per 1,000 residents', () => {
  it('divides by the population and gives null without one', () => {
    expect(seriesValue({ population: 2000, value: 3 }, true)).toBe(1.5);
    expect(seriesValue({ population: null, value: 3 }, true)).toBeNull();
    expect(seriesValue({ population: 2000, value: 3 }, false)).toBe(3);
    const record = toCooperationRecord({
      kommuneId: 'Kommune:1', population: 500, companies: 1, clusterMemberships: 2, distinctClusters: 1, schoolIndustryLinks: 0,
      eventsHosted: 0, eventsJoined: 1, collaborations: 2, crossKommuneLinks: 3, networkDegree: 5, pageRank: null, betweenness: null,
    });
    expect(record.per1000).toMatchObject({ companies: 2, networkDegree: 10, collaborations: 4 });
  });
});
