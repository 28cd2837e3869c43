import type { IndicatorRow, IndicatorValueRow } from '../files.js';
import { type GraphBuilder, GraphFactError } from '../../graph/index.js';

export function addIndicators(graph: GraphBuilder, indicators: readonly IndicatorRow[]): void {
  for (const indicator of indicators) {
    graph.node('Indicator', indicator.key, {
      key: indicator.key,
      name: indicator.name,
      kind: indicator.kind,
      unit: indicator.unit,
      higherIsBetter: indicator.higherIsBetter,
      description: indicator.description,
      publisher: indicator.publisher,
    }, graph.sources(...indicator.sourceKeys), { names: [indicator.name, indicator.key] });
  }
}

/** `(Kommune)-[:HAS_VALUE {year, value}]->(Indicator)` for each measured value. */
export function addIndicatorValues(graph: GraphBuilder, values: readonly IndicatorValueRow[], indicators: readonly IndicatorRow[]): void {
  const kinds = new Map(indicators.map((indicator) => [indicator.key, indicator.kind]));
  for (const value of values) {
    const kind = kinds.get(value.indicator);
    if (kind !== 'VALUE') {
      throw new GraphFactError(`a value of ${value.indicator} for ${value.kommuneNr} ${value.year}: ${kind ? 'not a VALUE indicator' : 'no such indicator in indicators.csv'}`);
    }
    const kommuneId = `Kommune:${value.kommuneNr}`;
    if (!graph.hasNode(kommuneId)) throw new GraphFactError(`a value of ${value.indicator} names kommune ${value.kommuneNr}, which is not a kommune of 2020–2023`);
    graph.relationship('HAS_VALUE', kommuneId, `Indicator:${value.indicator}`, { year: value.year, value: value.value, note: value.note }, graph.sources(value.sourceKey));
  }
}
