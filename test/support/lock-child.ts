// A child process for the data directory lock's race test: says it is ready, reads the common
// start instant from stdin, spins until then so the attempts of all children coincide, tries to
// take the lock, says whether it won, and holds it a moment so the losers see a live holder.
import { createInterface } from 'node:readline';
import { lockDataDir } from '../../src/db/data-dir.ts';

const [dataDir] = process.argv.slice(2) as [string];
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
const startAt = Number(await new Promise<string>((resolve) => lines.once('line', resolve)));
lines.close();
while (Date.now() < startAt); // spin, not a timer: a timer wakes each child at a different moment
try {
  const release = lockDataDir(dataDir);
  process.stdout.write('won\n');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  release();
} catch (error) {
  process.stdout.write(`lost ${(error as { code?: string }).code ?? String(error)}\n`);
}
