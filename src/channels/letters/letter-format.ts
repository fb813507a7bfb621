// Amounts and dates as a letter prints them: the same text as every other channel (the template
// formatting helpers), made printable in the letters' fonts.
import { currencyExponent, type CurrencyCode } from '../../domain/currencies.ts';
import type { MessageLanguage } from '../../domain/messages/message-model.ts';
import { toDecimalString } from '../../domain/money.ts';
import { formatAmount } from '../../domain/templates/format.ts';
import { isPrintable } from './printable-text.ts';

/**
 * "$1,234.56", "£1,234.56", "€1,234.56" as formatAmount writes them. A currency whose symbol the
 * letters' fonts lack is written with its code instead ("XYZ 1,234.56"), so no amount
 * ever prints with a wrong sign.
 */
export function letterAmount(language: MessageLanguage, amount: bigint, currency: CurrencyCode): string {
  const text = formatAmount(language, amount, currency);
  if ([...text].every(isPrintable)) return text;
  const exponent = currencyExponent(currency);
  const format = new Intl.NumberFormat(language, { style: 'currency', currency, currencyDisplay: 'code', minimumFractionDigits: exponent, maximumFractionDigits: exponent });
  // Intl formats a decimal string exactly (no conversion to a float), as formatMoney does.
  return format.format(toDecimalString(amount, currency) as unknown as number);
}
