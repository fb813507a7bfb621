// Times every SQL statement a Kysely instance runs (a plugin sees each query just before it is sent
// and its result just after), so `--phases` can say where an import's time goes: staging inserts,
// each merge statement, and — by difference — reading and parsing the CSV in JavaScript.
import { round1 } from './measure.ts';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

export interface StatementStats {
  label: string;
  count: number;
  ms: number;
  maxMs: number;
}

/** A short, stable name for a statement: the start of its SQL text with whitespace collapsed. */
function labelOf(node: RootOperationNode): string {
  if (node.kind === 'RawNode') {
    return node.sqlFragments.join('$').replace(/\s+/g, ' ').trim().slice(0, 110);
  }
  const table = 'into' in node && node.into ? ` ${JSON.stringify(node.into).match(/"name":"(\w+)"/)?.[1] ?? ''}` : '';
  return `${node.kind}${table}`;
}

export class StatementTimer implements KyselyPlugin {
  readonly #running = new WeakMap<object, { started: number; label: string }>();
  readonly #stats = new Map<string, StatementStats>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#running.set(args.queryId, { started: performance.now(), label: labelOf(args.node) });
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const running = this.#running.get(args.queryId);
    if (running) {
      const ms = performance.now() - running.started;
      const stats = this.#stats.get(running.label) ?? { label: running.label, count: 0, ms: 0, maxMs: 0 };
      stats.count += 1;
      stats.ms += ms;
      stats.maxMs = Math.max(stats.maxMs, ms);
      this.#stats.set(running.label, stats);
    }
    return args.result;
  }

  /** Statements by total time, slowest first. */
  slowest(): StatementStats[] {
    return [...this.#stats.values()].sort((a, b) => b.ms - a.ms);
  }

  totalMs(): number {
    return this.slowest().reduce((sum, s) => sum + s.ms, 0);
  }

  /** What `--phases` prints: the SQL time so far and the slowest statements, in ms to a tenth. */
  report(limit = 15): { sqlMs: number; statements: StatementStats[] } {
    return { sqlMs: round1(this.totalMs()), statements: this.slowest().slice(0, limit).map((s) => ({ ...s, ms: round1(s.ms), maxMs: round1(s.maxMs) })) };
  }

  reset(): void {
    this.#stats.clear();
  }
}
