import { describe, expect, it } from 'vitest';
import { filterParameters, type ViewFilters } from './repository.js';

const ALL: ViewFilters = { labels: null, types: null, exclude: [], minWeight: null, topPartners: 10, year: null, includeReference: false };

describe('filterParameters', () => {
  it('lets the stored heaviest flows answer for COMMUTES_TO when nothing can filter out a far end', () => {
    const params = filterParameters(ALL);
    expect(params.cutTypes).toEqual(['COMMUTES_TO']);
    expect(params.storedTypes).toEqual(['COMMUTES_TO']);
  });

  it('reads flows live when a view keeps more per node than a store holds, or filters out kommuner', () => {
    expect(filterParameters({ ...ALL, topPartners: 101 }).storedTypes).toEqual([]);
    expect(filterParameters({ ...ALL, labels: ['Company'] }).storedTypes).toEqual([]);
    expect(filterParameters({ ...ALL, exclude: ['COMMUTES_TO'] })).toMatchObject({ cutTypes: [], storedTypes: [] });
  });

  it('skips the far end\'s labels only for types that never lead to a hidden node or an unasked reference hub', () => {
    const walkable = filterParameters(ALL).walkableTypes as string[];
    expect(walkable).toContain('MEMBER_OF');
    expect(walkable).not.toContain('IN_FYLKE');
    expect(filterParameters({ ...ALL, includeReference: true }).walkableTypes).toContain('IN_FYLKE');
    expect(filterParameters({ ...ALL, labels: ['Company'] }).walkableTypes).not.toContain('MEMBER_OF');
    expect(filterParameters({ ...ALL, labels: ['Company', 'Cluster', 'School'] }).walkableTypes).toContain('MEMBER_OF');
  });
});
