import { describe, expect, it } from 'vitest';
import { edgeLabel } from './edgeLabel';

describe('edgeLabel', () => {
  it('names the relationship in words, with weight and year when present', () => {
    expect(edgeLabel('COMMUTES_TO', { employed: 1709, year: 2022, sources: 1 })).toBe('commutes to · 1,709 · 2022');
    expect(edgeLabel('MEMBER_OF', { date: '2022-12-02', note: 'with the business associations' })).toBe('member of · 2022');
    expect(edgeLabel('PARTNER_OF', { date: '2022' })).toBe('partner of · 2022');
    expect(edgeLabel('LOCATED_IN', { inferred: true, sources: 1 })).toBe('located in');
    expect(edgeLabel('NEIGHBOUR_OF')).toBe('neighbour of');
  });

  it('ignores a date that does not start with a year', () => {
    expect(edgeLabel('MEETS', { date: 'spring' })).toBe('meets');
  });
});
