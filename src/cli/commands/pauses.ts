// Registers the pause commands: `arrears hold`, `arrears dispute` and `arrears promise`.
import type { Command } from 'commander';
import { registerDisputeCommand } from './dispute.ts';
import { registerHoldCommand } from './hold.ts';
import { registerPromiseCommand } from './promise.ts';

export function registerPauseCommands(program: Command): void {
  registerHoldCommand(program);
  registerDisputeCommand(program);
  registerPromiseCommand(program);
}
