import { describe, expect, it } from 'vitest';
import { companyPlan } from '../company/writes.js';
import { searchNames } from '../entity/upsert.js';
import { eventPlan } from '../event/writes.js';

const source = { title: 'T', publisher: 'P' };

describe('companyPlan', () => {
  it('keys a company by its organisasjonsnummer when it has no slug', () => {
    expect(companyPlan({ orgnr: '943 753 709', name: 'Kongsberg Gruppen', source })).toMatchObject({ id: 'Company:943753709', props: { orgnr: '943753709' } });
  });

  it('keys it by slug otherwise, and needs one of the two', () => {
    expect(companyPlan({ key: 'technipfmc', name: 'TechnipFMC', source }).id).toBe('Company:technipfmc');
    expect(() => companyPlan({ name: 'Nameless', source })).toThrow(/orgnr/);
    expect(() => companyPlan({ key: '943753709', orgnr: '974760673', name: 'Two numbers', source })).toThrow(/other than/);
  });

  it('holds only the fields given: left out stays out, null removes', () => {
    expect(companyPlan({ key: 'a', name: 'A', source }).props).toEqual({ name: 'A' });
    expect(companyPlan({ key: 'a', name: 'A', note: null, aliases: null, source }).props).toEqual({ name: 'A', note: null, aliases: null });
  });
});

describe('eventPlan', () => {
  it('refuses an end before the start', () => {
    expect(() => eventPlan({ key: 'e', name: 'E', startDate: '2024-02-02', endDate: '2024-02-01', source })).toThrow(/before/);
  });
});

describe('searchNames', () => {
  it('gathers name, aliases and the English name as the seeds do', () => {
    expect(searchNames({ name: 'Universitetet i Sørøst-Norge', aliases: ['USN'], nameEn: 'University of South-Eastern Norway' }))
      .toEqual(['Universitetet i Sørøst-Norge', 'USN', 'University of South-Eastern Norway']);
  });
});
