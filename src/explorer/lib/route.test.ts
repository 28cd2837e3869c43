import { describe, expect, it } from 'vitest';
import { hrefFor, parseHash } from './route';

describe('hash routes', () => {
  it('round-trips a view and its parameters, ids with colons included', () => {
    const route = parseHash(hrefFor('graph', { center: 'Kommune:3006', depth: 2, empty: '' }));
    expect(route.view).toBe('graph');
    expect(Object.fromEntries(route.params)).toEqual({ center: 'Kommune:3006', depth: '2' });
  });

  it('falls back to the graph view for an empty or unknown hash', () => {
    expect(parseHash('').view).toBe('graph');
    expect(parseHash('#/nowhere?x=1').view).toBe('graph');
    expect(parseHash('#/rankings').view).toBe('rankings');
  });
});
