import { describe, expect, it } from 'vitest';
import { localityLines } from './postal-locality.ts';

describe('localityLines', () => {
  it('puts a UK town and its postcode on lines of their own', () => {
    expect(localityLines({ city: 'York', region: null, postalCode: 'YO1 7HH' }, 'GB')).toEqual(['York', 'YO1 7HH']);
  });

  it('writes a US locality as "City, ST ZIP"', () => {
    expect(localityLines({ city: 'Austin', region: 'TX', postalCode: '78701' }, 'US')).toEqual(['Austin, TX 78701']);
    expect(localityLines({ city: 'Austin', region: null, postalCode: null }, 'US')).toEqual(['Austin']);
  });

  it('puts the postcode before the town in Germany and France', () => {
    expect(localityLines({ city: 'Paris', region: null, postalCode: '75001' }, 'FR')).toEqual(['75001 Paris']);
    expect(localityLines({ city: 'Berlin', region: null, postalCode: '10115' }, 'DE')).toEqual(['10115 Berlin']);
  });

  it('falls back to "city region postcode" where the country is unknown', () => {
    expect(localityLines({ city: 'Somewhere', region: 'R', postalCode: '123' }, null)).toEqual(['Somewhere R 123']);
    expect(localityLines({ city: null, region: null, postalCode: null }, 'GB')).toEqual([]);
  });
});
