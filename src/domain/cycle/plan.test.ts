import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, type IsoDate } from '../calendar.ts';
import { collectionSettings } from '../collection-settings.ts';
import { builtInPlaybooks } from '../playbooks/default-playbooks.ts';
import { toneRank, type PlaybookVersion, type Tone } from '../playbooks/playbook.ts';
import type { Delivery } from './customer-state.ts';
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
      ['case:11:reminder-missed', 'reminder-missed', 'email'],
    ]);
    expect(first.actions[0]!.invoices.map((i) => i.number)).toEqual(['INV-1']);
    // once it has been planned, never again
    const later = planCustomer({ ...consumer, done: new Map([[validationNoticeKey(11n), '2026-10-16']]) }, standard, agency, '2026-10-17');
    expect(later.actions.map((a) => a.template)).not.toContain('validation-notice');
    // a creditor collecting its own debts, or a business debtor: no validation notice
    expect(planCustomer(consumer, standard, settings, '2026-10-16').actions.map((a) => a.template)).not.toContain('validation-notice');
    expect(planCustomer(customer(), standard, agency, '2026-10-16').actions.map((a) => a.template)).not.toContain('validation-notice');
  });

  it('starts a case never chased with the playbook’s first friendly step, however old the debt', () => {
    // INV-1 is 15 days overdue on 2026-10-16, past "Firmer reminder" (day 14) on the calendar
    const outcome = planCustomer(customer(), standard, settings, '2026-10-16');
    expect(outcome.actions).toHaveLength(1);
    const [action] = outcome.actions;
    expect(action).toMatchObject({
      key: 'case:11:reminder-missed',
      stepKey: 'reminder-missed',
      tone: 'friendly',
      channel: 'email',
      kind: 'send',
      amounts: { GBP: 100_00n },
      blocked: null,
    });
    expect(action!.invoices.map((i) => i.number)).toEqual(['INV-1']);
    expect(action!.why).toMatch(/INV-1 is 15 day\(s\) overdue and nothing has been sent in this case yet: the first step, "It may have been missed"/);
    // 200 days overdue, a gentle customer: still the friendly opening
    expect(planCustomer(customer(), gentle, settings, addDays('2026-10-01', 200)).actions.map((a) => [a.stepKey, a.tone])).toEqual([['reminder-missed', 'friendly']]);
  });

  it('times the steps after a late first contact from that contact, each waiting its own gap after the last message that reached them', () => {
    // first contact on day 15 (2026-10-16): the clock starts on day 14 (15 − the first step's offset 1)
    const first = new Map([[caseStepKey(11n, 'reminder-missed'), '2026-10-16']]);
    const one = [customer().invoices[0]!];
    // the follow-up is day 7 of the playbook: 6 days after the first contact
    expect(planCustomer(customer({ done: first, invoices: one }), standard, settings, '2026-10-21').actions).toEqual([]);
    expect(planCustomer(customer({ done: first, invoices: one }), standard, settings, '2026-10-22').actions.map((a) => a.stepKey)).toEqual(['follow-up']);
    // a follow-up that went out two days late: the firm reminder waits its own 7 days after it
    const late = new Map([...first, [caseStepKey(11n, 'follow-up'), '2026-10-24']]);
    expect(planCustomer(customer({ done: late, invoices: one }), standard, settings, '2026-10-30').actions.map((a) => a.stepKey)).toEqual(['follow-up:no-response']);
    expect(planCustomer(customer({ done: late, invoices: one }), standard, settings, '2026-10-31').actions.map((a) => a.stepKey)).toEqual(['firm-reminder']);
  });

  it('waits while the last message is on its way (deferred, written to the outbox folder, printed not posted), and for the deadline it gave', () => {
    const key = caseStepKey(11n, 'reminder-missed');
    const done = new Map([[key, '2026-10-02']]);
    const one = [customer().invoices[0]!];
    const waiting = customer({ done, invoices: one, delivery: new Map([[key, { status: 'waiting' }]]) });
    expect(planCustomer(waiting, standard, settings, '2026-12-01').actions).toEqual([]);
    // it reached them on 10-05 with a deadline of 10-20: the follow-up (6 days later) waits for the deadline
    const withDeadline = customer({ done, invoices: one, delivery: new Map([[key, { status: 'reached', on: '2026-10-05', deadlineOn: '2026-10-20' }]]) });
    expect(planCustomer(withDeadline, standard, settings, '2026-10-20').actions).toEqual([]);
    expect(planCustomer(withDeadline, standard, settings, '2026-10-21').actions.map((a) => a.stepKey)).toEqual(['follow-up']);
    // it never reached them (blocked): the case goes on from the day it was planned
    const lapsed = customer({ done, invoices: one, delivery: new Map([[key, { status: 'lapsed', on: '2026-10-02' }]]) });
    expect(planCustomer(lapsed, standard, settings, '2026-10-08').actions.map((a) => a.stepKey)).toEqual(['follow-up']);
  });

  it('covers every overdue invoice in one consolidated action, currencies kept apart', () => {
    const [action] = planCustomer(customer(), standard, settings, '2026-11-01').actions;
    expect(action!.invoices.map((i) => i.number)).toEqual(['INV-1', 'INV-2']);
    expect(action!.amounts).toEqual({ GBP: 100_00n, USD: 50_00n });
  });

  it('after downtime takes the next step once, never a jump to a late one', () => {
    const done = new Map([[caseStepKey(11n, 'reminder-missed'), '2026-10-02']]);
    const outcome = planCustomer(customer({ done }), standard, settings, '2026-11-05'); // 35 days: the demand letter on the calendar
    expect(outcome.actions.map((a) => a.key)).toEqual(['case:11:follow-up']);
    expect(outcome.actions[0]!.why).toMatch(/due since 2026-10-08; taken once, the later steps keep their gaps/);
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
    const outcome = planCustomer(customer({ done, brokenArrangement: { kind: 'promise', id: 5n, brokenOn: '2026-10-12' } }), standard, settings, '2026-10-13');
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
    const at = '2026-11-16';
    const demand = customer({ done: new Map([[caseStepKey(11n, 'demand-letter'), '2026-10-31']]), invoices: [customer().invoices[0]!] });
    expect(planCustomer(demand, standard, settings, at).actions[0]).toMatchObject({ stepKey: 'final-notice', nextStep: null });
    expect(planCustomer(demand, standard, { ...settings, agencyEnabled: true }, at).actions[0]).toMatchObject({ nextStep: 'agency' });
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

  it('property: whatever the debt’s age, playbook and days run, a case opens friendly, never goes softer, and each step waits its gap after the last message that reached the debtor and its deadline', () => {
    const tight: PlaybookVersion = { playbook: builtInPlaybooks.find((p) => p.name === 'tight')!, version: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom(standard, gentle, tight),
        fc.integer({ min: 5, max: 200 }),
        fc.array(fc.record({ runs: fc.boolean(), delay: fc.integer({ min: 0, max: 3 }), deadline: fc.integer({ min: 0, max: 20 }), reaches: fc.integer({ min: 0, max: 9 }) }), { minLength: 30, maxLength: 150 }),
        (chosen, ageOnImport, days) => {
          const start = '2026-10-01';
          const invoice = { id: 1n, number: 'INV-1', currency: 'GBP', dueDate: addDays(start, -ageOnImport), amount: 100_00n };
          const done = new Map<string, IsoDate>();
          const delivery = new Map<string, Delivery>();
          const taken: { key: string; lapsed: boolean; tone: Tone; offset: number; reachedOn: IsoDate | null; deadlineOn: IsoDate | null; plannedOn: IsoDate }[] = [];
          days.forEach((day, n) => {
            const date = addDays(start, n);
            if (!day.runs) return;
            const { actions } = planCustomer(customer({ done, delivery, invoices: [invoice] }), chosen, settings, date);
            for (const action of actions.filter((a) => a.key === caseStepKey(11n, a.stepKey) && !a.key.endsWith(':no-response'))) {
              const step = chosen.playbook.steps[action.stepIndex]!;
              const previous = taken.at(-1);
              if (!previous) expect(action.tone).toBe('friendly');
              else {
                expect(toneRank(action.tone)).toBeGreaterThanOrEqual(toneRank(previous.tone));
                // nothing new while the last message was still on its way
                const since = previous.reachedOn ?? (previous.lapsed ? previous.plannedOn : null);
                expect(since).not.toBeNull();
                expect(daysBetween(since!, date)).toBeGreaterThanOrEqual(step.offsetDays - previous.offset);
                if (previous.deadlineOn) expect(date > previous.deadlineOn).toBe(true);
              }
              done.set(action.key, date);
              // most messages reach the debtor after a delay, some never do (blocked, failed), some are still on their way
              const reachedOn = day.reaches >= 2 ? addDays(date, day.delay) : null;
              const deadlineOn = reachedOn && action.kind === 'send' ? addDays(reachedOn, 7 + day.deadline) : null;
              delivery.set(action.key, reachedOn ? { status: 'reached', on: reachedOn, deadlineOn } : day.reaches === 1 ? { status: 'lapsed', on: date } : { status: 'waiting' });
              taken.push({ key: action.key, tone: action.tone, offset: step.offsetDays, reachedOn, deadlineOn, plannedOn: date, lapsed: !reachedOn && day.reaches === 1 });
            }
            // a message on its way for a week reaches them then (the next day's run sees it)
            for (const [key, state] of delivery) {
              if (state.status !== 'waiting' || daysBetween(done.get(key)!, date) < 7) continue;
              delivery.set(key, { status: 'reached', on: date, deadlineOn: null });
              const entry = taken.find((t) => t.key === key);
              if (entry) entry.reachedOn = date;
            }
          });
        },
      ),
    );
  });
});
