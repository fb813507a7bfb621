// The compiled CLI prints the top-level help from the command list written at build time, without
// loading any command module: it must read exactly as the full program's help, and a command's
// own help (loaded on demand) must still be complete.
import { expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.ts';
import { runCli } from '../support/cli.ts';

it('prints the same top-level help as the full program, and each command its own', async () => {
  const program = await buildProgram();
  const [top, simulate, unknown] = await Promise.all([runCli(['--help']), runCli(['help', 'simulate']), runCli(['simulte'])]);
  expect(top.code).toBe(0);
  expect(top.stderr).toBe('');
  expect(top.stdout).toBe(program.helpInformation());
  expect(simulate.code).toBe(0);
  expect(simulate.stdout).toBe(program.commands.find((command) => command.name() === 'simulate')!.helpInformation());
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain("error: unknown command 'simulte'\n(Did you mean simulate?)");
});
