// /api/v1/aging: who owes what by days past due, as of a date.
import { createRoute } from '@hono/zod-openapi';
import { computeAging } from '../../app/reports/compute-aging.ts';
import { pageOfArray } from '../../db/queries/page.ts';
import type { HttpDeps } from '../env.ts';
import { heavyReadsOf } from '../heavy-reads.ts';
import { orgToday, requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { AgingPage, AgingQuery } from '../schemas/aging.ts';
import { json, problems } from '../schemas/common.ts';
import { pageRequest, toPage } from '../schemas/pagination.ts';

const report = createRoute({
  method: 'get',
  path: '/aging',
  tags: ['Reports'],
  summary: 'Aging of open balances by customer and currency',
  description:
    'Open, undisputed balances in the buckets current, 1-30, 31-60, 61-90 and 91+ days past due. Totals are per currency and cover the whole report; the customer rows are paginated.',
  request: { query: AgingQuery },
  responses: { 200: json(AgingPage, 'The report, with one page of customer rows'), ...problems(400, 401) },
});

export function agingRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  const heavyReads = heavyReadsOf(deps.database);
  return createRouter().openapi(report, async (c) => {
    const { orgId } = c.get('principal');
    const { asOf, limit, cursor } = c.req.valid('query');
    const date = asOf ?? orgToday(await requireOrg(db, orgId), deps.now);
    const aging = await heavyReads.run(`aging:${orgId}:${date}`, () => computeAging(db, orgId, date));
    const page = pageOfArray(aging.customers, (row) => BigInt(row.id), pageRequest({ limit, cursor }));
    return sendJson(c, AgingPage, { asOf: aging.asOf, buckets: aging.buckets, totals: aging.totals, ...toPage(page, (row) => row) }, 200);
  });
}
