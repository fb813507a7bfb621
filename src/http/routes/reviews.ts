// /api/v1/actions/{id}/review and /review-outcome: work a review task (the playbook's "agency,
// small claims, settlement or write-off?" step) beside the call routes — what to decide on, then
// the decision in one request. Who may decide what is checked in the use case.
import { createRoute } from '@hono/zod-openapi';
import { recordReviewDecision } from '../../app/tasks/record-review-decision.ts';
import { showReviewTask } from '../../app/tasks/show-review-task.ts';
import { dateInZone } from '../../domain/calendar.ts';
import { actorOf, type HttpDeps } from '../env.ts';
import { instantNow, requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, jsonBody, problems } from '../schemas/common.ts';
import { ReviewOutcomeRequest, ReviewOutcomeResult, ReviewTask } from '../schemas/tasks.ts';

const show = createRoute({
  method: 'get',
  path: '/actions/{id}/review',
  tags: ['Reviews'],
  summary: "A review task: the customer's balance now, the case's history in brief and the decisions allowed",
  request: { params: IdParams },
  responses: { 200: json(ReviewTask, 'What to decide on'), ...problems(400, 401, 404) },
});

const decide = createRoute({
  method: 'post',
  path: '/actions/{id}/review-outcome',
  tags: ['Reviews'],
  summary: 'Record what a review decided, and what it sets in motion',
  description:
    'Every decision goes on the timeline and closes the task. pause_until places a hold on the customer until `until`; keep_chasing lets the case go on; agency and small_claims set the case status (agency, legal) and cancel what the case had planned and not sent. settlement_offer and write_off are recorded; `notBuilt` says what the decision does not do by itself and which command or endpoint does it (POST /placements, arrears claim-pack, POST /settlements, POST /write-offs). agency, small_claims, settlement_offer and write_off need an owner key (403 otherwise); a collector may keep_chasing or pause_until.',
  request: { params: IdParams, body: jsonBody(ReviewOutcomeRequest) },
  responses: { 200: json(ReviewOutcomeResult, 'Recorded'), ...problems(400, 401, 403, 404, 409) },
});

export function reviewRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  const now = () => instantNow(deps.now);
  return createRouter()
    .openapi(show, async (c) => {
      const org = await requireOrg(db, c.get('principal').orgId);
      const review = await showReviewTask(db, org, c.req.valid('param').id, dateInZone(now(), org.time_zone));
      return sendJson(c, ReviewTask, review, 200);
    })
    .openapi(decide, async (c) => {
      const principal = c.get('principal');
      const org = await requireOrg(db, principal.orgId);
      const body = c.req.valid('json');
      const result = await recordReviewDecision(db, org, { actionId: c.req.valid('param').id, outcome: body.outcome, until: body.until ?? null, note: body.note, role: principal.role, actor: actorOf(principal), now: now() });
      return sendJson(c, ReviewOutcomeResult, { actionId: result.action.id.toString(), outcome: result.outcome, effects: result.effects, notBuilt: result.notBuilt, caseStatus: result.caseStatus, holdId: result.holdId }, 200);
    });
}
