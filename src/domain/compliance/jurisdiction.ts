// Where a debtor is, as the contact rules need it: ISO country, a normalised region code (US
// state, Canadian province, UK nation) and whether the address is in New York City. Accounting
// exports write regions every way ("CA", "California", "Scotland"), so names are mapped too.

const regionNames: Record<string, Record<string, string>> = {
  US: {
    alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO', connecticut: 'CT', delaware: 'DE',
    districtofcolumbia: 'DC', florida: 'FL', georgia: 'GA', hawaii: 'HI', idaho: 'ID', illinois: 'IL', indiana: 'IN', iowa: 'IA',
    kansas: 'KS', kentucky: 'KY', louisiana: 'LA', maine: 'ME', maryland: 'MD', massachusetts: 'MA', michigan: 'MI', minnesota: 'MN',
    mississippi: 'MS', missouri: 'MO', montana: 'MT', nebraska: 'NE', nevada: 'NV', newhampshire: 'NH', newjersey: 'NJ',
    newmexico: 'NM', newyork: 'NY', northcarolina: 'NC', northdakota: 'ND', ohio: 'OH', oklahoma: 'OK', oregon: 'OR',
    pennsylvania: 'PA', rhodeisland: 'RI', southcarolina: 'SC', southdakota: 'SD', tennessee: 'TN', texas: 'TX', utah: 'UT',
    vermont: 'VT', virginia: 'VA', washington: 'WA', westvirginia: 'WV', wisconsin: 'WI', wyoming: 'WY',
  },
  GB: { england: 'ENG', scotland: 'SCT', wales: 'WLS', northernireland: 'NIR', eng: 'ENG', sct: 'SCT', wls: 'WLS', nir: 'NIR' },
};

const simplify = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');

/** The region as a code ('CA', 'NY', 'SCT'), or null when it is unknown or not recognised. */
export function regionCode(country: string | null, region: string | null): string | null {
  if (!country || !region) return null;
  const trimmed = region.trim().toUpperCase().replace(/^[A-Z]{2}-/, ''); // 'US-CA' → 'CA'
  const names = regionNames[country.toUpperCase()];
  if (!names) return trimmed || null;
  if (Object.values(names).includes(trimmed)) return trimmed;
  return names[simplify(region)] ?? null;
}

const newYorkCityPlaces = new Set(['newyork', 'newyorkcity', 'nyc', 'manhattan', 'brooklyn', 'bronx', 'thebronx', 'queens', 'statenisland']);

/** An address in one of New York City's five boroughs (approximated from the city name). */
export function isNewYorkCity(country: string | null, region: string | null, city: string | null): boolean {
  return country === 'US' && regionCode(country, region) === 'NY' && city !== null && newYorkCityPlaces.has(simplify(city));
}
