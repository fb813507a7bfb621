// docs/architecture.md walks a newcomer through the code by file name: every source file and
// folder it names must exist, so a move or a rename that forgets the map fails here.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const text = readFileSync(`${root}docs/architecture.md`, 'utf8');

/** `app/cycle/run-cycle.ts`, `src/db/schema.ts`, `channels/email/`: paths in inline code, from src/ unless they say otherwise (a capability folder, `ledger/`, from src/app/). */
function namedPaths(markdown: string): string[] {
  const paths = [...markdown.matchAll(/`([a-z.][\w.-]*(?:\/[\w.<>-]*)+)`/g)].map((match) => match[1]!);
  return [...new Set(paths)].filter((path) => !path.includes('<') && /\.(ts|cjs|md)$|\/$/.test(path) && path.includes('/'));
}

describe('docs/architecture.md', () => {
  const paths = namedPaths(text);

  it('names the files of the cycle and of a send', () => {
    expect(paths).toEqual(expect.arrayContaining(['app/cycle/run-cycle.ts', 'app/dispatch/dispatch-batch.ts', 'domain/cycle/plan.ts', 'domain/cycle/guard.ts']));
  });

  it.each(paths)('%s exists', (path) => {
    expect([root, `${root}src/`, `${root}src/app/`].some((base) => existsSync(`${base}${path}`))).toBe(true);
  });
});
