import { describe, expect, it } from 'vitest';
import { asciiVariants, buildSearchText, slugify, splitList } from './index.js';

describe('slugify', () => {
  it('makes lowercase ASCII slugs with hyphens', () => {
    expect(slugify('NCE Systems Engineering')).toBe('nce-systems-engineering');
    expect(slugify('Kongsberg Næringsforum')).toBe('kongsberg-naeringsforum');
    expect(slugify('Kommuneøkonomi')).toBe('kommuneokonomi');
    expect(slugify('Høgskolen i Ålesund')).toBe('hogskolen-i-alesund');
    expect(slugify('Kongsberg Defence & Aerospace')).toBe('kongsberg-defence-aerospace');
    expect(slugify('Arena Oslo – The Smart Event City')).toBe('arena-oslo-the-smart-event-city');
    expect(slugify('Samisk høgskole - Sámi allaskuvla')).toBe('samisk-hogskole-sami-allaskuvla');
  });
});

describe('asciiVariants', () => {
  it('gives the folded and the transliterated spelling', () => {
    expect(asciiVariants('Bærum')).toEqual(['Baerum']);
    expect(asciiVariants('Tromsø')).toEqual(['Tromso', 'Tromsoe']);
    expect(asciiVariants('Ålesund')).toEqual(['Alesund', 'Aalesund']);
    expect(asciiVariants('Porsáŋgu')).toEqual(['Porsangu']);
  });

  it('gives nothing for ASCII names', () => {
    expect(asciiVariants('Kongsberg')).toEqual([]);
  });
});

describe('buildSearchText', () => {
  it('lists each name and spelling once', () => {
    expect(buildSearchText(['Bærum', 'Bærum', null, ' ', 'Bærum'])).toBe('Bærum | Baerum');
    expect(buildSearchText(['Kåfjord', 'Gáivuotna'])).toBe('Kåfjord | Gáivuotna | Kafjord | Kaafjord | Gaivuotna');
  });

  it('holds each word once, so a name repeated in an alias does not weigh twice', () => {
    expect(buildSearchText(['Kongsberg', 'bo- og arbeidsmarkedsregion Kongsberg'])).toBe('Kongsberg | bo- og arbeidsmarkedsregion');
    expect(buildSearchText(['Kongsberg Maritime', 'KONGSBERG MARITIME AS'])).toBe('Kongsberg Maritime | AS');
  });
});

describe('splitList', () => {
  it('trims parts and drops empty ones', () => {
    expect(splitList('3449,3450, 3451 ,')).toEqual(['3449', '3450', '3451']);
    expect(splitList('1508;1580', ';')).toEqual(['1508', '1580']);
  });
});
