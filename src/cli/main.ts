// The `arrears` command: global options, the subcommands (one file each), and one place that
// turns errors into messages and exit codes.
import { Command, CommanderError } from 'commander';
import { unreachableDatabase } from '../db/engine-errors.ts';
import { isAppError } from '../errors.ts';
import { registerAgingCommand } from './commands/aging.ts';
import { registerChargesCommand } from './commands/charges.ts';
import { registerContactRulesCommand } from './commands/contact-rules.ts';
import { registerCycleCommands } from './commands/cycle.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerKeyCommand } from './commands/key.ts';
import { registerKpiCommand } from './commands/kpi.ts';
import { registerCustomerCommand } from './commands/customer.ts';
import { registerPlaybookCommand } from './commands/playbook.ts';
import { registerOrgCommand } from './commands/org.ts';
import { registerPauseCommands } from './commands/pauses.ts';
import { registerRatesCommand } from './commands/rates.ts';
import { registerStartCommand } from './commands/start.ts';
import { registerTemplateCommand } from './commands/template.ts';
import { registerOutboxCommands } from './commands/outbox.ts';
import { registerLettersCommand } from './commands/letters.ts';
import { registerTaskCommand } from './commands/task.ts';

export function buildProgram(): Command {
  const program = new Command('arrears')
    .description('Accounts-receivable collections for small businesses')
    .option('--data <dir>', 'embedded database directory (env ARREARS_DATA; DATABASE_URL wins)')
    .option('--org <slug>', 'organisation to act on, where there are several')
    .exitOverride()
    .showHelpAfterError();
  registerStartCommand(program);
  registerImportCommand(program);
  registerCycleCommands(program);
  registerOrgCommand(program);
  registerKeyCommand(program);
  registerAgingCommand(program);
  registerKpiCommand(program);
  registerPlaybookCommand(program);
  registerCustomerCommand(program);
  registerPauseCommands(program);
  registerChargesCommand(program);
  registerRatesCommand(program);
  registerContactRulesCommand(program);
  registerTemplateCommand(program);
  registerOutboxCommands(program);
  registerLettersCommand(program);
  registerTaskCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
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
