// Values the pure planner and guard tests build on: a proposed action and a debtor, each with
// plain defaults a test overrides where it matters.
import type { Debtor } from '../../src/domain/compliance/contact-rules.ts';
import type { ProposedAction } from '../../src/domain/cycle/plan.ts';

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
