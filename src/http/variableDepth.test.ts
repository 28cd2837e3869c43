import { describe, expect, it } from 'vitest';
import { jsonDepth } from './variableDepth.js';

describe('jsonDepth', () => {
  it('counts objects and lists, not scalars', () => {
    expect(jsonDepth(undefined, 16)).toBe(0);
    expect(jsonDepth('x', 16)).toBe(0);
    expect(jsonDepth({}, 16)).toBe(1);
    expect(jsonDepth({ input: { sources: [{ title: 't' }] } }, 16)).toBe(4);
  });

  it('measures a value nested far beyond the stack without recursing, stopping past the limit', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    expect(jsonDepth(deep, 16)).toBe(17);
  });
});
