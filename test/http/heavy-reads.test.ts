// The gate heavy reports go through: one at a time (on PGlite), and identical requests waiting
// their turn share one run — but never one already running, whose figures may predate the request.
import { describe, expect, it } from 'vitest';
import { HeavyReads } from '../../src/http/heavy-reads.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('HeavyReads', () => {
  it('runs one at a time, shares a queued identical report, and starts a new one after a running one', async () => {
    const gate = new HeavyReads(1);
    const order: string[] = [];
    const first = deferred();
    let runs = 0;
    const aging = () =>
      gate.run('aging:1', async () => {
        runs += 1;
        order.push(`aging ${runs} starts`);
        if (runs === 1) await first.promise;
        return runs;
      });
    const running = aging();
    await new Promise((resolve) => setTimeout(resolve, 0)); // the first has started
    const queued = [aging(), aging(), aging()];
    const other = gate.run('kpis:1', async () => void order.push('kpis starts'));
    expect(order).toEqual(['aging 1 starts']); // nothing else runs beside it
    first.resolve();
    expect(await running).toBe(1);
    expect(await Promise.all(queued)).toEqual([2, 2, 2]); // three requests, one run after the first
    await other;
    expect(order).toEqual(['aging 1 starts', 'aging 2 starts', 'kpis starts']);
  });

  it('passes a failure to every request sharing the run, and goes on with the next', async () => {
    const gate = new HeavyReads(1);
    const blocker = deferred();
    const first = gate.run('a', () => blocker.promise);
    const failing = [gate.run('b', () => Promise.reject(new Error('no'))), gate.run('b', () => Promise.resolve())];
    const after = gate.run('c', async () => 'c');
    blocker.resolve();
    await first;
    for (const request of failing) await expect(request).rejects.toThrow('no');
    expect(await after).toBe('c');
  });
});
