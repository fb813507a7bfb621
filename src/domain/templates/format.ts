// How amounts and dates read in each message language. Money stays in integer minor units until
// this point and is formatted from them exactly; dates are plain dates written in the reader's
// style, or as ISO dates when the reader's own language has no templates (MessageModel.isoDates).
import type { IsoDate } from '../calendar.ts';
import { currencyExponent, type CurrencyCode } from '../currencies.ts';
import type { MessageLanguage } from '../messages/message-model.ts';
import type { SendChannel } from '../playbooks/playbook.ts';

/**
 * Whose conventions to write in: a message language, or a message (model) — its language, with
 * ISO dates when it asks for them.
 */
export type FormatLocale = MessageLanguage | { readonly language: MessageLanguage; readonly isoDates?: boolean };

const languageOf = (locale: FormatLocale): MessageLanguage => (typeof locale === 'string' ? locale : locale.language);
const isoDatesOf = (locale: FormatLocale): boolean => typeof locale !== 'string' && locale.isoDates === true;

/**
 * "$1,234.56" (en-US), "£1,234.56" (en-GB), "1.234,56 €" (de-DE), "1 234,56 €" (fr-FR),
 * "1234,56 €" (es-ES: Spanish groups only from five digits); other currencies with their symbol.
 */
export function formatAmount(locale: FormatLocale, amount: bigint, currency: CurrencyCode): string {
  return formatMinorUnits(languageOf(locale), amount, currency, currencyExponent(currency));
}

/**
 * An amount of `exponent`-decimal minor units (123456n, 2 → 1234.56) in a language's currency
 * style, with no float anywhere: Intl formats the whole units as a bigint, the fraction digits
 * are the integer's own, and the sign, symbol, spacing and decimal mark are taken from Intl's
 * rendering of one unit of the same sign. `display: 'code'` writes "EUR" for "€" (for fonts
 * that lack a symbol).
 */
export function formatMinorUnits(language: string, amount: bigint, currency: CurrencyCode, exponent: number, display: 'symbol' | 'code' = 'symbol'): string {
  const negative = amount < 0n;
  const magnitude = negative ? -amount : amount;
  const scale = 10n ** BigInt(exponent);
  const fraction = (magnitude % scale).toString().padStart(exponent, '0');
  const format = moneyFormat(language, currency, exponent, display);
  const digits = format
    .formatToParts(magnitude / scale)
    .filter((part) => part.type === 'integer' || part.type === 'group')
    .map((part) => part.value)
    .join('');
  return format
    .formatToParts(negative ? -1n : 1n)
    .map((part) => (part.type === 'integer' ? digits : part.type === 'fraction' ? fraction : part.value))
    .join('');
}

/**
 * "November 23, 2026" (en-US), "23 November 2026" (en-GB), "23. November 2026" (de-DE),
 * "23 novembre 2026" and "1er octobre 2026" (fr-FR), "23 de noviembre de 2026" (es-ES);
 * "2026-11-23" with ISO dates.
 */
export function formatDate(locale: FormatLocale, date: IsoDate): string {
  if (isoDatesOf(locale)) return date;
  const language = languageOf(locale);
  const parts = dateFormat(language, 'long').formatToParts(utcMidnight(date));
  // French writes the first of the month as an ordinal ("1er octobre 2026"); Intl does not.
  return parts.map((part) => (part.type === 'day' && part.value === '1' && language === 'fr-FR' ? '1er' : part.value)).join('');
}

/** "11/23/2026" (en-US), "23/11/2026" (en-GB, fr-FR, es-ES), "23.11.2026" (de-DE), "2026-11-23" with ISO dates: for tables, where space is short. */
export function formatShortDate(locale: FormatLocale, date: IsoDate): string {
  if (isoDatesOf(locale)) return date;
  return dateFormat(languageOf(locale), 'short').format(utcMidnight(date));
}

// Building a format costs far more than using one; messages format thousands of amounts.
const moneyFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function moneyFormat(language: string, currency: CurrencyCode, exponent: number, display: 'symbol' | 'code'): Intl.NumberFormat {
  const key = `${language}:${currency}:${exponent}:${display}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, { style: 'currency', currency, currencyDisplay: display, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
    moneyFormats.set(key, format);
  }
  return format;
}

function dateFormat(language: MessageLanguage, style: 'long' | 'short'): Intl.DateTimeFormat {
  const key = `${language}:${style}`;
  let format = dateFormats.get(key);
  if (!format) {
    const month = style === 'long' ? 'long' : '2-digit';
    format = new Intl.DateTimeFormat(language, { timeZone: 'UTC', day: style === 'long' ? 'numeric' : '2-digit', month, year: 'numeric' });
    dateFormats.set(key, format);
  }
  return format;
}

// Intl formats instants only; the plain date is placed at midnight UTC and read back in UTC, so
// no time zone can move it to another day.
function utcMidnight(date: IsoDate): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}

/**
 * A channel as a plain word inside a sentence: "our last email" in English; in German, French
 * and Spanish the word follows a preposition without an article ("per Post", "par courrier",
 * "por carta"), so no template has to agree an article with it.
 */
const channelWords: Record<MessageLanguage, Record<SendChannel, string>> = {
  'en-US': { email: 'email', letter: 'letter', sms: 'text message' },
  'en-GB': { email: 'email', letter: 'letter', sms: 'text message' },
  'de-DE': { email: 'E-Mail', letter: 'Post', sms: 'SMS' },
  'fr-FR': { email: 'e-mail', letter: 'courrier', sms: 'SMS' },
  'es-ES': { email: 'correo electrónico', letter: 'carta', sms: 'SMS' },
};

export function channelWord(language: MessageLanguage, channel: SendChannel): string {
  return channelWords[language][channel];
}
