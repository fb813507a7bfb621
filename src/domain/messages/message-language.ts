// Which shipped language a customer is written to in, and whether dates must be ISO: the one
// place that decides it, for every channel and for template previews. A customer's own language
// tag wins ('de-AT' → de-DE, the closest shipped variant); without one, their country (else the
// organisation's) is read for its language. Nothing known, or a language Arrears has no
// templates in (ja-JP …): British English words with ISO dates (2026-10-07), because US date
// order is misread almost everywhere outside the US and ISO order nowhere.
import { messageLanguages, type MessageLanguage } from './message-model.ts';

export interface MessageLanguageChoice {
  language: MessageLanguage;
  /** Dates as 2026-10-07 rather than in the language's own style (see MessageModel.isoDates). */
  isoDates: boolean;
}

/** The United States and the territories that write dates its way. */
const americanEnglishCountries = new Set(['US', 'PR', 'GU', 'VI', 'AS', 'MP', 'UM']);

/** Countries that write English the British way (spelling, day-month dates). */
const britishEnglishCountries = new Set(['GB', 'IE', 'AU', 'NZ', 'ZA', 'IN', 'SG', 'HK', 'MT', 'CY', 'GI', 'IM', 'JE', 'GG']);

/**
 * Countries with one main language Arrears ships, for customers whose own language is not
 * recorded. Countries of several (Switzerland, Belgium, Canada, Luxembourg) are left out: a guess
 * there writes to many customers in a language they do not read.
 */
const languageByCountry: ReadonlyMap<string, MessageLanguage> = new Map([
  ...[...americanEnglishCountries].map((country) => [country, 'en-US'] as const),
  ...[...britishEnglishCountries].map((country) => [country, 'en-GB'] as const),
  ...['DE', 'AT', 'LI'].map((country) => [country, 'de-DE'] as const),
  ...['FR', 'MC'].map((country) => [country, 'fr-FR'] as const),
  ...['ES', 'MX', 'AR', 'CO', 'CL', 'PE', 'VE', 'EC', 'GT', 'CU', 'BO', 'DO', 'HN', 'PY', 'SV', 'NI', 'CR', 'PA', 'UY'].map((country) => [country, 'es-ES'] as const),
]);

/** The shipped language for each language subtag: de-AT, de-CH → de-DE, fr-CA, fr-BE → fr-FR … */
const closestByLanguage: ReadonlyMap<string, MessageLanguage> = new Map([
  ['de', 'de-DE'],
  ['fr', 'fr-FR'],
  ['es', 'es-ES'],
]);

const fallback: MessageLanguageChoice = { language: 'en-GB', isoDates: true };

export function messageLanguageFor(customerLanguage: string | null, customerCountry: string | null, orgCountry: string | null): MessageLanguageChoice {
  if (customerLanguage?.trim()) {
    const tag = languageTag(customerLanguage);
    // A language recorded but unreadable is still not one Arrears can write in.
    if (!tag) return fallback;
    const exact = messageLanguages.find((language) => language.toLowerCase() === tag.toLowerCase());
    if (exact) return { language: exact, isoDates: false };
    const [subtag = '', region] = tag.toLowerCase().split('-').filter((part) => part.length === 2 || part.length === 3);
    if (subtag === 'en') {
      // Bare "en" is read with the customer's country: an American customer stays in en-US.
      const country = (region ?? customerCountry ?? '').toUpperCase();
      return { language: americanEnglishCountries.has(country) ? 'en-US' : 'en-GB', isoDates: false };
    }
    const closest = closestByLanguage.get(subtag);
    return closest ? { language: closest, isoDates: false } : fallback;
  }
  const country = (customerCountry ?? orgCountry)?.trim().toUpperCase();
  const byCountry = country ? languageByCountry.get(country) : undefined;
  return byCountry ? { language: byCountry, isoDates: false } : fallback;
}

/** The tag in its canonical form ("EN-gb" → "en-GB", "de_AT" → "de-AT"); null when not a language tag. */
function languageTag(text: string): string | null {
  try {
    return Intl.getCanonicalLocales(text.trim().replace(/_/g, '-'))[0] ?? null;
  } catch {
    return null;
  }
}
