import { describe, expect, it } from 'vitest';
import { enumOfType, parseGlobalId, typeOfEnum } from './records.js';

describe('global ids', () => {
  it('splits Type:key', () => {
    expect(parseGlobalId('Kommune:3006')).toEqual({ type: 'Kommune', key: '3006' });
    expect(parseGlobalId('Cluster:nce-systems-engineering')).toEqual({ type: 'Cluster', key: 'nce-systems-engineering' });
    expect(parseGlobalId('RankingEntry:kommune-nm/total:2022')).toEqual({ type: 'RankingEntry', key: 'kommune-nm/total:2022' });
  });

  it.each(['3006', 'Kommune:', 'Planet:earth', ':3006', `Kommune:${'x'.repeat(201)}`])('refuses %s', (id) => {
    expect(() => parseGlobalId(id)).toThrowError(/global id/);
  });
});

describe('entity type enum', () => {
  it('maps type names both ways', () => {
    expect(enumOfType('CommutingRegion')).toBe('COMMUTING_REGION');
    expect(enumOfType('RankingEntry')).toBe('RANKING_ENTRY');
    expect(typeOfEnum('KOMMUNE')).toBe('Kommune');
  });
});
