// How amounts and dates read in each message language. Money stays in integer minor units until
// this point; Intl formats the exact decimal text (never a float).
import type { IsoDate } from '../calendar.ts';
import type { CurrencyCode } from '../currencies.ts';
import { formatMoney } from '../money.ts';
import type { MessageLanguage, WrittenChannel } from '../messages/message-model.ts';

/** "$1,234.56" (en-US), "£1,234.56" (en-GB); other currencies with their own symbol or code. */
export function formatAmount(language: MessageLanguage, amount: bigint, currency: CurrencyCode): string {
  return formatMoney(amount, currency, language);
}

/** "November 23, 2026" (en-US), "23 November 2026" (en-GB). */
export function formatDate(language: MessageLanguage, date: IsoDate): string {
  return dateFormat(language, 'long').format(utcMidnight(date));
}

/** "11/23/2026" (en-US), "23/11/2026" (en-GB): for tables, where space is short. */
export function formatShortDate(language: MessageLanguage, date: IsoDate): string {
  return dateFormat(language, 'short').format(utcMidnight(date));
}

const formats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(language: MessageLanguage, style: 'long' | 'short'): Intl.DateTimeFormat {
  const key = `${language}:${style}`;
  let format = formats.get(key);
  if (!format) {
    const month = style === 'long' ? 'long' : '2-digit';
    format = new Intl.DateTimeFormat(language, { timeZone: 'UTC', day: style === 'long' ? 'numeric' : '2-digit', month, year: 'numeric' });
    formats.set(key, format);
  }
  return format;
}

// Intl formats instants only; the plain date is placed at midnight UTC and read back in UTC, so
// no time zone can move it to another day.
function utcMidnight(date: IsoDate): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day);
}

/** A channel as a plain word inside a sentence ("our last email", "our letter of …"). */
const channelWords: Record<MessageLanguage, Record<WrittenChannel, string>> = {
  'en-US': { email: 'email', letter: 'letter', sms: 'text message' },
  'en-GB': { email: 'email', letter: 'letter', sms: 'text message' },
};

export function channelWord(language: MessageLanguage, channel: WrittenChannel): string {
  return channelWords[language][channel];
}
