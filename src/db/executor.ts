import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

/** What query functions take first: the database, or the transaction they must run inside. */
export type Executor = Kysely<DB> | Transaction<DB>;
