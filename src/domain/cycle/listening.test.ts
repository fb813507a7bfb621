import { describe, expect, it } from 'vitest';
import { collectionSettings } from '../collection-settings.ts';
import { builtInPlaybooks } from '../playbooks/default-playbooks.ts';
import type { PlaybookVersion } from '../playbooks/playbook.ts';
import { validatePlaybook } from '../playbooks/validate-playbook.ts';
import { customerState } from '../../../test/support/domain-fixtures.ts';
import type { Delivery } from './customer-state.ts';
import { decideCustomer } from './decide-customer.ts';
import { pathFor, pathReason } from './listening.ts';
import { caseStepKey, planCustomer, planOfferKey } from './plan.ts';
import { quietUntil } from './quiet-until.ts';

const standard: PlaybookVersion = { playbook: builtInPlaybooks.find((p) => p.name === 'standard')!, version: 0 };
const settings = collectionSettings({ collections: { agencyEnabled: true } });
const one = [customerState().invoices[0]!]; // INV-1, GBP 100.00, due 2026-10-01
// the case reached "Friendly follow-up" (day 7) on 2026-10-08; the debtor spoke on the phone on 2026-10-10
const followedUp = new Map([
  [caseStepKey(11n, 'reminder-missed'), '2026-10-02'],
  [caseStepKey(11n, 'follow-up'), '2026-10-08'],
]);
const said = (outcome: 'cant_pay' | 'wont_pay' | 'already_paid' | 'dispute') => customerState({ invoices: one, done: followedUp, lastResponseOn: '2026-10-10', said: { outcome, on: '2026-10-10' } });

