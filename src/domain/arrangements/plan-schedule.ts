// A payment plan's schedule: the down payment (optional) and the instalments, each with its date
// and amount. Equal instalments with the remainder on the last (1000.00 in 3 → 333.33, 333.33,
// 333.34), every week, fortnight or month from the first date; or a schedule typed by hand. The
// amounts are minor units, so they always add up exactly to the amount, whatever the currency.
import { Temporal } from 'temporal-polyfill';
import { addDays, compareDates, isIsoDate, type IsoDate } from '../calendar.ts';
import { formatMoney } from '../money.ts';

export const planFrequencies = ['week', 'fortnight', 'month'] as const;
export type PlanFrequency = (typeof planFrequencies)[number];

/** One payment due under a plan: seq 0 is the down payment, instalments count from 1. */
export interface ScheduledPayment {
  seq: number;
  dueOn: IsoDate;
  amount: bigint;
}

/** The most instalments a plan may have (a weekly plan over five years); a guard against typos. */
export const maxInstalments = 260;

/** `amount` in `count` equal parts, in minor units, the remainder on the last part. */
export function splitEqually(amount: bigint, count: number): bigint[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a whole number ≥ 1 (got ${count})`);
  const part = amount / BigInt(count);
  const parts = Array.from({ length: count }, () => part);
  parts[count - 1] = amount - part * BigInt(count - 1);
  return parts;
}

/**
 * The dates of `count` payments from `first`. Months are counted from the first date each time,
 * so a plan starting on 31 January falls due on 28 (or 29) February, then 31 March: a short month
 * takes its last day, and the next month goes back to the 31st.
 */
export function scheduleDates(first: IsoDate, every: PlanFrequency, count: number): IsoDate[] {
  const start = Temporal.PlainDate.from(first);
  return Array.from({ length: count }, (_, n) => {
    if (every === 'week') return addDays(first, 7 * n);
    if (every === 'fortnight') return addDays(first, 14 * n);
    return start.add({ months: n }, { overflow: 'constrain' }).toString();
  });
}

export interface EqualScheduleInput {
  /** What the plan pays off, down payment included, in minor units. */
  total: bigint;
  /** Paid on `downOn` before the instalments; 0n for none. */
  down: bigint;
  downOn: IsoDate;
  instalments: number;
  first: IsoDate;
  every: PlanFrequency;
}

/** The down payment (if any) and equal instalments; a sentence saying what to fix when it cannot be. */
export function equalSchedule(input: EqualScheduleInput): { ok: true; schedule: ScheduledPayment[] } | { ok: false; problem: string } {
  if (!Number.isInteger(input.instalments) || input.instalments < 1 || input.instalments > maxInstalments) {
    return { ok: false, problem: `the number of instalments must be a whole number from 1 to ${maxInstalments} (got ${input.instalments})` };
  }
  if (input.down < 0n) return { ok: false, problem: 'the down payment cannot be negative' };
  const rest = input.total - input.down;
  if (rest <= 0n) return { ok: false, problem: 'the down payment is the whole amount or more: that is a payment, not a plan; leave instalments for the rest' };
  if (rest < BigInt(input.instalments)) return { ok: false, problem: `what is left after the down payment is too small for ${input.instalments} instalments` };
  if (input.down > 0n && compareDates(input.first, input.downOn) <= 0) {
    return { ok: false, problem: `the first instalment (${input.first}) must come after the down payment (${input.downOn})` };
  }
  const amounts = splitEqually(rest, input.instalments);
  const dates = scheduleDates(input.first, input.every, input.instalments);
  const schedule: ScheduledPayment[] = input.down > 0n ? [{ seq: 0, dueOn: input.downOn, amount: input.down }] : [];
  amounts.forEach((amount, n) => schedule.push({ seq: n + 1, dueOn: dates[n]!, amount }));
  return { ok: true, schedule };
}

/**
 * Instalments typed by hand (a down payment goes before them, as with equal ones): dates in
 * order, each amount more than zero, adding up exactly to `total`.
 */
export function typedSchedule(
  rows: ReadonlyArray<{ dueOn: IsoDate; amount: bigint }>,
  total: bigint,
  currency: string,
): { ok: true; schedule: ScheduledPayment[] } | { ok: false; problem: string } {
  if (rows.length === 0) return { ok: false, problem: 'the schedule has no rows; write one line per payment: date,amount' };
  if (rows.length > maxInstalments + 1) return { ok: false, problem: `the schedule has ${rows.length} rows; at most ${maxInstalments} instalments` };
  for (let n = 0; n < rows.length; n++) {
    const row = rows[n]!;
    if (row.amount <= 0n) return { ok: false, problem: `row ${n + 1} (${row.dueOn}): the amount must be more than zero` };
    if (n > 0 && compareDates(row.dueOn, rows[n - 1]!.dueOn) <= 0) return { ok: false, problem: `row ${n + 1} (${row.dueOn}) is not after the row before it; dates go in order, one payment a day` };
  }
  const sum = rows.reduce((acc, row) => acc + row.amount, 0n);
  if (sum !== total) return { ok: false, problem: `the schedule adds up to ${formatMoney(sum, currency)} but the plan is for ${formatMoney(total, currency)}; make the rows add up exactly` };
  return { ok: true, schedule: rows.map((row, n) => ({ seq: n + 1, dueOn: row.dueOn, amount: row.amount })) };
}

export type PlanScheduleInput = { kind: 'equal'; instalments: number; first: IsoDate; every: PlanFrequency } | { kind: 'typed'; rows: ReadonlyArray<{ dueOn: IsoDate; amount: bigint }> };

/**
 * A proposed plan's whole schedule: the down payment (due `today`) and the instalments, equal or
 * typed, starting today or later and paying off exactly `total`. The server proposes with it and
 * the web app previews with it, so the preview is the plan.
 */
export function planSchedule(
  input: PlanScheduleInput,
  plan: { total: bigint; down: bigint; currency: string; today: IsoDate },
): { ok: true; schedule: ScheduledPayment[] } | { ok: false; problem: string } {
  const { total, down, currency, today } = plan;
  if (down < 0n) return { ok: false, problem: 'the down payment cannot be negative' };
  let schedule: ScheduledPayment[];
  if (input.kind === 'equal') {
    if (!isIsoDate(input.first)) return { ok: false, problem: `the first instalment's date must be a real date written YYYY-MM-DD (got "${input.first}")` };
    const built = equalSchedule({ total, down, downOn: today, instalments: input.instalments, first: input.first, every: input.every });
    if (!built.ok) return built;
    schedule = built.schedule;
  } else {
    for (const row of input.rows) if (!isIsoDate(row.dueOn)) return { ok: false, problem: `the schedule's date "${row.dueOn}" is not a real date written YYYY-MM-DD` };
    if (down >= total) return { ok: false, problem: 'the down payment is the whole amount or more: that is a payment, not a plan' };
    const typed = typedSchedule(input.rows, total - down, currency);
    if (!typed.ok) return { ok: false, problem: `${typed.problem}${down > 0n ? ' (the rows are the instalments after the down payment)' : ''}` };
    if (down > 0n && compareDates(typed.schedule[0]!.dueOn, today) <= 0) return { ok: false, problem: `the first instalment (${typed.schedule[0]!.dueOn}) must come after the down payment (today, ${today})` };
    schedule = down > 0n ? [{ seq: 0, dueOn: today, amount: down }, ...typed.schedule] : typed.schedule;
  }
  const first = schedule.find((payment) => payment.seq > 0)!;
  if (compareDates(first.dueOn, today) < 0) return { ok: false, problem: `the first instalment (${first.dueOn}) is in the past; a plan starts today (${today}) or later` };
  return { ok: true, schedule };
}
