// /api/v1/worklist and /api/v1/dashboard: the collector's queue in the order worth working it,
// and the owner's morning glance.
import { createRoute } from '@hono/zod-openapi';
import { computeDashboard } from '../../app/reports/compute-dashboard.ts';
import { worklistPage } from '../../app/tasks/build-worklist.ts';
import { worklistCounts } from '../../app/tasks/worklist-entries.ts';
import { worklistRule } from '../../domain/worklist-order.ts';
import type { HttpDeps } from '../env.ts';
import { heavyReadsOf } from '../heavy-reads.ts';
import { orgToday, requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { json, problems } from '../schemas/common.ts';
import { encodeCursor } from '../schemas/pagination.ts';
import { DashboardSchema, WorklistPage, WorklistQuery, toDashboard, toWorklistItem } from '../schemas/worklist.ts';

const worklist = createRoute({
  method: 'get',
  path: '/worklist',
  tags: ['Worklist'],
  summary: 'The worklist: calls, reviews, sends that need a person, promises due today and broken',
  description: `Ordered by the rule in \`rule\`: ${worklistRule}`,
  request: { query: WorklistQuery },
  responses: { 200: json(WorklistPage, 'A page of the worklist, in order'), ...problems(400, 401) },
});

const dashboard = createRoute({
  method: 'get',
  path: '/dashboard',
  tags: ['Reports'],
  summary: 'Today: owed and overdue per currency, aging, DSO and CEI by month, cash promised, the day’s work',
  responses: { 200: json(DashboardSchema, 'The figures'), ...problems(401) },
});

export function worklistRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  const heavyReads = heavyReadsOf(deps.database);
  return createRouter()
    .openapi(worklist, async (c) => {
      const org = await requireOrg(db, c.get('principal').orgId);
      const { limit, cursor, kind } = c.req.valid('query');
      const today = orgToday(org, deps.now);
      // the cursor is a position in the order, as before: an item's rank moves with every payment
      // on its invoices, so a key of (rank, id) would skip or repeat items as much as a position
      const start = Number(cursor ?? 0n);
      // the counts and the page on two connections at once (one after the other on PGlite's one)
      const { counts, page } = await heavyReads.run(`worklist:${org.id}:${today}:${kind?.join(',') ?? ''}:${start}:${limit}`, async () => {
        const [counts, page] = await Promise.all([worklistCounts(db, org.id, today), worklistPage(db, org, today, { kinds: kind, offset: start, limit })]);
        return { counts, page };
      });
      const next = page.more ? encodeCursor(BigInt(start + limit)) : null;
      const previous = start > 0 ? encodeCursor(BigInt(Math.max(0, start - limit))) : null;
      return sendJson(c, WorklistPage, { today, rule: worklistRule, counts, data: page.items.map(toWorklistItem), nextCursor: next, previousCursor: previous }, 200);
    })
    .openapi(dashboard, async (c) => {
      const org = await requireOrg(db, c.get('principal').orgId);
      const today = orgToday(org, deps.now);
      return sendJson(c, DashboardSchema, toDashboard(await heavyReads.run(`dashboard:${org.id}:${today}`, () => computeDashboard(db, org, today))), 200);
    });
}
