import { describe, expect, it } from 'vitest';
import { dueAtLocal } from '../compliance/judge-attempt.ts';
import { guardActions } from './guard.ts';
import type { Channel } from '../playbooks/playbook.ts';
import { proposedAction } from '../../../test/support/domain-fixtures.ts';
import type { ProposedAction } from './plan.ts';

const action = (overrides: Partial<ProposedAction> = {}) => proposedAction({ invoices: [], amounts: {}, ...overrides });

const context = { date: '2026-11-23', timeZone: 'America/New_York', sendHour: 9, bookings: new Map<string, Channel[]>() };

describe('guardActions', () => {
  it('makes an action due at the send hour in the debtor’s own time zone, with its offset', () => {
    expect(dueAtLocal('2026-11-23', 9, 'America/New_York')).toBe('2026-11-23T09:00:00-05:00');
    expect(dueAtLocal('2026-07-01', 9, 'Europe/London')).toBe('2026-07-01T09:00:00+01:00');
    expect(guardActions([action()], context)).toEqual([{ status: 'allowed', dueAt: '2026-11-23T09:00:00-05:00', rule: null, reason: null, refusal: null }]);
  });

  it('one message a day across all channels: a second is deferred to the next free day, with the rule and why', () => {
    const verdicts = guardActions([action({ channel: 'call', kind: 'task' }), action({ key: 'b' })], context);
    expect(verdicts[0]!.status).toBe('allowed');
    expect(verdicts[1]).toEqual({
      status: 'deferred',
      dueAt: '2026-11-24T09:00:00-05:00',
      rule: 'one-message-per-day',
      reason: expect.stringMatching(/already planned for 2026-11-23.*Deferred to 2026-11-24\./),
      refusal: { rule: 'one-message-per-day', code: 'day-refused', permanent: false, says: expect.stringMatching(/already planned for 2026-11-23; at most one message/) },
      deferredTo: '2026-11-24',
    });
  });

  it('counts what was already booked for the debtor that day and after', () => {
    const booked = new Map<string, Channel[]>([
      ['2026-11-23', ['letter']],
      ['2026-11-24', ['call']],
    ]);
    const [verdict] = guardActions([action()], { ...context, bookings: booked });
    expect(verdict).toMatchObject({ status: 'deferred', dueAt: '2026-11-25T09:00:00-05:00' });
  });

  it('a review task for a person is not a message to the debtor', () => {
    const verdicts = guardActions([action(), action({ key: 'r', kind: 'task', channel: 'review' })], context);
    expect(verdicts.map((v) => v.status)).toEqual(['allowed', 'allowed']);
  });

  it('keeps the planner’s block', () => {
    const [verdict] = guardActions([action({ blocked: { rule: 'no-channel', reason: 'No way to reach' } })], context);
    expect(verdict).toMatchObject({ status: 'blocked', rule: 'no-channel', reason: 'No way to reach' });
  });
});
