import { describe, expect, it } from 'vitest';
import { sourceId } from './ids.js';
import * as check from './validation.js';

function refusal(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return (error as { extensions?: Record<string, unknown> }).extensions;
  }
  throw new Error('expected a refusal');
}

describe('organisasjonsnummer', () => {
  it.each(['943753709', '974760673', '971524960'])('accepts %s, whose mod-11 check digit fits', (orgnr) => {
    expect(check.isValidOrgnr(orgnr)).toBe(true);
  });

  it.each(['943753708', '94375370', '9437537090', '94375370a', ''])('refuses %s', (orgnr) => {
    expect(check.isValidOrgnr(orgnr)).toBe(false);
  });

  it('refuses numbers whose check digit would be 10', () => {
    // 4·3 = 12 leaves remainder 1, so 11 − 1 = 10: no digit can complete 40000000.
    for (let d = 0; d <= 9; d += 1) expect(check.isValidOrgnr(`40000000${d}`)).toBe(false);
  });

  it('names the argument it refuses', () => {
    expect(refusal(() => check.orgnr('123', 'input.orgnr'))).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'input.orgnr' });
  });
});

describe('text', () => {
  it('trims and counts characters, not UTF-16 units', () => {
    expect(check.name('  Bærum  ', 'n')).toBe('Bærum');
    expect(check.name('😀'.repeat(200), 'n')).toHaveLength(400);
    expect(refusal(() => check.name('😀'.repeat(201), 'n'))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it.each(['', '   ', 'a\u0000b', 'line\nbreak', 'bell\u0007', 'lone \ud800 surrogate', 'x'.repeat(201)])('refuses the name %j', (value) => {
    expect(refusal(() => check.name(value, 'n'))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('lets notes hold line breaks and tabs, up to 2,000 characters', () => {
    expect(check.note('one\n\ttwo', 'n')).toBe('one\n\ttwo');
    expect(refusal(() => check.note('x'.repeat(2001), 'n'))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('leaves out what was left out and keeps an explicit null', () => {
    expect(check.optional(undefined, (v: string) => v)).toBeUndefined();
    expect(check.optional(null, (v: string) => v)).toBeNull();
  });

  it('keeps aliases unique and few', () => {
    expect(check.aliases(['A', 'A ', 'B'], 'a')).toEqual(['A', 'B']);
    expect(refusal(() => check.aliases(Array.from({ length: 21 }, (_, i) => `a${i}`), 'a'))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('keys, dates and URLs', () => {
  it.each(['kongsberg-agenda-2022', 'a', '943753709'])('accepts the slug %s', (key) => {
    expect(check.slugKey(key, 'k')).toBe(key);
  });

  it.each(['Kongsberg', 'a--b', '-a', 'a-', 'a b', 'æ', 'x'.repeat(101), "a' OR 1=1"])('refuses the slug %j', (key) => {
    expect(refusal(() => check.slugKey(key, 'k'))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('accepts real calendar dates only', () => {
    expect(check.isoDate('2024-02-29', 'd')).toBe('2024-02-29');
    for (const value of ['2023-02-29', '2024-13-01', '2024-1-01', '01.02.2024', '2024-02-29T00:00:00Z']) {
      expect(refusal(() => check.isoDate(value, 'd'))).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
  });

  it('turns dates and date-times into comparable UTC instants', () => {
    expect(check.isoInstant('2024-05-01', 's')).toBe('2024-05-01T00:00:00.000Z');
    expect(check.isoInstant('2024-05-01T12:00:00+02:00', 's')).toBe('2024-05-01T10:00:00.000Z');
    expect(refusal(() => check.isoInstant('yesterday', 's'))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('accepts http and https URLs only, without credentials', () => {
    expect(check.httpUrl('https://www.nho.no/tema/kommune-nm', 'u')).toBe('https://www.nho.no/tema/kommune-nm');
    for (const value of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'ftp://example.org', 'https://u:p@example.org', 'not a url', `https://example.org/${'x'.repeat(2000)}`]) {
      expect(refusal(() => check.httpUrl(value, 'u'))).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
  });
});

describe('sources', () => {
  it('get the id the seeds compute for the same description', () => {
    const input = { title: 'Kommune-NM 2022', url: 'https://www.nho.no/', publisher: 'NHO', note: null };
    expect(check.source(input).id).toBe(sourceId(input));
    expect(check.source({ ...input, title: '  Kommune-NM 2022 ' }).id).toBe(sourceId(input));
  });
});

describe('the stored-value rule', () => {
  it('refuses what no reader could answer: non-finite numbers, in lists too', () => {
    expect(check.storedValueProblem('value', Number.POSITIVE_INFINITY)).toMatch(/Infinity, not a finite number/);
    expect(check.storedValueProblem('years', [2020, Number.NaN])).toMatch(/years\[1\] is NaN/);
    expect(check.storedValueProblem('value', 1e308)).toBeNull();
  });

  it('holds names to one line of 200 characters and other text to 2,000', () => {
    expect(check.storedValueProblem('name', 'x'.repeat(5000))).toMatch(/name may be at most 200 characters; got 5000/);
    expect(check.storedValueProblem('aliases', ['ok', 'a\tb'])).toMatch(/aliases\[1\] contains control characters/);
    expect(check.storedValueProblem('note', 'two\nlines')).toBeNull();
    expect(check.storedValueProblem('note', 'x'.repeat(2001))).toMatch(/at most 2000/);
    expect(check.storedValueProblem('note', 'bell\u0007')).toMatch(/control characters/);
  });

  it('refuses text with U+FFFD, the mark of bytes a decoder could not read', () => {
    expect(check.storedValueProblem('name', 'B\uFFFDrum')).toMatch(/U\+FFFD/);
  });

  it('finds the first unstorable value of an importer row, however nested', () => {
    expect(check.rowProblem({ id: 'Company:1', props: { name: 'ok', employees: 3 } })).toBeNull();
    expect(check.rowProblem({ kommuneId: 'Kommune:3006', year: 2020, value: Number.POSITIVE_INFINITY })).toMatch(/^value is Infinity/);
    expect(check.rowProblem({ create: [{ name: 'x'.repeat(201) }] })).toMatch(/^name may be at most 200/);
  });

  it('is the API\'s rule too: text() refuses what the write path would', () => {
    expect(refusal(() => check.name('x'.repeat(201), 'input.name'))).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'input.name' });
    expect(() => check.assertStorable({ name: 'Bad\u0000' }, 'Company:x')).toThrow(/Company:x: name contains control characters; nothing was written/);
  });
});
