// Staging tables: the rows of a file land in a temporary table (batched, one array per column
// through unnest), so checks across rows and the merge into the ledger are set-based SQL.
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type StageValue = string | bigint | number | boolean | null;

export interface StageTable<Row> {
  name: string;
  columns: ReadonlyArray<readonly [column: string, pgType: string, value: (row: Row) => StageValue | undefined]>;
}

export async function createStageTable<Row>(tx: Transaction<DB>, table: StageTable<Row>): Promise<void> {
  const columns = table.columns.map(([column, pgType]) => `${column} ${pgType}`).join(', ');
  await sql.raw(`create temporary table ${table.name} (${columns}) on commit drop`).execute(tx);
}

/** Buffers rows and writes them to the stage table in batches. */
export class StageWriter<Row> {
  #buffer: Row[] = [];
  written = 0;

  constructor(
    readonly tx: Transaction<DB>,
    readonly table: StageTable<Row>,
    readonly batchSize = 5000,
  ) {}

  async add(row: Row): Promise<void> {
    this.#buffer.push(row);
    if (this.#buffer.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#buffer.length === 0) return;
    const rows = this.#buffer;
    this.#buffer = [];
    const arrays = this.table.columns.map(([, pgType, value]) => sql`${rows.map((row) => value(row) ?? null)}::${sql.raw(pgType)}[]`);
    const names = sql.raw(this.table.columns.map(([column]) => column).join(', '));
    await sql`insert into ${sql.raw(this.table.name)} (${names})
      select * from unnest(${sql.join(arrays)})`.execute(this.tx);
    this.written += rows.length;
  }
}
