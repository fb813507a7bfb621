// /api/v1/cycle/run and /api/v1/actions: run the daily cycle, and see what it planned.
import { channelsOff } from '../../app/dispatch/channel-senders.ts';
import { createRoute } from '@hono/zod-openapi';
import { runCycle } from '../../app/cycle/run-cycle.ts';
import { refreshStakesAfterCycle } from '../../app/tasks/worklist-entries.ts';
import { findAction, listActions } from '../../db/queries/actions.ts';
import { AppError } from '../../errors.ts';
import type { HttpDeps } from '../env.ts';
import { orgToday, requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { Action, ActionListQuery, ActionPage, CycleReport, RunCycle, toAction } from '../schemas/cycle.ts';
import { IdParams, json, jsonBody, problems } from '../schemas/common.ts';
import { pageRequest, toPage } from '../schemas/pagination.ts';

const run = createRoute({
  method: 'post',
  path: '/cycle/run',
  tags: ['Cycle'],
  summary: 'Run the daily collection cycle for a date',
  description:
    "Decides today's step for every customer with something due and plans the actions (idempotent: running a date again creates nothing new). `dryRun` shows what would be planned without writing.",
  request: { body: jsonBody(RunCycle) },
  responses: { 200: json(CycleReport, 'What the cycle decided'), ...problems(400, 401, 403) },
});

const list = createRoute({
  method: 'get',
  path: '/actions',
  tags: ['Cycle'],
  summary: 'List planned actions',
  request: { query: ActionListQuery },
  responses: { 200: json(ActionPage, 'A page of actions, by id'), ...problems(400, 401) },
});

const get = createRoute({
  method: 'get',
  path: '/actions/{id}',
  tags: ['Cycle'],
  summary: 'Get an action: its step, status, and why',
  request: { params: IdParams },
  responses: { 200: json(Action, 'The action'), ...problems(400, 401, 404) },
});

export function cycleRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(run, async (c) => {
      const org = await requireOrg(db, c.get('principal').orgId);
      const body = c.req.valid('json');
      const date = body.date ?? orgToday(org, deps.now);
      const report = await runCycle(db, org, date, { dryRun: body.dryRun, channelsOff: channelsOff(deps) });
      if (!report.dryRun) {
        const failed = await refreshStakesAfterCycle(db, org.id, date);
        if (failed) deps.logger.error({ err: failed, org: org.slug, date }, 'worklist stakes refresh failed');
      }
      return sendJson(c, CycleReport, report, 200);
    })
    .openapi(list, async (c) => {
      const { limit, cursor, ...filters } = c.req.valid('query');
      const org = await requireOrg(db, c.get('principal').orgId);
      const page = await listActions(db, org.id, filters, pageRequest({ limit, cursor }));
      return sendJson(c, ActionPage, toPage(page, (row) => toAction(row, org.time_zone)), 200);
    })
    .openapi(get, async (c) => {
      const org = await requireOrg(db, c.get('principal').orgId);
      const id = c.req.valid('param').id;
      const row = await findAction(db, org.id, id);
      if (!row) throw new AppError('not_found', `there is no action ${id}`);
      return sendJson(c, Action, toAction(row, org.time_zone), 200);
    });
}
