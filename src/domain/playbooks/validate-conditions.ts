// Checks on conditions that their schema cannot make: a minimum balance must be a real amount in
// its currency (meetsConditions would otherwise treat it as never met, silently), and the
// customer-age bounds must leave some customer who can match.
import { isCurrencyCode } from '../currencies.ts';
import { parseAmount } from '../money.ts';
import type { Conditions } from './playbook.ts';
import type { PathProblem } from './shape-problems.ts';

export function conditionProblems(conditions: Conditions | undefined, path: string): PathProblem[] {
  if (!conditions) return [];
  const problems: PathProblem[] = [];
  for (const [currency, amount] of Object.entries(conditions.minBalance ?? {})) {
    const at = `${path}.minBalance.${currency}`;
    if (!isCurrencyCode(currency)) {
      problems.push({ path: at, message: `${currency} is not an ISO 4217 currency code: use one such as GBP, EUR or USD` });
      continue;
    }
    const parsed = parseAmount(amount, currency);
    if (!parsed.ok) problems.push({ path: at, message: `"${amount}" ${parsed.message}` });
  }
  const { customerForMonthsAtLeast: atLeast, customerForMonthsLessThan: lessThan } = conditions;
  if (atLeast !== undefined && lessThan !== undefined && atLeast >= lessThan) {
    problems.push({
      path: `${path}.customerForMonthsLessThan`,
      message: `no customer can be a customer for at least ${atLeast} and less than ${lessThan} months: make customerForMonthsLessThan more than ${atLeast}`,
    });
  }
  return problems;
}
