// Command-line arguments of `npm run bench -- <scenario> [--engine pglite|postgres] [--invoices N]
// [--customers N] [--json] [--phases]`, checked strictly: a typo must not silently bench the defaults.
import type { Engine } from '../../src/db/engine.ts';

export const scenarios = ['import', 'aging', 'cycle', 'dispatch', 'orgs', 'web', 'import-responsive'] as const;
export type Scenario = (typeof scenarios)[number];

export interface BenchArgs {
  scenario: Scenario;
  engine: Engine;
  invoices: number;
  customers: number;
  json: boolean;
  /** Also time every SQL statement of the import and print the slowest (stderr). */
  phases: boolean;
  /** Share (0–1) of invoices generated wholly unpaid; undefined = the customers' payment behaviours decide. */
  openShare: number | undefined;
  /** dispatch: how many emails to send. */
  messages: number;
  /** orgs: how many organisations share the invoices. */
  orgs: number;
}

export const usage =
  'usage: npm run bench -- <import|aging|cycle|dispatch|orgs|web|import-responsive> [--engine pglite|postgres] [--invoices N] [--customers N] [--open-share F] [--messages N] [--orgs N] [--json] [--phases]\n' +
  '  PostgreSQL runs on a fresh database created on the server of DATABASE_URL (and dropped afterwards).';

export function parseArgs(argv: readonly string[]): BenchArgs {
  const rest = [...argv];
  const scenario = rest.shift();
  if (!scenarios.includes(scenario as Scenario)) throw new Error(`unknown scenario "${scenario ?? ''}"\n${usage}`);
  let engine: Engine = 'pglite';
  let invoices: number | undefined;
  let orgs = 1000;
  let customers: number | undefined;
  let json = false;
  let phases = false;
  let openShare: number | undefined;
  let messages = 10_000;
  while (rest.length > 0) {
    const flag = rest.shift()!;
    const [name, inline] = flag.split('=', 2) as [string, string | undefined];
    const value = () => {
      const v = inline ?? rest.shift();
      if (v === undefined) throw new Error(`${name} needs a value\n${usage}`);
      return v;
    };
    const count = () => {
      const text = value().replace(/_/g, '');
      if (!/^\d+$/.test(text) || Number(text) < 1) throw new Error(`${name} must be a whole number ≥ 1, not "${text}"`);
      return Number(text);
    };
    if (name === '--engine') {
      const v = value();
      if (v !== 'pglite' && v !== 'postgres') throw new Error(`--engine must be pglite or postgres, not "${v}"`);
      engine = v;
    } else if (name === '--invoices') invoices = count();
    else if (name === '--customers') customers = count();
    else if (name === '--messages') messages = count();
    else if (name === '--orgs') orgs = count();
    else if (name === '--json') json = true;
    else if (name === '--phases') phases = true;
    else if (name === '--open-share') {
      const v = value();
      if (!/^(0(\.\d+)?|1(\.0+)?)$/.test(v)) throw new Error(`--open-share must be a fraction from 0 to 1, not "${v}"`);
      openShare = Number(v);
    }
    else throw new Error(`unknown option "${flag}"\n${usage}`);
  }
  // orgs: a thousand open invoices an organisation unless told otherwise
  invoices ??= scenario === 'orgs' ? orgs * 1000 : 100_000;
  return { scenario: scenario as Scenario, engine, invoices, customers: customers ?? Math.max(1, Math.floor(invoices / 10)), json, phases, openShare, messages, orgs };
}
