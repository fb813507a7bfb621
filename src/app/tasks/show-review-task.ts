// What a person needs to decide a review task: who the customer is, what it owes now (per
// currency, from the ledger), the case's history in brief (what was sent or done, promises,
// disputes, payments since the case opened) and the decisions allowed, with who may take each.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Org } from '../../db/schema.ts';
import { daysBetween, type IsoDate } from '../../domain/calendar.ts';
import { collectionSettings } from '../../domain/collection-settings.ts';
import { estimateRecovery, type CurrencyEstimate } from '../../domain/reviews/recovery-estimates.ts';
import { reviewOutcomes } from '../../domain/reviews/review-outcomes.ts';
import { reviewRules, type ReviewRule } from '../../domain/reviews/review-policy.ts';
import { reviewPolicyOf } from '../cycle/queue-reviews.ts';
import { AppError } from '../../errors.ts';

export interface ReviewTask {
  actionId: string;
  status: string;
  stepName: string;
  dueAt: string;
  customer: { id: string; externalId: string; name: string; kind: 'business' | 'consumer'; timeZone: string | null };
  /** Per currency, never added across currencies: the open balance and the part past due. */
  balances: Array<{ currency: string; balance: bigint; overdue: bigint; invoices: number }>;
  case: {
    id: string;
    status: string;
    openedOn: IsoDate;
    daysOpen: number;
    /** What the case sent or did, oldest first. */
    steps: Array<{ on: IsoDate; stepName: string; channel: string; status: string }>;
    promises: { kept: number; broken: number; pending: number };
    openDisputes: number;
    /** Received since the case opened, per currency. */
    paidSinceOpened: Array<{ currency: string; amount: bigint; lastOn: IsoDate }>;
  } | null;
  outcomes: Array<{ code: string; label: string; role: 'owner' | 'collector'; does: string; notBuilt: string | null }>;
  /** The review rule that put the account in the queue, and why; null for the playbook's own review step. */
  rule: { code: ReviewRule; label: string; reason: string } | null;
  /** Per currency, what each route would recover from the open balance, side by side, and the one suggested. */
  estimates: CurrencyEstimate[];
}

export async function showReviewTask(db: Executor, org: Org, actionId: bigint, today: IsoDate): Promise<ReviewTask> {
  const action = await db
    .selectFrom('actions')
    .innerJoin('customers', (join) => join.onRef('customers.org_id', '=', 'actions.org_id').onRef('customers.id', '=', 'actions.customer_id'))
    .select(['actions.id', 'actions.status', 'actions.channel', 'actions.kind', 'actions.step_name', 'actions.due_at', 'actions.reason', 'actions.data', 'actions.customer_id', 'customers.external_id', 'customers.name', 'customers.kind as customer_kind', 'customers.time_zone'])
    .where('actions.org_id', '=', org.id)
    .where('actions.id', '=', actionId)
    .executeTakeFirst();
  if (!action) throw new AppError('not_found', `there is no action ${actionId}`);
  if (action.channel !== 'review') throw new AppError('invalid_input', `action ${actionId} is a ${action.channel} ${action.kind}, not a review task`);
  const customerId = action.customer_id;

  const balances = await sql<{ currency: string; balance: bigint; overdue: bigint; invoices: bigint }>`
    select currency, money_sum(balance) as balance, coalesce(money_sum(balance) filter (where due_date < ${today}::date), 0) as overdue, count(*) as invoices
      from invoices
     where org_id = ${org.id} and customer_id = ${customerId} and status = 'open' and balance > 0
     group by currency order by currency`.execute(db);

  const found = await db
    .selectFrom('cases')
    .select(['id', 'status', 'opened_on'])
    .where('org_id', '=', org.id)
    .where('customer_id', '=', customerId)
    .orderBy('opened_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  let history: ReviewTask['case'] = null;
  if (found) {
    const steps = await db
      .selectFrom('actions')
      .select(['cycle_date', 'sent_on', 'step_name', 'channel', 'status'])
      .where('org_id', '=', org.id)
      .where('case_id', '=', found.id)
      .where('status', 'in', ['sent', 'done'])
      .orderBy('cycle_date')
      .orderBy('id')
      .execute();
    const promises = await sql<{ status: string; n: bigint }>`
      select status, count(*) as n from promises
       where org_id = ${org.id} and customer_id = ${customerId} and made_on >= ${found.opened_on}::date group by status`.execute(db);
    const disputes = await sql<{ n: bigint }>`
      select count(*) as n from disputes d join invoices i on i.org_id = d.org_id and i.id = d.invoice_id
       where d.org_id = ${org.id} and i.customer_id = ${customerId} and d.status = 'open'`.execute(db);
    const paid = await sql<{ currency: string; amount: bigint; last_on: string }>`
      select currency, money_sum(amount) as amount, max(received_on)::text as last_on from payments
       where org_id = ${org.id} and customer_id = ${customerId} and received_on >= ${found.opened_on}::date
       group by currency order by currency`.execute(db);
    const count = (status: string) => Number(promises.rows.find((row) => row.status === status)?.n ?? 0n);
    history = {
      id: found.id.toString(),
      status: found.status,
      openedOn: found.opened_on,
      daysOpen: Math.max(0, daysBetween(found.opened_on, today)),
      steps: steps.map((row) => ({ on: row.sent_on ?? row.cycle_date, stepName: row.step_name, channel: row.channel, status: row.status })),
      promises: { kept: count('kept'), broken: count('broken'), pending: count('pending') },
      openDisputes: Number(disputes.rows[0]?.n ?? 0n),
      paidSinceOpened: paid.rows.map((row) => ({ currency: row.currency, amount: row.amount, lastOn: row.last_on })),
    };
  }

  const settings = collectionSettings(org.settings);
  const policy = reviewPolicyOf(settings);
  const enabled = { agency: settings.agencyEnabled, smallClaims: settings.smallClaimsEnabled };
  const fired = (action.data as { reviewRule?: ReviewRule } | null)?.reviewRule;
  return {
    actionId: action.id.toString(),
    status: action.status,
    stepName: action.step_name,
    dueAt: action.due_at,
    customer: { id: customerId.toString(), externalId: action.external_id, name: action.name, kind: action.customer_kind, timeZone: action.time_zone },
    balances: balances.rows.map((row) => ({ currency: row.currency, balance: row.balance, overdue: row.overdue, invoices: Number(row.invoices) })),
    case: history,
    outcomes: Object.entries(reviewOutcomes).map(([code, meta]) => ({ code, label: meta.label, role: meta.role, does: meta.does, notBuilt: meta.notBuilt })),
    rule: fired && Object.hasOwn(reviewRules, fired) ? { code: fired, label: reviewRules[fired], reason: action.reason ?? '' } : null,
    estimates: balances.rows.map((row) => estimateRecovery(row.currency, row.balance, policy, enabled)),
  };
}
