// The documentation names only what exists: every `arrears <command> [--option]` written in
// README.md, docs/*.md or the OpenAPI document is a command (and subcommand, and option) of the
// real CLI program, and every docs/*.md file they point to is there. Docs that drift from the
// code fail here, not in a reader's terminal.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.ts';
import type { Database } from '../../src/db/engine.ts';
import { createHttpApp } from '../../src/http/app.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** A command written in the docs, and where. */
interface Mention {
  source: string;
  text: string;
}

/** `arrears …` inside inline code, and lines of code blocks that start with `arrears` or `npx arrears`. */
export function commandMentions(source: string, text: string): Mention[] {
  const found: Mention[] = [];
  for (const match of text.matchAll(/`(?:npx )?(arrears [^`\n]+)`/g)) found.push({ source, text: match[1]! });
  for (const block of text.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)) {
    for (const line of block[1]!.split('\n')) {
      const command = /^\s*(?:npx )?(arrears\s.*)$/.exec(line)?.[1];
      if (command) found.push({ source, text: command.replace(/\s+#.*$/, '') });
    }
  }
  // A row of the command table goes on after ` / ` with more of the same command: `hold list`,
  // or only the subcommand (`exclude <id>` after `arrears customer playbook …`).
  for (const row of text.matchAll(/^\| `arrears ([a-z-]+)[^`]*`((?: \/ `[^`]+`)+)/gm)) {
    for (const more of row[2]!.matchAll(/`([^`]+)`/g)) {
      const words = more[1]!;
      found.push({ source, text: `arrears ${words.startsWith(`${row[1]} `) || words === row[1] ? '' : `${row[1]} `}${words}` });
    }
  }
  return found;
}

const isWord = (token: string) => /^[a-z][a-z0-9-]*$/.test(token);

/** What is wrong with a mention, or null: the command path must exist, and each --option on it or its parents. */
export function mentionProblem(program: Command, mention: string): string | null {
  const tokens = mention.replace(/"[^"]*"|'[^']*'/g, 'VALUE').split(/\s+/).slice(1);
  let command = program;
  const path = ['arrears'];
  for (const raw of tokens) {
    // `[set <json>]`: an optional subcommand is still a subcommand; `<id>`, `…`, `a|b` end the path
    const token = raw.replace(/^[[(]+|[\])]+$/g, '');
    if (!isWord(token)) break;
    const sub = command.commands.find((c) => c.name() === token || c.aliases().includes(token));
    if (sub) {
      command = sub;
      path.push(token);
      continue;
    }
    if (command === program || (command.commands.length > 0 && command.registeredArguments.length === 0)) {
      return `"${path.join(' ')} ${token}" is not a command (there are: ${command.commands.map((c) => c.name()).join(', ')})`;
    }
    break;
  }
  if (command === program) return null; // `arrears <command>`: no command named
  const options = new Set(['--help']);
  for (let c: Command | null = command; c; c = c.parent) for (const option of c.options) if (option.long) options.add(option.long);
  for (const raw of tokens) {
    const option = /^[[(]*(--[a-z][a-z0-9-]*)/.exec(raw)?.[1];
    if (option && !options.has(option)) return `"${path.join(' ')}" has no option ${option}`;
  }
  return null;
}

async function openApiText(): Promise<string> {
  // The OpenAPI document is built from the routes alone: no database is touched to serve it.
  const app = createHttpApp({ database: { db: {} } as unknown as Database, logger: pino({ level: 'silent' }), now: () => new Date(), sms: null });
  const response = await app.request('/api/openapi.json');
  expect(response.status).toBe(200);
  // descriptions as text, so `arrears …` in them reads as in Markdown
  return JSON.stringify(await response.json(), null, 1).replaceAll('\\n', '\n');
}

async function documents(): Promise<Array<{ source: string; text: string }>> {
  const docs = readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md'));
  return [
    { source: 'README.md', text: readFileSync(join(root, 'README.md'), 'utf8') },
    ...docs.map((name) => ({ source: `docs/${name}`, text: readFileSync(join(root, 'docs', name), 'utf8') })),
    { source: 'the OpenAPI document', text: await openApiText() },
  ];
}

describe('documentation references', () => {
  it('names only commands, subcommands and options the CLI has', async () => {
    const program = await buildProgram();
    const mentions = (await documents()).flatMap((doc) => commandMentions(doc.source, doc.text));
    expect(mentions.length).toBeGreaterThan(50);
    const problems = mentions.flatMap((mention) => {
      const problem = mentionProblem(program, mention.text);
      return problem ? [`${mention.source}: \`${mention.text}\`: ${problem}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it('points only to docs/*.md files that exist', async () => {
    const missing = (await documents()).flatMap((doc) =>
      [...new Set([...doc.text.matchAll(/\bdocs\/[\w.-]+\.md\b/g)].map((m) => m[0]))].filter((file) => !existsSync(join(root, file))).map((file) => `${doc.source} names ${file}`),
    );
    expect(missing).toEqual([]);
  });

  it('would catch a command, a subcommand or an option that does not exist', async () => {
    const program = await buildProgram();
    expect(mentionProblem(program, 'arrears task outcome 82 pause_until --until 2027-01-15')).toBeNull();
    expect(mentionProblem(program, 'arrears hold C-1 --reason "x" --until 2027-01-01')).toBeNull();
    expect(mentionProblem(program, 'arrears hold list --all')).toBeNull();
    expect(mentionProblem(program, 'arrears <command>')).toBeNull();
    expect(mentionProblem(program, 'arrears dispatcher --once')).toMatch(/"arrears dispatcher" is not a command/);
    expect(mentionProblem(program, 'arrears customer frobnicate C-1')).toMatch(/"arrears customer frobnicate" is not a command/);
    expect(mentionProblem(program, 'arrears cycle --date 2026-11-23 --dry-runs')).toMatch(/has no option --dry-runs/);
    expect(commandMentions('x', '| `arrears hold <c>` / `hold list [--all]` / `release <id>` | … |').map((m) => m.text)).toEqual(['arrears hold <c>', 'arrears hold list [--all]', 'arrears hold release <id>']);
  });
});
