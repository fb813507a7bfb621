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

/** One statement as it ran, on performance.now()'s clock. */
export interface StatementSpan {
  label: string;
  started: number;
  ended: number;
}

export class StatementTimer implements KyselyPlugin {
  readonly #running = new WeakMap<object, { started: number; label: string }>();
  readonly #stats = new Map<string, StatementStats>();
  readonly #spans: StatementSpan[] = [];

  /** `keepSpans`: also keep each statement's start and end, to tell what ran while a request waited (overlapping). */
  constructor(readonly keepSpans = false) {}

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
      if (this.keepSpans) this.#spans.push({ label: running.label, started: running.started, ended: running.started + ms });
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

  /**
   * The statements that ran between `from` and `to` (on PGlite's one connection, what a request
   * sent at `from` and answered at `to` waited for, besides its own), by label, longest first.
   */
  overlapping(from: number, to: number, limit = 4): Array<{ label: string; count: number; ms: number }> {
    const byLabel = new Map<string, { label: string; count: number; ms: number }>();
    for (const span of this.#spans) {
      const ms = Math.min(span.ended, to) - Math.max(span.started, from);
      if (ms <= 0) continue;
      const entry = byLabel.get(span.label) ?? { label: span.label, count: 0, ms: 0 };
      entry.count += 1;
      entry.ms += ms;
      byLabel.set(span.label, entry);
    }
    return [...byLabel.values()].sort((a, b) => b.ms - a.ms).slice(0, limit).map((e) => ({ ...e, ms: round1(e.ms) }));
  }

  /** Statements by their longest single run, longest first: the longest holds of the connection. */
  longest(limit = 10): Array<{ label: string; count: number; maxMs: number }> {
    return [...this.#stats.values()]
      .sort((a, b) => b.maxMs - a.maxMs)
      .slice(0, limit)
      .map((s) => ({ label: s.label, count: s.count, maxMs: round1(s.maxMs) }));
  }

  reset(): void {
    this.#stats.clear();
    this.#spans.length = 0;
  }
}
