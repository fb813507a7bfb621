// The benchmark harness: `npm run bench -- <scenario> [--engine pglite|postgres] [--invoices N]
// [--customers N] [--orgs N] [--json]`. Generates a synthetic portfolio with the demo generator, loads it
// through the real import, measures, and prints one JSON object of figures on stdout (see
// docs/benchmarks.md). The database is created for the run and removed afterwards.
import { parseArgs, usage } from './support/args.ts';
import { openBenchDatabase } from './support/database.ts';
import { runAging } from './scenarios/aging.ts';
import { runCycleScenario } from './scenarios/cycle.ts';
import { runDispatchScenario } from './scenarios/dispatch.ts';
import { runImport } from './scenarios/import.ts';
import { runImportResponsive } from './scenarios/import-responsive.ts';
import { runOrgsScenario } from './scenarios/orgs.ts';
import { runWebScenario } from './scenarios/web.ts';
import type { ScenarioResult } from './scenarios/types.ts';

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  if (!args.json) process.stderr.write(`bench ${args.scenario} on ${args.engine}: ${args.invoices} invoices, ${args.customers} customers …\n`);
  const bench = await openBenchDatabase(args.engine);
  let result: ScenarioResult;
  try {
    const run = { import: runImport, aging: runAging, cycle: runCycleScenario, dispatch: runDispatchScenario, orgs: runOrgsScenario, web: runWebScenario, 'import-responsive': runImportResponsive }[args.scenario];
    result = await run({ args, bench });
  } finally {
    await bench.dispose();
  }
  process.stdout.write(`${JSON.stringify(result.figures)}\n`);
  if (!args.json) process.stderr.write(`${result.summary}\n`);
  if (result.phases) process.stderr.write(`${JSON.stringify(result.phases, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n${usage}\n`);
  process.exitCode = 1;
});
