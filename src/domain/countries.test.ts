import { describe, expect, it } from 'vitest';
import { countryCode } from './countries.ts';

describe('countryCode', () => {
  it('reads ISO codes and the English names accounting exports use', () => {
    expect(countryCode('gb')).toBe('GB');
    expect(countryCode('United Kingdom')).toBe('GB');
    expect(countryCode('UK')).toBe('GB');
    expect(countryCode('United States')).toBe('US');
    expect(countryCode('USA')).toBe('US');
    expect(countryCode('Germany')).toBe('DE');
    expect(countryCode('Myanmar (Burma)')).toBe('MM');
    expect(countryCode('Côte d’Ivoire')).toBe('CI');
  });

  it('refuses what is not a country', () => {
    expect(countryCode('Atlantis')).toBeUndefined();
    expect(countryCode('EU')).toBeUndefined();
    expect(countryCode('ZZ')).toBeUndefined();
  });
});
