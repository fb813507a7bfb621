import { describe, expect, it } from 'vitest';
import { pickLanguage } from './pick-language.ts';

describe('pickLanguage', () => {
  it("uses the customer's own language when Arrears ships it, whatever the country", () => {
    expect(pickLanguage('en-GB', 'US', 'US')).toBe('en-GB');
    expect(pickLanguage('EN-us', 'GB', 'GB')).toBe('en-US');
  });
  it("otherwise writes British English to British and Commonwealth countries, American English elsewhere", () => {
    expect(pickLanguage('en', 'IE', 'US')).toBe('en-GB');
    expect(pickLanguage('fr', 'FR', 'GB')).toBe('en-US');
    expect(pickLanguage(null, null, 'GB')).toBe('en-GB');
    expect(pickLanguage(null, null, null)).toBe('en-US');
  });
});
