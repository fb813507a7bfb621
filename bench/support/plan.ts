// The plan PostgreSQL chose for a measured statement, as the measured code runs it: inside its own
// transaction, with the planner settings it makes there (the aging report's `set_config`s, the
// cycle's `work_mem` and switches). A plugin rewrites the first statement that matches into
// `EXPLAIN (FORMAT JSON) …` — same text, same parameters, same connection and transaction —,
// keeps the plan and aborts the work (its transaction rolls back), so nothing is written and the
// plan is the one the timed runs get on the same data.
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RawNode, RootOperationNode, UnknownRow } from 'kysely';

/** One node of EXPLAIN (FORMAT JSON)'s tree, with the fields the summary reads. */
export interface PlanNode {
  'Node Type': string;
  'Parallel Aware'?: boolean;
  'Partial Mode'?: string;
  Strategy?: string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Workers Planned'?: number;
  Plans?: PlanNode[];
}

/**
 * The plan's node types from the top down, "→" to a single child, "[a; b]" around several, with
 * what tells plans apart: parallel, partial/finalize, the aggregate's strategy (Hashed/Sorted), the
 * index or table read and the workers planned, e.g.
 * `Gather Merge(2 workers) → Finalize GroupAggregate → Parallel Index Scan(invoices_open_customer)`.
 */
export function summarisePlan(node: PlanNode): string {
  const type = node['Node Type'];
  let name = type === 'Aggregate' ? `${node['Partial Mode'] && node['Partial Mode'] !== 'Simple' ? `${node['Partial Mode']} ` : ''}${aggregateName(node.Strategy)}` : type;
  if (node['Parallel Aware']) name = `Parallel ${name}`;
  const target = node['Index Name'] ?? node['Relation Name'];
  const workers = node['Workers Planned'];
  const details = [target, workers === undefined ? undefined : `${workers} workers`].filter(Boolean).join(', ');
  const label = details ? `${name}(${details})` : name;
  const children = node.Plans ?? [];
  if (children.length === 0) return label;
  if (children.length === 1) return `${label} → ${summarisePlan(children[0]!)}`;
  return `${label}[${children.map(summarisePlan).join('; ')}]`;
}

/** EXPLAIN's "Aggregate" by strategy, named as in its text output. */
function aggregateName(strategy: string | undefined): string {
  return { Hashed: 'HashAggregate', Sorted: 'GroupAggregate', Mixed: 'MixedAggregate' }[strategy ?? ''] ?? 'Aggregate';
}

class PlanCaptured extends Error {
  constructor(readonly plan: PlanNode) {
    super('plan captured');
  }
}

/** The text of a raw statement (Kysely's `sql` template) with its parameters as $n. */
function rawText(node: RawNode): string {
  return node.sqlFragments.join('$?');
}

class ExplainFirstMatch implements KyselyPlugin {
  readonly #explained = new WeakSet<object>();

  constructor(private readonly matches: (text: string) => boolean) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    if (node.kind !== 'RawNode' || !this.matches(rawText(node))) return node;
    this.#explained.add(args.queryId);
    const [first, ...rest] = node.sqlFragments;
    return { ...node, sqlFragments: [`explain (format json) ${first ?? ''}`, ...rest] };
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (!this.#explained.has(args.queryId)) return args.result;
    const cell = args.result.rows[0]?.['QUERY PLAN'];
    // PostgreSQL's json type: parsed by the driver or left as text, by engine
    const document = (typeof cell === 'string' ? JSON.parse(cell) : cell) as Array<{ Plan: PlanNode }>;
    throw new PlanCaptured(document[0]!.Plan);
  }
}

/**
 * Runs `work` on a database whose first raw statement matching `pattern` is explained instead of
 * run, and returns that plan's summary; fails when `work` ends without running such a statement.
 */
export async function planOf<DB>(db: Kysely<DB>, pattern: RegExp, work: (db: Kysely<DB>) => Promise<unknown>): Promise<string> {
  try {
    await work(db.withPlugin(new ExplainFirstMatch((text) => pattern.test(text))));
  } catch (error) {
    if (error instanceof PlanCaptured) return summarisePlan(error.plan);
    throw error;
  }
  throw new Error(`no statement matching ${pattern} ran: nothing to explain`);
}
