// Runs the outbox continuously: a batch after another while there is work, then waits for a
// NOTIFY on `arrears_outbox` (sent when the cycle makes sends ready) or the polling interval,
// whichever comes first. Several processes may run this at once (PostgreSQL).
import type { Database } from '../db/engine.ts';
import { outboxChannel } from '../db/queries/outbox.ts';
import { defaultSendBatchSize, dispatchBatch, newWorkerId, type DispatchDeps } from '../app/dispatch/dispatch-batch.ts';

export interface DispatcherHandle {
  stop(): Promise<void>;
}

export async function startDispatcher(
  database: Database,
  deps: Omit<DispatchDeps, 'db' | 'workerId'>,
  options: { pollMs?: number; batchSize?: number; concurrency?: number } = {},
): Promise<DispatcherHandle> {
  const workerId = newWorkerId();
  const batchSize = options.batchSize ?? defaultSendBatchSize;
  let stopped = false;
  let wake: (() => void) | null = null;
  const unlisten = await database.listen(outboxChannel, () => wake?.());
  const loop = (async () => {
    while (!stopped) {
      let claimed = 0;
      try {
        const summary = await dispatchBatch({ ...deps, db: database.db, workerId }, { batchSize, concurrency: options.concurrency });
        claimed = summary.claimed;
        if (claimed > 0) deps.logger.info({ ...summary }, 'outbox batch dispatched');
      } catch (error) {
        deps.logger.error({ err: error }, 'outbox batch failed; trying again after the polling interval');
      }
      if (claimed < batchSize && !stopped) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.pollMs ?? 5_000);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      await unlisten();
    },
  };
}