describe('listening paths', () => {
  it('the shipped playbooks listen for all four outcomes and pass validation', () => {
    for (const playbook of builtInPlaybooks) {
      expect(Object.keys(playbook.listening ?? {}).sort(), playbook.name).toEqual(['already_paid', 'cant_pay', 'dispute', 'wont_pay']);
      expect(validatePlaybook(playbook, { settings }).ok, playbook.name).toBe(true);
    }
    expect(pathFor(standard.playbook, 'cant_pay')?.path).toBe('sympathetic');
    expect(pathFor(standard.playbook, 'wont_pay')?.path).toBe('firm');
    expect(pathFor(standard.playbook, 'already_paid')?.path).toBe('verify');
    expect(pathFor(standard.playbook, 'promise')).toBeUndefined();
    expect(pathReason(pathFor(standard.playbook, 'cant_pay')!, { outcome: 'cant_pay', on: '2026-10-10' })).toBe('path: sympathetic, because call outcome "cannot pay now (hardship): offer a plan, review" on 2026-10-10');
  });

  it('cannot pay: the plan offer next, then nothing firmer until the offer has had its time, then a slower cadence', () => {
    const offer = planCustomer(said('cant_pay'), standard, settings, '2026-10-11');
    expect(offer.actions.map((a) => [a.key, a.template, a.tone, a.channel])).toEqual([[planOfferKey(11n, '2026-10-10'), 'plan-offer', 'friendly', 'email']]);
    expect(offer.actions[0]!.why).toMatch(/^Path: sympathetic, because call outcome "cannot pay now/);

    // the offer reached them on 2026-10-11: "Firmer reminder" (day 14, 2026-10-15) waits 21 days after it
    const offered = (delivery: Delivery) => {
      const done = new Map([...followedUp, [planOfferKey(11n, '2026-10-10'), '2026-10-11']]);
      const deliveries = new Map<string, Delivery>([...followedUp].map(([key, on]) => [key, { status: 'reached', on, deadlineOn: null }]));
      deliveries.set(planOfferKey(11n, '2026-10-10'), delivery);
      return customerState({ invoices: one, done, delivery: deliveries, lastResponseOn: '2026-10-10', said: { outcome: 'cant_pay', on: '2026-10-10' } });
    };
    const reached = offered({ status: 'reached', on: '2026-10-11', deadlineOn: null });
    for (const day of ['2026-10-15', '2026-10-20', '2026-10-31']) expect(planCustomer(reached, standard, settings, day).actions, day).toEqual([]);
    expect(planCustomer(reached, standard, settings, '2026-10-31').skipped?.reason).toBe('nothing_due');
    expect(planCustomer(reached, standard, settings, '2026-11-01').actions.map((a) => a.stepKey)).toEqual(['firm-reminder']);
    // the quiet days agree: the customer is next read on the day the offer's time is up
    expect(quietUntil(reached, standard, [], '2026-10-29', [])).toBe('2026-11-01');
    // still on its way: nothing at all (its delivery ends the quiet)
    expect(planCustomer(offered({ status: 'waiting' }), standard, settings, '2026-12-01').actions).toEqual([]);

    // afterwards at least minGapDays (14) between messages, instead of the schedule's 7
    const done = new Map([...followedUp, [planOfferKey(11n, '2026-10-10'), '2026-10-11'], [caseStepKey(11n, 'firm-reminder'), '2026-11-01']]);
    const later = customerState({ invoices: one, done, lastResponseOn: '2026-10-10', said: { outcome: 'cant_pay', on: '2026-10-10' } });
    expect(planCustomer(later, standard, settings, '2026-11-14').actions).toEqual([]);
    expect(planCustomer(later, standard, settings, '2026-11-15').actions.map((a) => a.stepKey)).toEqual(['statement-letter']);
    // without the path, the statement letter would have come 7 days after the firm reminder
    expect(planCustomer({ ...later, said: null }, standard, settings, '2026-11-08').actions.map((a) => a.stepKey)).toEqual(['statement-letter']);
  });

  it('will not pay: straight to the final notice, naming only an enabled next step; then the schedule goes on from there', () => {
    const firm = planCustomer(said('wont_pay'), standard, settings, '2026-10-11');
    expect(firm.actions.map((a) => [a.key, a.template, a.tone, a.nextStep])).toEqual([[caseStepKey(11n, 'final-notice'), 'final-notice', 'final', 'agency']]);
    expect(firm.actions[0]!.why).toMatch(/^Path: firm, because call outcome "will not pay" on 2026-10-10: "Final notice"/);
    expect(planCustomer(said('wont_pay'), standard, collectionSettings({}), '2026-10-11').actions[0]!.nextStep).toBeNull();
    // once taken, the next is the review on its own day (day 60), never the skipped firmer reminders
    const done = new Map([...followedUp, [caseStepKey(11n, 'final-notice'), '2026-10-11']]);
    const after = customerState({ invoices: one, done, lastResponseOn: '2026-10-10', said: { outcome: 'wont_pay', on: '2026-10-10' } });
    expect(planCustomer(after, standard, settings, '2026-11-29').actions).toEqual([]);
    expect(planCustomer(after, standard, settings, '2026-11-30').actions.map((a) => a.stepKey)).toEqual(['review']);
  });

  it('already paid and dispute change nothing in the schedule itself (the pause and the dispute do), and a playbook without listening ignores what was said', () => {
    for (const outcome of ['already_paid', 'dispute'] as const) {
      expect(planCustomer(said(outcome), standard, settings, '2026-10-15').actions.map((a) => a.stepKey), outcome).toEqual(['firm-reminder']);
    }
    const deaf: PlaybookVersion = { playbook: { ...standard.playbook, listening: undefined }, version: 1 };
    expect(planCustomer(said('cant_pay'), deaf, settings, '2026-10-15').actions.map((a) => a.stepKey)).toEqual(['firm-reminder']);
    expect(decideCustomer(said('cant_pay'), { playbooks: new Map([['standard', deaf]]), rules: [], settings }, '2026-10-15').actions.map((a) => a.proposal.stepKey)).toEqual(['firm-reminder']);
  });

  it('a playbook’s listening is checked: a friendly offer with a template for its channels, a firm path to a message step, disputes to the dispute path', () => {
    const problems = (listening: unknown) => {
      const result = validatePlaybook({ ...standard.playbook, listening }, { settings });
      return result.ok ? [] : result.problems.map((p) => p.path);
    };
    expect(problems({ cant_pay: { path: 'sympathetic', offer: { name: 'Offer', channels: ['sms'], template: 'plan-offer' }, offerDays: 14, minGapDays: 7 } })).toEqual(['listening.cant_pay.offer.template']);
    expect(problems({ cant_pay: { path: 'sympathetic', offer: { name: 'Offer', channels: ['email'], template: 'final-notice' }, offerDays: 14, minGapDays: 7 } })).toEqual(['listening.cant_pay.offer.template']);
    expect(problems({ wont_pay: { path: 'firm', finalStep: 'review' } })).toEqual(['listening.wont_pay.finalStep']);
    expect(problems({ wont_pay: { path: 'firm', finalStep: 'no-such-step' } })).toEqual(['listening.wont_pay.finalStep']);
    expect(problems({ dispute: { path: 'verify', pauseDays: 5 } })).toEqual(['listening.dispute.path']);
    expect(problems({ cant_pay: { path: 'dispute' } })).toEqual(['listening.cant_pay.path']);
    expect(problems({ wont_pay: { path: 'firm', finalStep: 'demand-letter' }, already_paid: { path: 'verify', pauseDays: 3 } })).toEqual([]);
  });
});
