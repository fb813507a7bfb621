// Values the pure planner and guard tests build on: a customer's state, a proposed action and a
// debtor, each with plain defaults a test overrides where it matters.
import type { Debtor } from '../../src/domain/compliance/contact-rules.ts';
import type { CustomerState, Delivery } from '../../src/domain/cycle/customer-state.ts';
import type { ProposedAction } from '../../src/domain/cycle/plan.ts';

/**
 * Customer 7, a business in London with an open case (11) and three invoices, two of them overdue in October 2026.
 * Unless `delivery` is given, every action of `done` reached the customer on the day it was planned.
 */
export function customerState(overrides: Partial<CustomerState> = {}): CustomerState {
  const done = overrides.done ?? new Map();
  const delivery = overrides.delivery ?? new Map([...done].map(([key, on]): [string, Delivery] => [key, { status: 'reached', on, deadlineOn: null }]));
  return {
    customerId: 7n,
    externalId: 'C-7',
    name: 'Acme Ltd',
    profile: { kind: 'business', tags: [], risk: 'normal', customerSince: '2025-01-01', playbookOverride: null },
    excludedReason: null,
    hold: null,
    timeZone: 'Europe/London',
    reach: { email: true, letter: true, sms: false, call: true },
    invoices: [
      { id: 1n, number: 'INV-1', currency: 'GBP', dueDate: '2026-10-01', amount: 100_00n },
      { id: 2n, number: 'INV-2', currency: 'USD', dueDate: '2026-10-20', amount: 50_00n },
      { id: 3n, number: 'INV-3', currency: 'GBP', dueDate: '2026-11-25', amount: 30_00n },
    ],
    caseId: 11n,
    done: new Map(),
    lastResponseOn: null,
    said: null,
    pendingPromise: null,
    brokenArrangement: null,
    bookings: new Map(),
    debtor: debtor(),
    ...overrides,
    delivery,
  };
}

export function proposedAction(overrides: Partial<ProposedAction> = {}): ProposedAction {
  return {
    key: 'case:1:firm-reminder',
    customerId: 1n,
    caseId: 1n,
    kind: 'send',
    channel: 'email',
    stepKey: 'firm-reminder',
    stepName: 'Firmer reminder',
    stepIndex: 3,
    tone: 'firm',
    template: 'firm-reminder',
    playbook: { name: 'standard', version: 0 },
    invoices: [{ id: 1n, number: 'INV-1', currency: 'USD', dueDate: '2026-09-01', amount: 100_00n }],
    amounts: { USD: 100_00n },
    applyCharges: false,
    nextStep: null,
    why: '',
    blocked: null,
    ...overrides,
  };
}

/** A business debtor in England with nothing that limits contact. */
export function debtor(overrides: Partial<Debtor> = {}): Debtor {
  return {
    kind: 'business',
    country: 'GB',
    region: 'ENG',
    city: null,
    timeZone: 'Europe/London',
    timeZoneKnown: true,
    ceaseRequestedOn: null,
    attorneyRepresented: false,
    bankruptcy: false,
    breathingSpaceUntil: null,
    inconvenientTimes: [],
    lastConversationOn: null,
    ...overrides,
  };
}
