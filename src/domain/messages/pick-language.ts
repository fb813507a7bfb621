// Which shipped language a customer is written to in: their own language when Arrears has it
// ('en-GB', or just 'en' read with their country), else by their country, else the organisation's.
import { messageLanguages, type MessageLanguage } from './message-model.ts';

/** Countries that write English the British way (spelling, day-month dates). */
const britishEnglishCountries = new Set(['GB', 'IE', 'AU', 'NZ', 'ZA', 'IN', 'SG', 'HK', 'MT', 'CY', 'GI', 'IM', 'JE', 'GG']);

export function pickLanguage(customerLanguage: string | null, customerCountry: string | null, orgCountry: string | null): MessageLanguage {
  const exact = messageLanguages.find((language) => language.toLowerCase() === customerLanguage?.trim().toLowerCase());
  if (exact) return exact;
  const country = customerCountry ?? orgCountry;
  return country && britishEnglishCountries.has(country.toUpperCase()) ? 'en-GB' : 'en-US';
}
