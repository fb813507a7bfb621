// The lease of a running import. While an import runs, its process touches the row's heartbeat
// every 30 seconds; a row still 'running' whose heartbeat is older than two minutes belongs to a
// process that was killed (kill -9, a crash, a restart) and is marked failed, "interrupted", when
// the import log is read. Its transaction died with it, so nothing of it was written.
//
// An import is written a chunk of whole customers per transaction (import-file.ts): the chunks
// written before the process stopped stay, and the summary says how many (from the progress the
// import kept); importing the file again finishes it. Its stage table is dropped here.
//
// A step of an import can hold PGlite's single connection for a while, and a heartbeat waits for
// it: the imports this process is running are therefore also known here, and never marked.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { stringifyJson } from '../../json.ts';

export const importLease = { heartbeatMs: 30_000, staleAfterSeconds: 120 };

/** Imports this process is running, as `${orgId}:${importId}`. */
const running = new Set<string>();

/** Keeps the import's heartbeat fresh until the returned function is called. */
export function holdImportLease(db: Executor, orgId: bigint, importId: bigint, heartbeatMs = importLease.heartbeatMs): () => void {
  const key = `${orgId}:${importId}`;
  running.add(key);
  let pending = false;
  const timer = setInterval(() => {
    if (pending) return; // the last one still waits for the connection (PGlite)
    pending = true;
    db.updateTable('imports')
      .set({ heartbeat_at: sql<string>`now()` })
      .where('org_id', '=', orgId)
      .where('id', '=', importId)
      .where('status', '=', 'running')
      .execute()
      .catch(() => {}) // a missed heartbeat is not the import's failure; the next one tries again
      .finally(() => (pending = false));
  }, heartbeatMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    running.delete(key);
  };
}

export const interruptedSummary = {
  error: 'interrupted',
  detail: 'the process running this import stopped before it finished (killed, crashed or restarted); nothing of it was written: import the file again',
};

const interruptedWritingDetail =
  'the process running this import stopped before it finished (killed, crashed or restarted); the chunks written (chunksWritten of chunks, each a set of whole customers) are stored, nothing of the others: import the file again to finish it';

/** Marks the organisation's imports whose process is gone as failed ("interrupted"). */
export async function markInterruptedImports(db: Executor, orgId: bigint): Promise<void> {
  const mine = [...running].filter((key) => key.startsWith(`${orgId}:`)).map((key) => BigInt(key.slice(key.indexOf(':') + 1)));
  const written = sql<number>`coalesce((progress->>'chunksWritten')::int, 0)`;
  let query = db
    .updateTable('imports')
    .set({
      status: 'failed',
      finished_at: sql<string>`now()`,
      summary: sql<string>`case when ${written} > 0
        then jsonb_build_object('error', 'interrupted', 'detail', ${interruptedWritingDetail}::text, 'chunks', (progress->>'chunks')::int, 'chunksWritten', ${written})
        else ${stringifyJson(interruptedSummary)}::jsonb end`,
    })
    .where('org_id', '=', orgId)
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', sql<string>`now() - make_interval(secs => ${importLease.staleAfterSeconds})`);
  if (mine.length > 0) query = query.where('id', 'not in', mine);
  const interrupted = await query.returning('id').execute();
  // the stage of each (staging.ts: import_stage_<id>), left behind by the process that stopped
  for (const { id } of interrupted) await sql.raw(`drop table if exists import_stage_${BigInt(id).toString()}`).execute(db);
}
