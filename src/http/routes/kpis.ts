// /api/v1/kpis: collection effectiveness (CEI) and countback DSO for a period, per currency.
import { createRoute } from '@hono/zod-openapi';
import { computeKpis } from '../../app/reports/compute-kpis.ts';
import { defaultKpiPeriod } from '../../domain/kpi.ts';
import type { HttpDeps } from '../env.ts';
import { heavyReadsOf } from '../heavy-reads.ts';
import { orgToday, requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { json, problems } from '../schemas/common.ts';
import { KpiQuery, KpiReport } from '../schemas/kpis.ts';

const report = createRoute({
  method: 'get',
  path: '/kpis',
  tags: ['Reports'],
  summary: 'CEI and DSO for a period, per currency',
  description: 'Definitions and rounding are in docs/kpis.md. Without dates: the last three whole months and this month to today.',
  request: { query: KpiQuery },
  responses: { 200: json(KpiReport, 'The KPIs and the figures they come from'), ...problems(400, 401) },
});

export function kpiRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  const heavyReads = heavyReadsOf(deps.database);
  return createRouter().openapi(report, async (c) => {
    const { orgId } = c.get('principal');
    const query = c.req.valid('query');
    const to = query.to ?? orgToday(await requireOrg(db, orgId), deps.now);
    const from = query.from ?? defaultKpiPeriod(to).from;
    return sendJson(c, KpiReport, await heavyReads.run(`kpis:${orgId}:${from}:${to}`, () => computeKpis(db, orgId, { from, to })), 200);
  });
}
