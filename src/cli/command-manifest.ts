// The list of top-level commands (name, aliases, usage term, description, and the module that
// registers it), written at build time next to the compiled CLI so that start-up can load only
// the module of the command being run and print the top-level help without loading any.
import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';

export interface CommandManifest {
  commands: Array<{ module: string; name: string; aliases: string[]; term: string; description: string }>;
}

const manifestUrl = new URL('./commands.json', import.meta.url);

/** The manifest beside this module, or undefined when running from source (no build). */
export function readCommandManifest(): CommandManifest | undefined {
  if (!import.meta.url.endsWith('.js')) return undefined;
  try {
    return JSON.parse(readFileSync(manifestUrl, 'utf8')) as CommandManifest;
  } catch {
    return undefined;
  }
}

/** Registers each command module on its own program to see which commands it adds. Run by the build. */
export async function writeCommandManifest(): Promise<void> {
  const { baseProgram, commandModules } = await import('./main.ts');
  const help = new Command().createHelp();
  const commands: CommandManifest['commands'] = [];
  for (const [module, load] of Object.entries(commandModules)) {
    const program = baseProgram();
    (await load())(program);
    for (const command of program.commands) {
      commands.push({ module, name: command.name(), aliases: command.aliases(), term: help.subcommandTerm(command), description: command.description() });
    }
  }
  writeFileSync(manifestUrl, `${JSON.stringify({ commands } satisfies CommandManifest, null, 2)}\n`);
}
