// Reports that read a whole portfolio (aging, KPIs, the dashboard) take a second or more on a big
// one. On PGlite every query waits its turn on the one connection: ten aging requests at once held
// every other request — a customer page, /healthz — for 12 s. So heavy reads go through a gate:
//  - at most `concurrency` run at once (1 on PGlite), so a light request waits behind one report at
//    most, not behind a queue of them;
//  - a request for a report that is already waiting its turn (same organisation, same parameters)
//    shares that one instead of queueing another. Only one that has not started: its result is read
//    after the request arrived, so nobody gets figures from before their own last change.
import type { Database } from '../db/engine.ts';

export class HeavyReads {
  #running = 0;
  #waiting: Array<() => void> = [];
  #queued = new Map<string, Promise<unknown>>();

  constructor(readonly concurrency: number) {}

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const shared = this.#queued.get(key);
    if (shared) return shared as Promise<T>;
    const result = (async () => {
      await this.#turn();
      this.#queued.delete(key); // started: later requests queue their own
      try {
        return await work();
      } finally {
        this.#done();
      }
    })();
    this.#queued.set(key, result);
    // a failure before the turn came (none today) must not leave the key behind
    result.catch(() => {}).finally(() => {
      if (this.#queued.get(key) === result) this.#queued.delete(key);
    });
    return result;
  }

  async #turn(): Promise<void> {
    if (this.#running < this.concurrency) {
      this.#running += 1;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  #done(): void {
    const next = this.#waiting.shift();
    if (next) next(); // the turn passes on: #running stays the same
    else this.#running -= 1;
  }
}

const gates = new WeakMap<Database, HeavyReads>();

/** The gate of this database: one per process, shared by every route. */
export function heavyReadsOf(database: Database): HeavyReads {
  let gate = gates.get(database);
  if (!gate) {
    gate = new HeavyReads(database.engine === 'pglite' ? 1 : 4);
    gates.set(database, gate);
  }
  return gate;
}
