#!/usr/bin/env node
// The `arrears` command: the compiled program in dist/ (built at install by npm's `prepare`).
// When dist/ is missing or older than src/ it runs the TypeScript sources through tsx instead
// (slow to start, but never stale) and says how to make it fast again.
import { isBuildCurrent } from './build-info.js';

let main;
if (isBuildCurrent()) {
  ({ main } = await import('../dist/arrears.js'));
} else {
  process.stderr.write('arrears: the compiled program (dist/) is missing or older than src/; running from source, which starts slowly. `npm run build` fixes that.\n');
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
await main(process.argv);
