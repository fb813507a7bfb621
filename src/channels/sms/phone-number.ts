// Phone numbers as imported ('+1 415 555 0100', '(415) 555-0100', '020 7946 0000') made into
// E.164 ('+14155550100'): the form the provider sends to and reports replies from, so it is also
// how a reply is matched to the contacts that have the number.

const e164 = /^\+[1-9]\d{6,14}$/;

/** Shapes of the countries whose national numbers are understood; other countries need a leading +. */
const nationalNumbers: Record<string, { countryCode: string; valid: RegExp; toE164: (digits: string) => string | null }> = {
  // NANP: ten digits, area code and exchange never starting 0 or 1; a leading trunk 1 is allowed.
  US: nanp(),
  CA: nanp(),
  // UK: a trunk 0 then 9 or 10 digits; the 0 is dropped after +44.
  GB: {
    countryCode: '44',
    valid: /^\+44[1-9]\d{8,9}$/,
    toE164: (digits) => (/^0[1-9]\d{8,9}$/.test(digits) ? `+44${digits.slice(1)}` : null),
  },
};

function nanp() {
  return {
    countryCode: '1',
    valid: /^\+1[2-9]\d{2}[2-9]\d{6}$/,
    toE164: (digits: string) => {
      if (/^[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return `+1${digits}`;
      if (/^1[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return `+${digits}`;
      return null;
    },
  };
}

// Spaces (including no-break and thin ones), dashes of every width, dots, parentheses, slashes.
const separators = /[\s\u00a0\u2009\u202f().\-\u2010-\u2015/]/g;

/**
 * The number in E.164, or null when it cannot be made one: a national number is read in
 * `defaultCountry` (ISO 3166-1 alpha-2; US, CA and GB are understood), an international one
 * (leading + or 00) as written.
 */
export function toE164(phone: string, defaultCountry: string | null | undefined): string | null {
  let text = phone.trim();
  const international = text.startsWith('+') || text.startsWith('00');
  // '+44 (0)20 7946 0000': the (0) is the trunk prefix written for callers inside the country.
  if (international) text = text.replace(/\(0\)/g, '');
  text = text.replace(separators, '');
  if (text.startsWith('00')) text = `+${text.slice(2)}`;
  if (text.startsWith('+')) return isE164(text) ? text : null;
  if (!/^\d+$/.test(text)) return null;
  const national = defaultCountry ? nationalNumbers[defaultCountry.toUpperCase()] : undefined;
  return national?.toE164(text) ?? null;
}

/** Whether `number` is E.164, and of the right length for the countries whose numbering is known. */
export function isE164(number: string): boolean {
  if (!e164.test(number)) return false;
  const known = Object.values(nationalNumbers).find((country) => number.startsWith(`+${country.countryCode}`));
  return known ? known.valid.test(number) : true;
}
