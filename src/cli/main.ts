// The `arrears` command: global options, the subcommands (one file each), and one place that
// turns errors into messages and exit codes.
//
// Start-up loads only the module of the command being run: loading all of them (the server, the
// PDF and mail libraries, every use case) costs seconds. The top-level help is printed from a
// list of the commands written at build time (dist/cli/commands.json, see command-manifest.ts).
import { Command, CommanderError, Help } from 'commander';
import { unreachableDatabase } from '../db/engine-errors.ts';
import { isAppError } from '../errors.ts';
import { readCommandManifest, type CommandManifest } from './command-manifest.ts';

type Register = (program: Command) => void;

/** Every command module, in help order, with the function that registers its commands. */
export const commandModules: Record<string, () => Promise<Register>> = {
  start: async () => (await import('./commands/start.ts')).registerStartCommand,
  import: async () => (await import('./commands/import.ts')).registerImportCommand,
  cycle: async () => (await import('./commands/cycle.ts')).registerCycleCommands,
  org: async () => (await import('./commands/org.ts')).registerOrgCommand,
  key: async () => (await import('./commands/key.ts')).registerKeyCommand,
  aging: async () => (await import('./commands/aging.ts')).registerAgingCommand,
  kpi: async () => (await import('./commands/kpi.ts')).registerKpiCommand,
  playbook: async () => (await import('./commands/playbook.ts')).registerPlaybookCommand,
  customer: async () => (await import('./commands/customer.ts')).registerCustomerCommand,
  pauses: async () => (await import('./commands/pauses.ts')).registerPauseCommands,
  plan: async () => (await import('./commands/plan.ts')).registerPlanCommand,
  writeoff: async () => (await import('./commands/writeoff.ts')).registerWriteOffCommand,
  settlement: async () => (await import('./commands/settlement.ts')).registerSettlementCommand,
  charges: async () => (await import('./commands/charges.ts')).registerChargesCommand,
  rates: async () => (await import('./commands/rates.ts')).registerRatesCommand,
  contactRules: async () => (await import('./commands/contact-rules.ts')).registerContactRulesCommand,
  template: async () => (await import('./commands/template.ts')).registerTemplateCommand,
  outbox: async () => (await import('./commands/outbox.ts')).registerOutboxCommands,
  letters: async () => (await import('./commands/letters.ts')).registerLettersCommand,
  task: async () => (await import('./commands/task.ts')).registerTaskCommand,
  placement: async () => (await import('./commands/placement.ts')).registerPlacementCommand,
  claimPack: async () => (await import('./commands/claim-pack.ts')).registerClaimPackCommand,
  reviewPolicy: async () => (await import('./commands/review-policy.ts')).registerReviewPolicyCommand,
};

/** The program with its global options and no commands yet. */
export function baseProgram(): Command {
  return new Command('arrears')
    .description('Accounts-receivable collections for small businesses')
    .option('--data <dir>', 'embedded database directory (env ARREARS_DATA; DATABASE_URL wins)')
    .option('--org <slug>', 'organisation to act on, where there are several')
    .exitOverride()
    .showHelpAfterError();
}

/** The program with the commands of `modules` (all of them by default). */
export async function buildProgram(modules: string[] = Object.keys(commandModules)): Promise<Command> {
  const program = baseProgram();
  for (const register of await Promise.all(modules.map((name) => commandModules[name]!()))) register(program);
  return program;
}

const valueOptions = new Set(['--data', '--org']);

/** The words naming the command: the operands before the first option the command itself takes. */
function commandWords(args: string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (valueOptions.has(arg)) i++;
    else if (!arg.startsWith('-')) words.push(arg);
    if (words.length === 2) break;
  }
  return words;
}

/**
 * The program to parse `args` with: only the module that registers the named command; for the
 * top-level help or an unknown command, stand-ins for every command (their names, usage and
 * descriptions from the manifest), so help and "did you mean" read as with the full program.
 */
async function programFor(args: string[], manifest: CommandManifest | undefined): Promise<Command> {
  if (!manifest) return buildProgram();
  const words = commandWords(args);
  const named = words[0] === 'help' ? words[1] : words[0];
  const entry = manifest.commands.find((command) => command.name === named || command.aliases.includes(named ?? ''));
  if (entry) return buildProgram([entry.module]);
  const program = baseProgram();
  const terms = new Map<string, string>();
  for (const command of manifest.commands) {
    const stub = program.command(command.name).description(command.description);
    for (const alias of command.aliases) stub.alias(alias);
    terms.set(command.name, command.term);
  }
  const standard = new Help();
  program.configureHelp({ subcommandTerm: (command) => terms.get(command.name()) ?? standard.subcommandTerm(command) });
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    const program = await programFor(argv.slice(2), readCommandManifest());
    await program.parseAsync(argv);
  } catch (caught) {
    let error = caught;
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    // The database going away in the middle of a command is a setting to check, not a bug.
    const unreachable = process.env.DATABASE_URL ? unreachableDatabase(error, process.env.DATABASE_URL) : undefined;
    if (unreachable) error = unreachable;
    if (isAppError(error)) {
      process.stderr.write(`arrears: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    process.stderr.write(`arrears: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
