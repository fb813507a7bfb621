// The one rule of what may be chased is written twice (chaseable.ts): as the function the message
// and the dispatcher use, and as the SQL the cycle's snapshot computes. Both must give the same
// amount for every combination of balance and open disputes, on both engines.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { chaseableAmount, chaseableSql, disputedPart, openDisputedSql } from '../../src/db/queries/chaseable.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';

/** Balance, then the amounts of the invoice's open disputes (null: a dispute of the whole invoice). */
const cases: [bigint, (bigint | null)[]][] = [
  [1_000_00n, []],
  [1_000_00n, [100_00n]],
  [1_000_00n, [100_00n, 250_00n]],
  [1_000_00n, [null]],
  [1_000_00n, [100_00n, null]],
  [1_000_00n, [1_000_00n]],
  [1_000_00n, [1_500_00n]],
  [1_000_00n, [0n]],
  [1n, [0n, 0n]],
];

/** The open disputed amount as the message facts read it: 0n without a dispute, null if one has no amount. */
const openDisputed = (amounts: (bigint | null)[]) => (amounts.includes(null) ? null : amounts.reduce<bigint>((sum, a) => sum + a!, 0n));

describeEachEngine('what may be chased on an invoice', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  it('is the same amount from the SQL the cycle uses and from the function the dispatcher uses', async () => {
    for (const [balance, amounts] of cases) {
      const { rows } = await sql<{ amount: bigint }>`
        select ${chaseableSql('i', 'd')} as amount
          from (select ${balance.toString()}::bigint as balance) i
          left join (select 1 as invoice_id, ${openDisputedSql} as amount
                       from unnest(${amounts.map((a) => (a === null ? null : a.toString()))}::bigint[]) as disputes(amount)
                     having count(*) > 0) d on true`.execute(database.db);
      const facts = { open: true, balance, disputed: openDisputed(amounts), invoiceHeld: false, customerHeld: false, promised: false };
      expect(rows[0]!.amount, `${balance} with disputes ${amounts.join(', ')}`).toBe(chaseableAmount(facts));
    }
  });

  it('chases a £1,000 invoice with £100 disputed for £900, and nothing when held, promised, closed or wholly disputed', () => {
    const facts = { open: true, balance: 1_000_00n, disputed: 100_00n, invoiceHeld: false, customerHeld: false, promised: false };
    expect(chaseableAmount(facts)).toBe(900_00n);
    expect(disputedPart(facts)).toBe(100_00n);
    expect(chaseableAmount({ ...facts, invoiceHeld: true })).toBe(0n);
    expect(chaseableAmount({ ...facts, customerHeld: true })).toBe(0n);
    expect(chaseableAmount({ ...facts, promised: true })).toBe(0n);
    expect(chaseableAmount({ ...facts, open: false })).toBe(0n);
    expect(chaseableAmount({ ...facts, disputed: null })).toBe(0n);
    expect(disputedPart({ ...facts, disputed: null })).toBe(1_000_00n);
    expect(disputedPart({ ...facts, disputed: 0n })).toBe(0n);
  });
});
