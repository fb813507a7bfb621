// ISO 3166-1 alpha-2 country codes, recognised from the code or the English name that
// accounting exports write ("United Kingdom", "USA").
const displayNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

const notCountries = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB']);
const byName = new Map<string, string>();
const codes = new Set<string>();
for (let a = 65; a <= 90; a++) {
  for (let b = 65; b <= 90; b++) {
    const code = String.fromCharCode(a, b);
    const name = displayNames.of(code);
    // Deprecated codes (UK, DD, BU) canonicalise to their successors; groupings (EU, UN, QO, ZZ) are not countries.
    const canonical = Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`;
    if (name && name !== code && canonical && !notCountries.has(code)) {
      codes.add(code);
      byName.set(simplify(name), code);
    }
  }
}
// Names and abbreviations exports use that the CLDR display names do not.
const aliases: Record<string, string> = {
  usa: 'US',
  unitedstatesofamerica: 'US',
  uk: 'GB',
  greatbritain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  northernireland: 'GB',
  holland: 'NL',
};
for (const [alias, code] of Object.entries(aliases)) byName.set(alias, code);

function simplify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[^a-z]/g, '');
}

/** The alpha-2 code for a code or an English country name; undefined when unknown. */
export function countryCode(text: string): string | undefined {
  const trimmed = text.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed) && codes.has(trimmed.toUpperCase())) return trimmed.toUpperCase();
  return byName.get(simplify(trimmed));
}
