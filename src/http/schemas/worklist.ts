// The worklist and the dashboard (the web app's Worklist and Today screens).
import { z } from '@hono/zod-openapi';
import type { Dashboard } from '../../app/reports/compute-dashboard.ts';
import type { WorklistItem } from '../../app/tasks/build-worklist.ts';
import { worklistKinds, type WorklistKind } from '../../app/tasks/worklist-entries.ts';
import { BucketAmounts } from './aging.ts';
import { Amount, Id, IsoDate, Timestamp } from './common.ts';
import { PageQuery } from './pagination.ts';

const Kind = z.enum(worklistKinds).openapi({
  description: 'call and review: tasks for a person; send_failed: a send that failed for good (retry or cancel); send_blocked: a send the contact rules blocked today; letter_held: a letter waiting for the organisation’s return address; promise_due: a promise to pay falls due today; promise_broken: a promise broken in the last 7 days; settlement_approval: a settlement awaiting an owner’s approval (POST /api/v1/settlements/{id}/approve or /decline); plan_approval: a proposed payment plan only an owner may accept (POST /api/v1/plans/{id}/accept, or /cancel to decline it)',
});

const PerCurrency = z.array(z.object({ currency: z.string(), amount: Amount })).openapi({ description: 'per currency, never added across currencies' });

const Counts = z.object(Object.fromEntries(worklistKinds.map((kind) => [kind, z.int()])) as Record<WorklistKind, z.ZodInt>).openapi('WorklistCounts');

export const WorklistItemSchema = z
  .object({
    key: z.string().openapi({ description: 'action:<id>, promise:<id>, settlement:<id> or plan:<id>', example: 'action:42' }),
    kind: Kind,
    actionId: Id.nullable().openapi({ description: 'for calls, reviews and sends: GET /api/v1/actions/{id}, /call-script, /call-outcome, /review' }),
    promiseId: Id.nullable(),
    settlementId: Id.nullable().openapi({ description: 'for settlement_approval: GET /api/v1/settlements/{id}' }),
    planId: Id.nullable().openapi({ description: 'for plan_approval: GET /api/v1/plans/{id}' }),
    customer: z.object({ id: Id, externalId: z.string(), name: z.string(), timeZone: z.string().nullable() }),
    title: z.string(),
    status: z.string(),
    why: z.string().nullable().openapi({ description: 'for a send: the rule and its sentence, or the last error' }),
    dueAt: Timestamp.nullable(),
    invoiceNumbers: z.array(z.string()),
    atStake: PerCurrency,
    daysLate: z.int().openapi({ description: 'days past the due date of the oldest open invoice concerned (of the promise, for a broken one)' }),
    promise: z.object({ amount: Amount, currency: z.string(), dueOn: IsoDate }).nullable(),
  })
  .openapi('WorklistItem');

export const WorklistQuery = PageQuery.extend({
  kind: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      const kinds = text.split(',').map((k) => k.trim()).filter(Boolean);
      const wrong = kinds.filter((k) => !(worklistKinds as readonly string[]).includes(k));
      if (wrong.length > 0) {
        ctx.addIssue({ code: 'custom', message: `${wrong.join(', ')}: not a kind; the kinds are ${worklistKinds.join(', ')}` });
        return z.NEVER;
      }
      return kinds as WorklistKind[];
    })
    .openapi({ type: 'string', description: `one kind or several separated by commas: ${worklistKinds.join(', ')}`, example: 'call,promise_due' }),
});

export const WorklistPage = z
  .object({
    today: IsoDate,
    rule: z.string().openapi({ description: 'the order of the list, as a sentence to show' }),
    counts: Counts.openapi({ description: 'items per kind in the whole worklist (before the kind filter); the dashboard’s work counts are these' }),
    data: z.array(WorklistItemSchema),
    nextCursor: z.string().nullable().openapi({ description: 'pass as ?cursor= for the next page (a position in the order: items done meanwhile shift it)' }),
    previousCursor: z.string().nullable().openapi({ description: 'pass as ?cursor= for the page before (null on the first page)' }),
  })
  .openapi('WorklistPage');

export const DashboardSchema = z
  .object({
    today: IsoDate.openapi({ description: 'the organisation’s date now' }),
    currencies: z.array(
      z.object({
        currency: z.string(),
        owed: Amount.openapi({ description: 'open, undisputed balance (the aging report’s total)' }),
        overdue: Amount.openapi({ description: 'the part past due (every bucket but current)' }),
        aging: BucketAmounts,
        promisedNext30Days: Amount.openapi({ description: 'pending promises to pay due from today to 30 days ahead' }),
      }),
    ),
    trend: z.array(
      z.object({
        month: z.string().openapi({ example: '2026-11' }),
        from: IsoDate,
        to: IsoDate.openapi({ description: 'the month’s last day, or today for this month' }),
        currencies: z.array(z.object({ currency: z.string(), dsoDays: z.number(), ceiPercent: z.number().nullable() })),
      }),
    ).openapi({ description: 'the last 12 months, oldest first: countback DSO and CEI per currency (see GET /api/v1/kpis for the figures behind them)' }),
    work: Counts.openapi({ description: 'the worklist’s items per kind (GET /api/v1/worklist?kind=… lists them)' }),
  })
  .openapi('Dashboard');

export function toWorklistItem(item: WorklistItem): z.input<typeof WorklistItemSchema> {
  return {
    ...item,
    actionId: item.actionId?.toString() ?? null,
    promiseId: item.promiseId?.toString() ?? null,
    settlementId: item.settlementId?.toString() ?? null,
    planId: item.planId?.toString() ?? null,
    customer: { ...item.customer, id: item.customer.id.toString() },
  };
}

export function toDashboard(dashboard: Dashboard): z.input<typeof DashboardSchema> {
  return dashboard;
}
