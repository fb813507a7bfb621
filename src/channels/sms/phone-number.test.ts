import { describe, expect, it } from 'vitest';
import { isE164, toE164 } from './phone-number.ts';

describe('toE164', () => {
  it.each([
    ['+1 415 555 0100', 'US', '+14155550100'],
    ['+1 (415) 555-0100', null, '+14155550100'],
    ['(415) 555-0100', 'US', '+14155550100'],
    ['415.555.0100', 'US', '+14155550100'],
    ['1-415-555-0100', 'US', '+14155550100'],
    ['416 555 0100', 'CA', '+14165550100'],
    ['020 7946 0000', 'GB', '+442079460000'],
    ['07700 900123', 'gb', '+447700900123'],
    ['+44 (0)20 7946 0000', 'US', '+442079460000'],
    ['0044 20 7946 0000', 'GB', '+442079460000'],
    ['+49 30 901820', 'GB', '+4930901820'],
    ['  +33 1 42 68 53 00 ', null, '+33142685300'],
  ])('%s in %s is %s', (phone, country, expected) => {
    expect(toE164(phone, country)).toBe(expected);
  });

  it.each([
    ['415 555 0100', null, 'a national number with no country to read it in'],
    ['415 555 0100', 'DE', 'a national number of a country whose numbering is not known'],
    ['555 0100', 'US', 'too short for the US'],
    ['(415) 555-0100 x12', 'US', 'an extension'],
    ['020 7946 0000', 'US', 'a UK national number read as a US one'],
    ['+1 415 555 010', null, 'too short for +1'],
    ['+0 123 456 789', null, 'a country code cannot start with 0'],
    ['+1234567890123456', null, 'longer than 15 digits'],
    ['ACME', 'US', 'an alphanumeric sender id'],
    ['', 'US', 'empty'],
  ])('%s in %s is null (%s)', (phone, country, _why) => {
    expect(toE164(phone, country)).toBeNull();
  });

  it('keeps the last digits of the number as written (matching replies relies on it)', () => {
    for (const [phone, country] of [['(415) 555-0100', 'US'], ['020 7946 0000', 'GB'], ['0044 20 7946 0000', 'GB'], ['+44 (0)20 7946 0000', null]] as const) {
      const digits = phone.replace(/\D/g, '');
      expect(digits.endsWith(toE164(phone, country)!.slice(-7))).toBe(true);
    }
  });

  it('recognises E.164', () => {
    expect(isE164('+14155550100')).toBe(true);
    expect(isE164('+442079460000')).toBe(true);
    expect(isE164('14155550100')).toBe(false);
    expect(isE164('+1415555010')).toBe(false);
  });
});
