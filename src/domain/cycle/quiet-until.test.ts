import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../calendar.ts';
import { builtInPlaybooks, type PlaybookRule } from '../playbooks/default-playbooks.ts';
import type { PlaybookVersion } from '../playbooks/playbook.ts';
import { customerState } from '../../../test/support/domain-fixtures.ts';
import type { CustomerState } from './customer-state.ts';
import { longestQuietDays, quietUntil } from './quiet-until.ts';

const standard: PlaybookVersion = { playbook: builtInPlaybooks.find((p) => p.name === 'standard')!, version: 0 };
const today = '2026-11-24';

/** A customer whose every step's day is long past: nothing the planner reads gives a later day. */
function settled(customerId: bigint, overrides: Partial<CustomerState> = {}): CustomerState {
  const profile = { kind: 'business', tags: [], risk: 'normal', customerSince: null, playbookOverride: null } as const;
  return customerState({ customerId, profile, caseId: null, invoices: [{ id: 1n, number: 'INV-1', currency: 'GBP', dueDate: '2025-01-01', amount: 100_00n }], ...overrides });
}

describe('quietUntil', () => {
  it('with no later day of its own, plans a customer again within four weeks, each customer on a day of its own', () => {
    const days = Array.from({ length: longestQuietDays }, (_, index) => quietUntil(settled(BigInt(1000 + index)), standard, [], today, []));
    for (const day of days) expect(daysBetween(today, day)).toBeGreaterThanOrEqual(1);
    for (const day of days) expect(daysBetween(today, day)).toBeLessThanOrEqual(longestQuietDays);
    // a portfolio planned all on one day is spread over the four weeks, not planned together again
    expect(new Set(days).size).toBe(longestQuietDays);
  });

  it("keeps a customer's day whichever day before it the customer is planned on", () => {
    const until = quietUntil(settled(77n), standard, [], today, []);
    for (let day = today; day < until; day = addDays(day, 1)) expect(quietUntil(settled(77n), standard, [], day, [])).toBe(until);
    // and the next one is four weeks later
    expect(quietUntil(settled(77n), standard, [], until, [])).toBe(addDays(until, longestQuietDays));
  });

  it('ends earlier on the first day the planner could act: an invoice falling due, a hold ending', () => {
    const dueSoon = { id: 2n, number: 'INV-2', currency: 'GBP', dueDate: addDays(today, 2), amount: 10_00n };
    expect(quietUntil(settled(77n, { invoices: [dueSoon] }), standard, [], today, [])).toBe(addDays(today, 3));
    expect(quietUntil(settled(77n, { hold: { reason: 'query', until: addDays(today, 1) } }), standard, [], today, [])).toBe(addDays(today, 2));
  });

  it('counts a second invoice falling overdue only where a rule or step asks for a minimum overdue balance', () => {
    const overdueAndSoon = settled(77n, {
      invoices: [
        { id: 1n, number: 'INV-1', currency: 'GBP', dueDate: '2025-01-01', amount: 100_00n },
        { id: 2n, number: 'INV-2', currency: 'GBP', dueDate: addDays(today, 2), amount: 900_00n },
      ],
    });
    // the case's clock runs from INV-1 already: INV-2 falling due changes no step
    expect(quietUntil(overdueAndSoon, standard, [], today, [])).not.toBe(addDays(today, 3));
    // but it can take the customer over a rule's minimum, and so to another playbook
    const bigDebts: PlaybookRule = { playbookName: 'tight', conditions: { minBalance: { GBP: '500.00' } } };
    expect(quietUntil(overdueAndSoon, standard, [bigDebts], today, [])).toBe(addDays(today, 3));
  });
});
