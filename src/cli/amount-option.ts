// An amount typed at the command line (e.g. --amount 250.00), read exactly into minor units of
// its currency: never through a float, and never silently rounded.
import { currencyExponent } from '../domain/currencies.ts';
import { parseAmount } from '../domain/money.ts';
import { AppError } from '../errors.ts';

export function amountOption(option: string, text: string, currency: string): bigint {
  const parsed = parseAmount(text, currency);
  if (parsed.ok) return parsed.value;
  const decimals = currencyExponent(currency);
  // parseAmount speaks to imports ("round it in the source"); here the user can simply retype it.
  const message = parsed.message.replace('; round it in the source', `; write it with at most ${decimals} decimal${decimals === 1 ? '' : 's'}`);
  throw new AppError('invalid_input', `${option} "${text}" ${message}`);
}
