import { describe, expect, it } from 'vitest';
import { DEFAULT_RESPONSE_CACHE, loadResponseCacheSettings } from './responseCache.js';

describe('loadResponseCacheSettings', () => {
  it('has defaults and reads the environment', () => {
    expect(loadResponseCacheSettings({})).toEqual(DEFAULT_RESPONSE_CACHE);
    expect(loadResponseCacheSettings({ RESPONSE_CACHE_MAX_AGE: '0', RESPONSE_CACHE_MB: '8', RESPONSE_CACHE_CHECK_MS: '250' }))
      .toEqual({ maxAgeSeconds: 0, maxMegabytes: 8, checkMs: 250 });
  });

  it('refuses values that are not whole numbers in range', () => {
    expect(() => loadResponseCacheSettings({ RESPONSE_CACHE_MAX_AGE: '-1' })).toThrow(/RESPONSE_CACHE_MAX_AGE must be a whole number from 0 to 86400/);
    expect(() => loadResponseCacheSettings({ RESPONSE_CACHE_MB: '0' })).toThrow(/RESPONSE_CACHE_MB/);
    expect(() => loadResponseCacheSettings({ RESPONSE_CACHE_CHECK_MS: '10' })).toThrow(/RESPONSE_CACHE_CHECK_MS/);
    expect(() => loadResponseCacheSettings({ RESPONSE_CACHE_MB: '1.5' })).toThrow(/RESPONSE_CACHE_MB/);
  });
});
