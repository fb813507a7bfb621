/**
 * The town/region/postcode lines of a postal address, in the order the destination country's post
 * reads them. Written as "city region postcode" for every country, a UK letter read "York YO1 7HH"
 * on one line and a French one "Paris 75001", which postal sorting handles poorly; these are the
 * conventions of the national postal operators (Royal Mail, USPS, Deutsche Post, La Poste, …).
 */
export interface Locality {
  city: string | null;
  region: string | null;
  postalCode: string | null;
}

/** Postcode before the town: most of continental Europe and Latin America. */
const postcodeFirst = new Set(['AT', 'BE', 'CH', 'CZ', 'DE', 'DK', 'ES', 'FI', 'FR', 'IS', 'IT', 'LU', 'MX', 'NL', 'NO', 'PL', 'PT', 'SE', 'SK', 'BR', 'AR']);

/** Town and postcode on lines of their own: the UK and Ireland. */
const postcodeOwnLine = new Set(['GB', 'IE']);

/** "City, ST 78701" in the US; "City ST 2000" in Canada and Australia. */
const cityRegionPostcode = new Set(['US', 'CA', 'AU']);

function present(value: string | null): value is string {
  return Boolean(value?.trim());
}

export function localityLines(locality: Locality, country: string | null): string[] {
  const city = present(locality.city) ? locality.city.trim() : null;
  const region = present(locality.region) ? locality.region.trim() : null;
  const postcode = present(locality.postalCode) ? locality.postalCode.trim() : null;
  const join = (...parts: (string | null)[]) => parts.filter(present).join(' ');
  const code = country?.toUpperCase() ?? null;

  let lines: string[];
  if (code && postcodeOwnLine.has(code)) lines = [city, region, postcode].filter(present);
  else if (code && postcodeFirst.has(code)) lines = [join(postcode, city), region ?? ''];
  else if (code === 'US') lines = [[city, join(region, postcode)].filter(present).join(', ')];
  else if (code && cityRegionPostcode.has(code)) lines = [join(city, region, postcode)];
  else lines = [join(city, region, postcode)];
  return lines.filter(present);
}
