import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyExponent } from '../currencies.ts';
import { parseAmount } from '../money.ts';
import { equalSchedule, planSchedule, scheduleDates, splitEqually, typedSchedule } from './plan-schedule.ts';

describe('splitEqually', () => {
  it('puts the remainder on the last instalment: 1000.00 in 3 is 333.33, 333.33, 333.34', () => {
    const amount = parseAmount('1000.00', 'GBP');
    expect(amount.ok && splitEqually(amount.value, 3)).toEqual([33333n, 33333n, 33334n]);
  });

  it('always adds up exactly to the amount, in minor units, for currencies with 0, 2 and 3 decimals', () => {
    const currencies = ['JPY', 'GBP', 'KWD'];
    expect(currencies.map(currencyExponent)).toEqual([0, 2, 3]);
    fc.assert(
      fc.property(fc.constantFrom(...currencies), fc.bigInt({ min: 1n, max: 10n ** 13n }), fc.integer({ min: 1, max: 260 }), (currency, minor, count) => {
        const exponent = currencyExponent(currency);
        const text = exponent === 0 ? String(minor) : `${minor / 10n ** BigInt(exponent)}.${String(minor % 10n ** BigInt(exponent)).padStart(exponent, '0')}`;
        const parsed = parseAmount(text, currency);
        if (!parsed.ok) throw new Error(parsed.message);
        fc.pre(parsed.value >= BigInt(count));
        const parts = splitEqually(parsed.value, count);
        expect(parts).toHaveLength(count);
        expect(parts.reduce((sum, part) => sum + part, 0n)).toBe(parsed.value);
        // equal but for the last, which takes the remainder (less than one more of each)
        expect(new Set(parts.slice(0, -1)).size).toBeLessThanOrEqual(1);
        expect(parts.at(-1)! - parts[0]!).toBeGreaterThanOrEqual(0n);
        expect(parts.at(-1)! - parts[0]!).toBeLessThan(BigInt(count));
      }),
    );
  });

  it('with a down payment, the down payment and the instalments add up to the total', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 100n, max: 10n ** 12n }), fc.integer({ min: 1, max: 24 }), fc.integer({ min: 0, max: 50 }), (total, count, downPercent) => {
        const down = (total * BigInt(downPercent)) / 100n;
        const built = equalSchedule({ total, down, downOn: '2026-01-01', instalments: count, first: '2026-02-01', every: 'month' });
        fc.pre(built.ok);
        if (!built.ok) return;
        expect(built.schedule.reduce((sum, p) => sum + p.amount, 0n)).toBe(total);
        expect(built.schedule.length).toBe(count + (down > 0n ? 1 : 0));
      }),
    );
  });
});

describe('scheduleDates', () => {
  it('steps weeks and fortnights by 7 and 14 days', () => {
    expect(scheduleDates('2026-12-28', 'week', 3)).toEqual(['2026-12-28', '2027-01-04', '2027-01-11']);
    expect(scheduleDates('2026-12-28', 'fortnight', 3)).toEqual(['2026-12-28', '2027-01-11', '2027-01-25']);
  });

  it('clamps to a short month’s last day and goes back to the 31st after it', () => {
    expect(scheduleDates('2027-01-31', 'month', 4)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']);
    expect(scheduleDates('2028-01-31', 'month', 2)).toEqual(['2028-01-31', '2028-02-29']);
  });
});

describe('equalSchedule', () => {
  it('puts the down payment first as seq 0 and numbers the instalments from 1', () => {
    const built = equalSchedule({ total: 100000n, down: 10000n, downOn: '2026-12-07', instalments: 3, first: '2027-01-01', every: 'month' });
    expect(built).toEqual({
      ok: true,
      schedule: [
        { seq: 0, dueOn: '2026-12-07', amount: 10000n },
        { seq: 1, dueOn: '2027-01-01', amount: 30000n },
        { seq: 2, dueOn: '2027-02-01', amount: 30000n },
        { seq: 3, dueOn: '2027-03-01', amount: 30000n },
      ],
    });
  });

  it('refuses a down payment of the whole amount, and instalments before the down payment', () => {
    expect(equalSchedule({ total: 100n, down: 100n, downOn: '2026-12-07', instalments: 2, first: '2027-01-01', every: 'month' })).toMatchObject({ ok: false, problem: expect.stringMatching(/not a plan/) });
    expect(equalSchedule({ total: 100n, down: 10n, downOn: '2026-12-07', instalments: 2, first: '2026-12-07', every: 'month' })).toMatchObject({ ok: false, problem: expect.stringMatching(/after the down payment/) });
  });
});

describe('typedSchedule', () => {
  it('takes rows that add up exactly, in date order', () => {
    expect(typedSchedule([{ dueOn: '2027-01-01', amount: 60n }, { dueOn: '2027-01-20', amount: 40n }], 100n, 'GBP')).toEqual({
      ok: true,
      schedule: [
        { seq: 1, dueOn: '2027-01-01', amount: 60n },
        { seq: 2, dueOn: '2027-01-20', amount: 40n },
      ],
    });
  });

  it('says what to fix when the rows do not add up or are out of order', () => {
    expect(typedSchedule([{ dueOn: '2027-01-01', amount: 60n }], 100n, 'GBP')).toMatchObject({ ok: false, problem: expect.stringMatching(/adds up to £0\.60 but the plan is for £1\.00/) });
    expect(typedSchedule([{ dueOn: '2027-01-02', amount: 60n }, { dueOn: '2027-01-01', amount: 40n }], 100n, 'GBP')).toMatchObject({ ok: false, problem: expect.stringMatching(/row 2 .* not after/) });
  });
});

describe('planSchedule (what the server proposes and the web app previews)', () => {
  const plan = { total: 1000_00n, down: 100_00n, currency: 'GBP', today: '2026-12-07' };

  it('puts a down payment due today before equal or typed instalments', () => {
    const equal = planSchedule({ kind: 'equal', instalments: 3, first: '2026-12-14', every: 'month' }, plan);
    expect(equal).toEqual({ ok: true, schedule: [
      { seq: 0, dueOn: '2026-12-07', amount: 100_00n },
      { seq: 1, dueOn: '2026-12-14', amount: 300_00n },
      { seq: 2, dueOn: '2027-01-14', amount: 300_00n },
      { seq: 3, dueOn: '2027-02-14', amount: 300_00n },
    ] });
    const typed = planSchedule({ kind: 'typed', rows: [{ dueOn: '2027-01-01', amount: 500_00n }, { dueOn: '2027-02-01', amount: 400_00n }] }, plan);
    expect(typed.ok && typed.schedule.map((p) => [p.seq, p.amount])).toEqual([[0, 100_00n], [1, 500_00n], [2, 400_00n]]);
  });

  it('refuses a first instalment in the past, typed rows that leave out the down payment, and a down payment of everything', () => {
    expect(planSchedule({ kind: 'equal', instalments: 2, first: '2026-12-01', every: 'week' }, { ...plan, down: 0n })).toMatchObject({ ok: false, problem: expect.stringMatching(/in the past/) });
    expect(planSchedule({ kind: 'typed', rows: [{ dueOn: '2027-01-01', amount: 1000_00n }] }, plan)).toMatchObject({ ok: false, problem: expect.stringMatching(/rows are the instalments after the down payment/) });
    expect(planSchedule({ kind: 'typed', rows: [{ dueOn: '2027-01-01', amount: 1n }] }, { ...plan, down: 1000_00n })).toMatchObject({ ok: false, problem: expect.stringMatching(/not a plan/) });
  });
});
