// How a large import is cut into steps on PGlite, whose one connection a transaction holds until it
// ends (and whose statements hold Node's event loop while they run). The file's rows are put in
// small chunks of whole customers as they are staged; each check and write step then takes a run
// of consecutive chunks in one transaction: one chunk first, then as many as the last step's pace
// says fit in `stepMs`, so that a step is short on a busy machine and few steps are spent on a
// quiet one. Before each step the import gives way to the requests that came in meanwhile.
import type { Database } from '../../db/engine.ts';
import type { ChunkRun } from './staging.ts';

export interface ImportSteps {
  /** Rows per chunk (whole customers: one with more rows still gets one chunk). */
  chunkRows: number;
  /** Aim for steps of about this long; without it, one chunk a step. */
  stepMs?: number;
  /** Awaited before each step (Database.giveWay). */
  giveWay?: () => Promise<void>;
}

const maxRunChunks = 4;

/** PGlite: steps (above). PostgreSQL runs other requests on other connections: one step, all or nothing. */
export function importStepsFor(database: Pick<Database, 'engine' | 'giveWay'>): ImportSteps | undefined {
  if (database.engine !== 'pglite') return undefined;
  const giveWay = database.giveWay?.bind(database);
  return { chunkRows: 2000, stepMs: 200, ...(giveWay ? { giveWay } : {}) };
}

/**
 * Runs `step` over chunks 0 to `chunks` - 1 in consecutive runs; `step` returns how long it held
 * the connection, from which the next run's size follows (at most twice the last, and at most
 * `maxRunChunks`: one fast step is not a pace, and the machine's pace changes).
 */
export async function inSteps(chunks: number, stepMs: number | undefined, step: (run: ChunkRun) => Promise<number>): Promise<void> {
  let size = 1;
  for (let first = 0; first < chunks; ) {
    const run = { first, last: Math.min(chunks, first + size) - 1 };
    const ms = await step(run);
    const done = run.last - run.first + 1;
    if (stepMs !== undefined) size = Math.max(1, Math.min(2 * done, maxRunChunks, Math.floor(stepMs / Math.max(ms / done, 0.001))));
    first = run.last + 1;
  }
}
