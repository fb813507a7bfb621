import { describe, expect, it } from 'vitest';
import { customerState } from '../../../test/support/domain-fixtures.ts';
import { addDays } from '../calendar.ts';
import { collectionSettings } from '../collection-settings.ts';
import { builtInPlaybookRules, builtInPlaybooks } from '../playbooks/default-playbooks.ts';
import { withoutChannels } from './customer-state.ts';
import { decideCustomer, type CycleSetup } from './decide-customer.ts';

const setup: CycleSetup = {
  playbooks: new Map(builtInPlaybooks.map((playbook) => [playbook.name, { playbook, version: 0 }])),
  rules: builtInPlaybookRules,
  settings: collectionSettings({}),
};
const today = '2026-11-23';

describe('decideCustomer', () => {
  it('plans a never-chased overdue customer’s first step, friendly and judged by the guard; acted on today, the customer is quiet from tomorrow at the earliest', () => {
    const decision = decideCustomer(customerState(), setup, today);
    expect(decision.skipped).toBeNull();
    expect(decision.actions.length).toBeGreaterThan(0);
    expect(decision.actions[0]!.proposal.tone).toBe('friendly');
    expect(decision.actions[0]!.verdict.status).toBe('allowed');
    if (decision.quiet) expect(decision.quiet.quietFrom).toBe(addDays(today, 1));
  });

  it('the same state, setup and date give the same decision (nothing else is read)', () => {
    expect(decideCustomer(customerState(), setup, today)).toEqual(decideCustomer(customerState(), setup, today));
  });

  it('an excluded customer is skipped, with nothing planned', () => {
    const decision = decideCustomer(customerState({ excludedReason: 'handled by the owner' }), setup, today);
    expect(decision.actions).toEqual([]);
    expect(decision.skipped).toBe('excluded');
  });

  it('plans around a channel the installation cannot send on: with no SMS provider, the tight playbook’s first reminder to a customer without email goes by letter, not by an SMS that would fail', () => {
    const state = customerState({ profile: { kind: 'business', tags: [], risk: 'high', customerSince: '2025-01-01', playbookOverride: 'tight' }, reach: { email: false, letter: true, sms: true, call: true } });
    const channelOf = (decision: ReturnType<typeof decideCustomer>) => decision.actions.filter(({ proposal }) => proposal.stepKey === 'reminder-missed').map(({ proposal }) => proposal.channel);
    expect(channelOf(decideCustomer(state, setup, today))).toEqual(['sms']);
    expect(channelOf(decideCustomer(withoutChannels(state, ['sms']), setup, today))).toEqual(['letter']);
    expect(withoutChannels(state, [])).toBe(state);
  });
});
