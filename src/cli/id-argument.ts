// An id typed at the command line (an action, a hold, a promise, a customer's id), read as bigint,
// or a clear error naming what was expected and, when given, where to find the ids.
import { AppError } from '../errors.ts';

export function idArgument(what: string, text: string, whereListed?: string): bigint {
  if (!/^\d{1,18}$/.test(text)) throw new AppError('invalid_input', `the ${what} must be a number, e.g. 12 (got "${text}")${whereListed ? `; \`${whereListed}\` shows them` : ''}`);
  return BigInt(text);
}
