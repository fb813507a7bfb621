// Stage tables: a chunk of a file's rows is loaded into a temporary table (from the import's
// persistent stage, import-stage.ts), so checks across rows and the merge into the ledger are
// set-based SQL.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type StageValue = string | bigint | number | boolean | null;

export interface StageTable<Row> {
  name: string;
  columns: ReadonlyArray<readonly [column: string, pgType: string, value: (row: Row) => StageValue | undefined]>;
  /**
   * What ties rows together: rows sharing any of these keys (a customer, an invoice number, a
   * payment id) are checked and written in the same chunk, so every check across rows and every
   * merge sees all the rows it compares.
   */
  together: (row: Row) => ReadonlyArray<string | null | undefined>;
  /** The invoice number a row names, if any: looked up across the whole file (import-stage.ts). */
  number?: (row: Row) => string | null;
}

export async function createStageTable<Row>(tx: Transaction<DB>, table: StageTable<Row>): Promise<void> {
  const columns = table.columns.map(([column, pgType]) => `${column} ${pgType}`).join(', ');
  await sql.raw(`create temporary table ${table.name} (${columns}) on commit drop`).execute(tx);
}

/** Leaves out the rows with problems (for --partial). */
export async function dropStagedLines<Row>(tx: Transaction<DB>, table: StageTable<Row>, lines: Set<number>): Promise<void> {
  if (lines.size === 0) return;
  await sql`delete from ${sql.table(table.name)} where line = any(${[...lines]}::integer[])`.execute(tx);
}
