import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agingBucketRanges, agingBuckets, agingTotalsByCurrency, bucketOfDaysPastDue, compareAgingRows, orderAndTotal, sortAgingRows, type AgingBucket, type AgingCustomerRow } from './aging.ts';

describe('bucketOfDaysPastDue', () => {
  it('puts not-yet-due and due-today in current, then 30-day buckets, then 91+', () => {
    const cases: Array<[number, AgingBucket]> = [
      [-400, 'current'], [-1, 'current'], [0, 'current'],
      [1, '1-30'], [30, '1-30'],
      [31, '31-60'], [60, '31-60'],
      [61, '61-90'], [90, '61-90'],
      [91, '91+'], [5000, '91+'],
    ];
    for (const [days, bucket] of cases) expect(bucketOfDaysPastDue(days), `${days} days`).toBe(bucket);
  });

  it('has ranges that cover every day count exactly once, in bucket order', () => {
    expect(agingBucketRanges.map((r) => r.bucket)).toEqual([...agingBuckets]);
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (days) => {
        const matching = agingBucketRanges.filter((r) => (r.minDays === null || days >= r.minDays) && (r.maxDays === null || days <= r.maxDays));
        expect(matching.map((r) => r.bucket)).toEqual([bucketOfDaysPastDue(days)]);
      }),
    );
  });

  it('never moves an invoice to a younger bucket as days pass', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.nat(500), (days, later) => {
        expect(agingBuckets.indexOf(bucketOfDaysPastDue(days + later))).toBeGreaterThanOrEqual(agingBuckets.indexOf(bucketOfDaysPastDue(days)));
      }),
    );
  });
});

describe('agingTotalsByCurrency', () => {
  const amount = fc.bigInt({ min: 0n, max: 10n ** 15n });
  const row = fc.record({
    currency: fc.constantFrom('GBP', 'USD', 'JPY'),
    current: amount, '1-30': amount, '31-60': amount, '61-90': amount, '91+': amount, chaseable: amount,
  });

  it('keeps currencies apart, and each total is the sum of its buckets and of its rows', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const totals = agingTotalsByCurrency(rows);
        expect(Object.keys(totals)).toEqual([...new Set(rows.map((r) => r.currency))].sort());
        for (const [currency, total] of Object.entries(totals)) {
          const mine = rows.filter((r) => r.currency === currency);
          expect(agingBuckets.reduce((sum, b) => sum + total[b], 0n)).toBe(total.total);
          for (const bucket of [...agingBuckets, 'chaseable'] as const) expect(total[bucket]).toBe(mine.reduce((sum, r) => sum + r[bucket], 0n));
        }
      }),
    );
  });
});

describe('sortAgingRows', () => {
  const row = fc.record({
    id: fc.bigInt({ min: 1n, max: 10n ** 12n }).map(String),
    externalId: fc.constant('X'),
    name: fc.constantFrom('Acme', 'acme', 'Beta', 'Customer 2', 'Customer 10'),
    currency: fc.constantFrom('GBP', 'USD', 'JPY'),
    // near 2^60, where neighbouring totals share a float: the bigint tie-break must decide
    total: fc.bigInt({ min: 2n ** 60n, max: 2n ** 60n + 64n }),
  }).map((r) => ({ ...r, current: r.total, '1-30': 0n, '31-60': 0n, '61-90': 0n, '91+': 0n, chaseable: 0n }));

  it('orders by currency, largest total first (exactly, beyond float precision), then name, then id', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const sorted = sortAgingRows([...rows]);
        expect(sorted).toEqual([...rows].sort(compareAgingRows));
        for (let i = 1; i < sorted.length; i++) {
          const [a, b] = [sorted[i - 1]!, sorted[i]!];
          if (a.currency === b.currency) expect(a.total >= b.total).toBe(true);
          else expect(a.currency < b.currency).toBe(true);
        }
      }),
    );
    const names = (list: string[]) => sortAgingRows(list.map((name, i) => ({ id: String(i + 1), externalId: '', name, currency: 'GBP', current: 1n, '1-30': 0n, '31-60': 0n, '61-90': 0n, '91+': 0n, total: 1n, chaseable: 0n })));
    expect(names(['Customer 10', 'Customer 2', 'Beta']).map((r) => r.name)).toEqual(['Beta', 'Customer 2', 'Customer 10']);
  });
});

describe('orderAndTotal', () => {
  // small amounts (the float path) and amounts beyond 2^53 (each falls back to bigints), credits too
  const amount = fc.oneof(fc.bigInt({ min: -(10n ** 4n), max: 10n ** 9n }), fc.bigInt({ min: -(10n ** 15n), max: 2n ** 62n }));
  const row = fc
    .record({
      id: fc.bigInt({ min: 1n, max: 10n ** 6n }).map(String),
      name: fc.constantFrom('Acme', 'Beta', 'Customer 2'),
      currency: fc.constantFrom('GBP', 'USD'),
      current: amount, '1-30': amount, '31-60': amount, '61-90': amount, '91+': amount, chaseable: amount,
    })
    .map((r) => ({ ...r, externalId: 'X', total: r.current + r['1-30'] + r['31-60'] + r['61-90'] + r['91+'] }));
  /** What the aging query hands over: each amount as a float when exactly one, else NaN. */
  const floatsOf = (rows: readonly AgingCustomerRow[]) =>
    Float64Array.from(rows.flatMap((r) => agingBuckets.map((bucket) => (Number.isSafeInteger(Number(r[bucket])) ? Number(r[bucket]) : NaN))));

  it('orders and totals exactly as the bigint functions do, whether the floats are exact or not', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const { customers, totals } = orderAndTotal([...rows], floatsOf(rows));
        expect(customers).toEqual(sortAgingRows([...rows]));
        expect(totals).toEqual(agingTotalsByCurrency(rows));
      }),
    );
  });
});
