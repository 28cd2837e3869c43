import { describe, expect, it } from 'vitest';
import { metricLabel } from './metricLabel';

describe('metric labels', () => {
  it('reads enum names as text', () => {
    expect(metricLabel('SCHOOL_INDUSTRY_LINKS_PER_1000')).toBe('School industry links per 1,000 residents');
    expect(metricLabel('PAGERANK')).toBe('PageRank');
    expect(metricLabel('NETWORK_DEGREE')).toBe('Ecosystem reach (network degree)');
    expect(metricLabel('NETWORK_DEGREE_PER_1000')).toBe('Ecosystem reach (network degree) per 1,000 residents');
  });
});
