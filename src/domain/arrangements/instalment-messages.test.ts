import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../calendar.ts';
import { instalmentMessagesDue, instalmentMessageStillDue, type PlanInstalments } from './instalment-messages.ts';

const instalment = (seq: number, dueOn: IsoDate, paid = 0n, paidOn: IsoDate | null = null) => ({ seq, dueOn, amount: 100_00n, paid, paidOn });

function plan(overrides: Partial<PlanInstalments> = {}): PlanInstalments {
  return {
    planId: 7n,
    status: 'active',
    missedSeq: null,
    instalments: [instalment(1, '2027-01-10'), instalment(2, '2027-02-10'), instalment(3, '2027-03-10')],
    ...overrides,
  };
}

/** The message keys due on each day of a range. */
function daysOf(subject: PlanInstalments, from: IsoDate, to: IsoDate, daysBefore = 3): Map<IsoDate, string[]> {
  const days = new Map<IsoDate, string[]>();
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const keys = instalmentMessagesDue(subject, daysBefore, date).map((m) => m.key);
    if (keys.length > 0) days.set(date, keys);
  }
  return days;
}

describe('instalment reminders', () => {
  it('remind of each unpaid instalment from the days before its date until the day before it, under one key per instalment', () => {
    const days = daysOf(plan(), '2027-01-01', '2027-03-31');
    expect([...days.keys()]).toEqual(['2027-01-07', '2027-01-08', '2027-01-09', '2027-02-07', '2027-02-08', '2027-02-09', '2027-03-07', '2027-03-08', '2027-03-09']);
    // the same key each day of the window: the cycle creates it on the first and finds it there on the others
    expect(new Set(days.get('2027-01-07'))).toEqual(new Set(days.get('2027-01-09')));
    expect([...new Set([...days.values()].flat())]).toEqual(['plan:7:instalment:1:reminder', 'plan:7:instalment:2:reminder', 'plan:7:instalment:3:reminder']);
  });

  it('follow the days-before setting', () => {
    expect([...daysOf(plan(), '2027-01-01', '2027-01-31', 5).keys()]).toEqual(['2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08', '2027-01-09']);
  });

  it('are not sent for an instalment already paid, for the down payment, or while the plan is not active', () => {
    const paidEarly = plan({ instalments: [instalment(0, '2027-01-01'), instalment(1, '2027-01-10', 100_00n, '2027-01-02')] });
    expect(instalmentMessagesDue(paidEarly, 3, '2027-01-08').map((m) => m.kind)).toEqual(['receipt']);
    for (const status of ['proposed', 'broken', 'defaulted', 'cancelled', 'completed'] as const) {
      expect(instalmentMessagesDue(plan({ status }), 3, '2027-01-08').filter((m) => m.kind === 'reminder'), status).toEqual([]);
    }
  });
});

describe('receipts', () => {
  it('go for an instalment paid in full, from its day for a week, under one key (a part payment gets none)', () => {
    const subject = plan({ instalments: [instalment(1, '2027-01-10', 100_00n, '2027-01-09'), instalment(2, '2027-02-10', 40_00n)] });
    const days = daysOf(subject, '2027-01-01', '2027-01-31');
    expect([...days.keys()]).toEqual(['2027-01-09', '2027-01-10', '2027-01-11', '2027-01-12', '2027-01-13', '2027-01-14', '2027-01-15', '2027-01-16']);
    expect([...new Set([...days.values()].flat())]).toEqual(['plan:7:instalment:1:receipt']);
  });

  it('go for the last instalment too, once the plan is completed, but not for a cancelled plan', () => {
    const last = [instalment(1, '2027-01-10', 100_00n, '2027-01-10')];
    expect(instalmentMessagesDue(plan({ status: 'completed', instalments: last }), 3, '2027-01-10').map((m) => m.key)).toEqual(['plan:7:instalment:1:receipt']);
    expect(instalmentMessagesDue(plan({ status: 'cancelled', instalments: last }), 3, '2027-01-10')).toEqual([]);
  });
});

describe('the missed instalment', () => {
  it('gets one reminder while the plan is broken on it, under one key', () => {
    const broken = plan({ status: 'broken', missedSeq: 2, instalments: [instalment(1, '2027-01-10', 100_00n, '2027-01-10'), instalment(2, '2027-02-10'), instalment(3, '2027-03-10')] });
    expect(instalmentMessagesDue(broken, 3, '2027-02-16').map((m) => m.key)).toEqual(['plan:7:instalment:2:missed']);
    expect(instalmentMessagesDue(broken, 3, '2027-02-19').map((m) => m.key)).toEqual(['plan:7:instalment:2:missed']);
    expect(instalmentMessagesDue({ ...broken, status: 'defaulted' }, 3, '2027-02-22')).toEqual([]);
    expect(instalmentMessagesDue({ ...broken, status: 'active', missedSeq: null }, 3, '2027-02-16')).toEqual([]);
  });
});

describe('the last look before sending', () => {
  it('drops a reminder whose instalment was paid or whose plan stopped, and a missed reminder once paid', () => {
    expect(instalmentMessageStillDue('reminder', { status: 'active', missedSeq: null }, { seq: 1, amount: 100n, paid: 0n })).toEqual({ due: true });
    expect(instalmentMessageStillDue('reminder', { status: 'active', missedSeq: null }, { seq: 1, amount: 100n, paid: 100n }).due).toBe(false);
    expect(instalmentMessageStillDue('reminder', { status: 'cancelled', missedSeq: null }, { seq: 1, amount: 100n, paid: 0n }).due).toBe(false);
    expect(instalmentMessageStillDue('missed', { status: 'broken', missedSeq: 2 }, { seq: 2, amount: 100n, paid: 0n })).toEqual({ due: true });
    expect(instalmentMessageStillDue('missed', { status: 'active', missedSeq: 2 }, { seq: 2, amount: 100n, paid: 100n }).due).toBe(false);
    expect(instalmentMessageStillDue('receipt', { status: 'completed', missedSeq: null }, { seq: 3, amount: 100n, paid: 100n })).toEqual({ due: true });
  });
});
