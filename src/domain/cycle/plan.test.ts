import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../calendar.ts';
import { collectionSettings } from '../collection-settings.ts';
import { builtInPlaybooks } from '../playbooks/default-playbooks.ts';
import type { PlaybookVersion } from '../playbooks/playbook.ts';
import { customerState, debtor } from '../../../test/support/domain-fixtures.ts';
import { brokenPromiseKey, caseStepKey, planCustomer, preDueKey, validationNoticeKey } from './plan.ts';

const standard: PlaybookVersion = { playbook: builtInPlaybooks.find((p) => p.name === 'standard')!, version: 0 };
const gentle: PlaybookVersion = { playbook: builtInPlaybooks.find((p) => p.name === 'gentle')!, version: 0 };
const settings = collectionSettings({});

const customer = customerState;

describe('planCustomer', () => {
  it('as an agency, sends a US consumer the Regulation F validation notice before anything else, once (12 CFR 1006.34)', () => {
    const agency = collectionSettings({ collections: { role: 'agency' } });
    const consumer = customer({ debtor: debtor({ kind: 'consumer', country: 'US', region: 'IL', timeZone: 'America/Chicago' }) });
    const first = planCustomer(consumer, standard, agency, '2026-10-16');
    expect(first.actions.map((a) => [a.key, a.template, a.channel])).toEqual([
      ['case:11:validation-notice', 'validation-notice', 'letter'],
      ['case:11:firm-reminder', 'firm-reminder', 'email'],
    ]);
    expect(first.actions[0]!.invoices.map((i) => i.number)).toEqual(['INV-1']);
    // once it has been planned, never again
    const later = planCustomer({ ...consumer, done: new Map([[validationNoticeKey(11n), '2026-10-16']]) }, standard, agency, '2026-10-17');
    expect(later.actions.map((a) => a.template)).not.toContain('validation-notice');
    // a creditor collecting its own debts, or a business debtor: no validation notice
    expect(planCustomer(consumer, standard, settings, '2026-10-16').actions.map((a) => a.template)).not.toContain('validation-notice');
    expect(planCustomer(customer(), standard, agency, '2026-10-16').actions.map((a) => a.template)).not.toContain('validation-notice');
  });

  it('takes the furthest step reached, once, for all overdue invoices, amounts per currency', () => {
    // INV-1 is 15 days overdue on 2026-10-16: "Firmer reminder" (day 14) of the standard playbook.
    const outcome = planCustomer(customer(), standard, settings, '2026-10-16');
    expect(outcome.actions).toHaveLength(1);
    const [action] = outcome.actions;
    expect(action).toMatchObject({
      key: 'case:11:firm-reminder',
      stepKey: 'firm-reminder',
      tone: 'firm',
      channel: 'email',
      kind: 'send',
      amounts: { GBP: 100_00n },
      blocked: null,
    });
    expect(action!.invoices.map((i) => i.number)).toEqual(['INV-1']);
    expect(action!.why).toMatch(/INV-1 is 15 day\(s\) overdue: step "Firmer reminder" \(day 14\)/);
  });

  it('covers every overdue invoice in one consolidated action, currencies kept apart', () => {
    const [action] = planCustomer(customer(), standard, settings, '2026-11-01').actions;
    expect(action!.invoices.map((i) => i.number)).toEqual(['INV-1', 'INV-2']);
    expect(action!.amounts).toEqual({ GBP: 100_00n, USD: 50_00n });
  });

  it('after downtime takes only today’s step, saying the missed ones passed', () => {
    const done = new Map([[caseStepKey(11n, 'reminder-missed'), '2026-10-02']]);
    const outcome = planCustomer(customer({ done }), standard, settings, '2026-11-05'); // 35 days: demand letter
    expect(outcome.actions.map((a) => a.key)).toEqual(['case:11:demand-letter']);
    expect(outcome.actions[0]!.applyCharges).toBe(true);
    expect(outcome.actions[0]!.why).toMatch(/3 earlier step\(s\) passed/);
  });

  it('never goes back to a softer step when a younger invoice becomes the oldest', () => {
    const done = new Map([[caseStepKey(11n, 'final-notice'), '2026-11-15']]);
    const invoices = [{ id: 2n, number: 'INV-2', currency: 'USD', dueDate: '2026-11-10', amount: 50_00n }];
    expect(planCustomer(customer({ done, invoices }), standard, settings, '2026-11-20').actions).toEqual([]);
  });

  it('follows up with a call when the email got no response in time, once', () => {
    const done = new Map([[caseStepKey(11n, 'follow-up'), '2026-10-08']]);
    const quiet = planCustomer(customer({ done }), standard, settings, '2026-10-13');
    expect(quiet.actions).toMatchObject([{ key: 'case:11:follow-up:no-response', channel: 'call', kind: 'task', template: 'call-friendly' }]);
    const answered = planCustomer(customer({ done, lastResponseOn: '2026-10-10' }), standard, settings, '2026-10-13');
    expect(answered.actions).toEqual([]);
    const alreadyFollowed = new Map([...done, ['case:11:follow-up:no-response', '2026-10-13']]);
    expect(planCustomer(customer({ done: alreadyFollowed }), standard, settings, '2026-10-14').actions).toEqual([]);
  });

  it('switches channel when email cannot be used (bounced or opted out), and blocks with a reason when nothing can', () => {
    const letter = planCustomer(customer({ reach: { email: false, letter: true, sms: false, call: false } }), standard, settings, '2026-10-16');
    expect(letter.actions[0]).toMatchObject({ channel: 'letter', kind: 'send', blocked: null });
    const none = planCustomer(customer({ reach: { email: false, letter: false, sms: false, call: false } }), standard, settings, '2026-10-16');
    expect(none.actions[0]!.blocked).toEqual({ rule: 'no-channel', reason: expect.stringMatching(/No way to reach Acme Ltd.*email or letter/) });
  });

  it('sends a friendly note before due once per due date', () => {
    const state = customer({ invoices: [{ id: 3n, number: 'INV-3', currency: 'GBP', dueDate: '2026-11-25', amount: 30_00n }], caseId: null });
    const outcome = planCustomer(state, standard, settings, '2026-11-23');
    expect(outcome.actions).toMatchObject([{ key: preDueKey(7n, '2026-11-25', 'pre-due-note'), caseId: null, tone: 'friendly', amounts: { GBP: 30_00n } }]);
    const done = new Map([[preDueKey(7n, '2026-11-25', 'pre-due-note'), '2026-11-22']]);
    expect(planCustomer({ ...state, done }, standard, settings, '2026-11-23').actions).toEqual([]);
  });

  it('does not chase a customer who is excluded, on hold or has promised to pay', () => {
    expect(planCustomer(customer({ excludedReason: 'family friend' }), standard, settings, '2026-10-16').skipped).toEqual({ reason: 'excluded', detail: 'excluded from collection: family friend' });
    expect(planCustomer(customer({ hold: { reason: 'talking to their bank', until: '2026-12-01' } }), standard, settings, '2026-10-16').skipped?.reason).toBe('on_hold');
    expect(planCustomer(customer({ pendingPromise: { dueOn: '2026-10-30' } }), standard, settings, '2026-10-16').skipped?.reason).toBe('promise_pending');
  });

  it('after a broken promise: a call, and one step firmer than the last taken', () => {
    const done = new Map([[caseStepKey(11n, 'follow-up'), '2026-10-08']]);
    const outcome = planCustomer(customer({ done, brokenPromise: { id: 5n, brokenOn: '2026-10-12' } }), standard, settings, '2026-10-13');
    expect(outcome.actions.map((a) => [a.key, a.channel, a.tone])).toEqual([
      [brokenPromiseKey(5n), 'call', 'firm'],
      ['case:11:firm-reminder', 'email', 'firm'],
    ]);
  });

  it('gives long-standing customers the gentle playbook’s personal call before anything firm', () => {
    const done = new Map([[caseStepKey(11n, 'follow-up'), '2026-10-15']]);
    const outcome = planCustomer(customer({ done }), gentle, settings, '2026-10-25');
    expect(outcome.actions).toMatchObject([{ stepKey: 'personal-call', channel: 'call', kind: 'task', tone: 'friendly' }]);
  });

  it('names the next step in a final notice only when the organisation has enabled it', () => {
    const at = '2026-11-16'; // 46 days: final notice
    expect(planCustomer(customer(), standard, settings, at).actions[0]).toMatchObject({ stepKey: 'final-notice', nextStep: null });
    expect(planCustomer(customer(), standard, { ...settings, agencyEnabled: true }, at).actions[0]).toMatchObject({ nextStep: 'agency' });
  });

  it('property: run on any days, a case takes each step at most once, always firmer-or-later, at most one step per day', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 120 }), { minLength: 1, maxLength: 40 }), (runDays) => {
        const done = new Map<string, IsoDate>();
        const taken: number[] = [];
        for (const day of [...runDays].sort((a, b) => a - b)) {
          const date = addDays('2026-10-01', day);
          const outcome = planCustomer(customer({ done, invoices: [customer().invoices[0]!] }), standard, settings, date);
          const steps = outcome.actions.filter((a) => !a.key.endsWith(':no-response'));
          expect(steps.length).toBeLessThanOrEqual(1);
          for (const action of outcome.actions) {
            expect(done.has(action.key)).toBe(false);
            done.set(action.key, date);
          }
          taken.push(...steps.map((a) => a.stepIndex));
        }
        expect(taken).toEqual([...taken].sort((a, b) => a - b));
        expect(new Set(taken).size).toBe(taken.length);
      }),
    );
  });
});
