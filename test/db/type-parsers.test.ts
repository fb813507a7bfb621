import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';

// Rows must look the same on both engines, or code tested on one breaks on the other.
describeEachEngine('type parsers', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  it('reads money as bigint, dates as YYYY-MM-DD, numerics as exact text, timestamps as ISO — also in arrays', async () => {
    const { rows } = await sql`select 9007199254740993::int8 as big, '2026-02-28'::date as day, 12.345::numeric as rate,
        '2026-11-23 09:30:00.123+02'::timestamptz as at,
        array[1, 9007199254740993, null]::int8[] as bigs, array['2026-01-31'::date] as days,
        array[1.50]::numeric[] as rates, array['2026-11-23 00:00:00+00'::timestamptz] as ats`.execute(database.db);
    expect(rows[0]).toEqual({
      big: 9007199254740993n,
      day: '2026-02-28',
      rate: '12.345',
      at: '2026-11-23T07:30:00.123Z',
      bigs: [1n, 9007199254740993n, null],
      days: ['2026-01-31'],
      rates: ['1.50'],
      ats: ['2026-11-23T00:00:00.000Z'],
    });
  });
});
