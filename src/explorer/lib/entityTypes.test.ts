import { describe, expect, it } from 'vitest';
import { entityTypeKey, typeStyle } from './entityTypes';

describe('typeStyle', () => {
  it('styles a type spelt as the EntityType enum or as __typename alike', () => {
    expect(typeStyle('Kommune')).toBe(typeStyle('KOMMUNE'));
    expect(typeStyle('CommutingRegion')).toBe(typeStyle('COMMUTING_REGION'));
    expect(typeStyle('RankingEntry').label).toBe('Ranking entry');
    expect(entityTypeKey('COMMUTING_REGION')).toBe('COMMUTING_REGION');
  });

  it('names an unknown type as it is', () => {
    expect(typeStyle('Spaceship')).toEqual({ label: 'Spaceship', colour: '#616161', shape: 'ellipse' });
  });
});
