import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { debtor, proposedAction } from '../../../test/support/domain-fixtures.ts';
import { sendCheck, type SendFacts } from './send-check.ts';

const org = { role: 'creditor' as const, noWeekendContact: false, noHolidayContact: false, sendHour: 9 };
const facts = (overrides: Partial<SendFacts> = {}): SendFacts => ({
  debtor: debtor({ kind: 'consumer', timeZone: 'America/Chicago', country: 'US', region: 'IL' }),
  reachable: true,
  excludedReason: null,
  erased: false,
  onHold: false,
  promised: false,
  chaseable: [100_000n],
  ...overrides,
});
const at = (iso: string) => Temporal.Instant.from(iso);
const email = proposedAction({ channel: 'email', kind: 'send' });

describe('sendCheck: the last look before a message leaves', () => {
  it('sends within the debtor’s contact hours', () => {
    // 10:00 in Chicago
    expect(sendCheck(email, facts(), org, at('2026-11-23T16:00:00Z'))).toEqual({ send: true });
  });

  it('defers a consumer message at night to the send hour of their next day, and one before 08:00 to 08:00 the same day', () => {
    // 22:30 in Chicago
    expect(sendCheck(email, facts(), org, at('2026-11-24T04:30:00Z'))).toMatchObject({ send: false, status: 'deferred', dueAt: '2026-11-24T09:00:00-06:00', rule: 'consumer-contact-hours' });
    // 06:10 in Chicago: allowed from 08:00 today
    expect(sendCheck(email, facts(), org, at('2026-11-23T12:10:00Z'))).toMatchObject({ send: false, status: 'deferred', dueAt: '2026-11-23T08:00:00-06:00' });
  });

  it('sends while any part of an invoice may still be chased (a partly disputed one for the rest)', () => {
    expect(sendCheck(email, facts({ chaseable: [0n, 90_000n] }), org, at('2026-11-23T18:00:00Z'))).toEqual({ send: true });
  });

  it('does not send what is no longer owed, to an excluded, held or erased customer, or without a usable address', () => {
    const noon = at('2026-11-23T18:00:00Z');
    expect(sendCheck(email, facts({ chaseable: [0n, 0n] }), org, noon)).toMatchObject({ status: 'cancelled', rule: 'nothing-owed' });
    expect(sendCheck(email, facts({ chaseable: [] }), org, noon)).toMatchObject({ status: 'cancelled', rule: 'nothing-owed' });
    expect(sendCheck(email, facts({ excludedReason: 'insolvent' }), org, noon)).toMatchObject({ status: 'cancelled', rule: 'excluded' });
    expect(sendCheck(email, facts({ onHold: true }), org, noon)).toMatchObject({ status: 'cancelled', rule: 'on-hold' });
    expect(sendCheck(email, facts({ promised: true, chaseable: [0n] }), org, noon)).toMatchObject({ status: 'cancelled', rule: 'promise-pending' });
    expect(sendCheck(email, facts({ erased: true }), org, noon)).toMatchObject({ status: 'cancelled', rule: 'erased' });
    expect(sendCheck(email, facts({ reachable: false }), org, noon)).toMatchObject({ status: 'blocked', rule: 'no-channel' });
  });

  it('blocks a message after a cease request or while the debtor is in bankruptcy', () => {
    const noon = at('2026-11-23T18:00:00Z');
    const ceased = facts({ debtor: debtor({ kind: 'consumer', timeZone: 'America/Chicago', country: 'US', ceaseRequestedOn: '2026-11-20' }) });
    expect(sendCheck(email, ceased, org, noon)).toMatchObject({ send: false, status: 'blocked', rule: 'cease-communication' });
    const bankrupt = facts({ debtor: debtor({ kind: 'business', timeZone: 'America/Chicago', country: 'US', bankruptcy: true }) });
    expect(sendCheck(email, bankrupt, org, noon)).toMatchObject({ send: false, status: 'blocked', rule: 'bankruptcy' });
  });
});
