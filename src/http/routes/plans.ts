// /api/v1/plans: payment plans. While one runs, its invoices are not chased by the playbook; the
// daily cycle follows its instalments (docs/arrangements.md).
import { createRoute } from '@hono/zod-openapi';
import { acceptPlan } from '../../app/arrangements/accept-plan.ts';
import { arrangementPolicyOf } from '../../app/arrangements/arrangement-policy-of.ts';
import { cancelPlan } from '../../app/arrangements/cancel-plan.ts';
import { proposePlan } from '../../app/arrangements/propose-plan.ts';
import { actorNames } from '../../db/queries/actor-names.ts';
import { findPlanDetail, listPlans } from '../../db/queries/payment-plans.ts';
import { AppError } from '../../errors.ts';
import { actorOf, type HttpDeps } from '../env.ts';
import { instantNow, orgToday, requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, jsonBody, problems } from '../schemas/common.ts';
import { pageRequest, toPage } from '../schemas/pagination.ts';
import { CancelPlan, PaymentPlanDetail, PlanListQuery, PlanPage, planActors, ProposePlan, toPlan, toPlanDetail } from '../schemas/plans.ts';

const tags = ['Payment plans'];

const list = createRoute({
  method: 'get',
  path: '/plans',
  tags,
  summary: 'List payment plans',
  request: { query: PlanListQuery },
  responses: { 200: json(PlanPage, 'A page of plans, by id'), ...problems(400, 401) },
});

const get = createRoute({
  method: 'get',
  path: '/plans/{id}',
  tags,
  summary: 'Get a payment plan with its invoices and instalments',
  request: { params: IdParams },
  responses: { 200: json(PaymentPlanDetail, 'The plan'), ...problems(400, 401, 404) },
});

const propose = createRoute({
  method: 'post',
  path: '/plans',
  tags,
  summary: 'Propose a payment plan',
  description:
    'Over open invoices of one customer in one currency: a down payment (optional, due today) and equal instalments (the remainder on the last) every week, fortnight or month from `first`, or a `schedule` typed by hand. The plan pays off exactly the invoices’ balance. It is checked against the plan policy for the customer (its segment’s, else the organisation’s; `withinPolicy`, `policyProblems`). Its invoices are still chased until it is accepted.',
  request: { body: jsonBody(ProposePlan) },
  responses: { 201: json(PaymentPlanDetail, 'The plan proposed'), ...problems(400, 401, 403, 404, 409) },
});

const accept = createRoute({
  method: 'post',
  path: '/plans/{id}/accept',
  tags,
  summary: 'Accept a proposed payment plan',
  description: 'An owner may accept any proposed plan; a collector only one within the plan policy, and only when the policy has planAutoAccept on (403 otherwise). From then on its invoices are not chased by the playbook.',
  request: { params: IdParams },
  responses: { 200: json(PaymentPlanDetail, 'The plan, active'), ...problems(400, 401, 403, 404, 409) },
});

const cancel = createRoute({
  method: 'post',
  path: '/plans/{id}/cancel',
  tags,
  summary: 'Cancel a proposed or running payment plan',
  description: 'Its invoices are chased again from the next cycle, where the case stood; cancelled is not defaulted, so no firmer step follows.',
  request: { params: IdParams, body: { required: false, content: { 'application/json': { schema: CancelPlan } } } },
  responses: { 200: json(PaymentPlanDetail, 'The plan, cancelled'), ...problems(400, 401, 403, 404, 409) },
});

export function planRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  const today = async (orgId: bigint) => orgToday(await requireOrg(db, orgId), deps.now);
  const policy = (orgId: bigint) => arrangementPolicyOf(db, orgId);
  /** Who proposed, accepted and resolved the plans, in words: one look-up for a whole page. */
  const named = (orgId: bigint, rows: Parameters<typeof planActors>[0][]) => actorNames(db, orgId, rows.flatMap(planActors));
  return createRouter()
    .openapi(list, async (c) => {
      const { limit, cursor, ...filters } = c.req.valid('query');
      const rules = await policy(c.get('principal').orgId);
      const day = await today(c.get('principal').orgId);
      const page = await listPlans(db, c.get('principal').orgId, filters, pageRequest({ limit, cursor }));
      const names = await named(c.get('principal').orgId, page.rows);
      return sendJson(c, PlanPage, toPage(page, (row) => toPlan(row, rules, day, names)), 200);
    })
    .openapi(get, async (c) => {
      const { id } = c.req.valid('param');
      const detail = await findPlanDetail(db, c.get('principal').orgId, id);
      if (!detail) throw new AppError('not_found', `there is no payment plan ${id}`);
      return sendJson(c, PaymentPlanDetail, toPlanDetail(detail, await policy(c.get('principal').orgId), await today(c.get('principal').orgId), await named(c.get('principal').orgId, [detail.plan])), 200);
    })
    .openapi(propose, async (c) => {
      const principal = c.get('principal');
      const body = c.req.valid('json');
      const schedule = body.schedule ? { kind: 'typed' as const, rows: body.schedule } : { kind: 'equal' as const, instalments: body.instalments!, first: body.first!, every: body.every! };
      const detail = await proposePlan(db, principal.orgId, {
        customerId: body.customerId,
        invoiceIds: body.invoiceIds,
        down: body.down,
        schedule,
        note: body.note,
        today: await today(principal.orgId), now: instantNow(deps.now),
        actor: actorOf(principal),
      });
      return sendJson(c, PaymentPlanDetail, toPlanDetail(detail, await policy(c.get('principal').orgId), await today(c.get('principal').orgId), await named(c.get('principal').orgId, [detail.plan])), 201);
    })
    .openapi(accept, async (c) => {
      const principal = c.get('principal');
      const detail = await acceptPlan(db, principal.orgId, { planId: c.req.valid('param').id, role: principal.role, today: await today(principal.orgId), now: instantNow(deps.now), actor: actorOf(principal) });
      return sendJson(c, PaymentPlanDetail, toPlanDetail(detail, await policy(c.get('principal').orgId), await today(c.get('principal').orgId), await named(c.get('principal').orgId, [detail.plan])), 200);
    })
    .openapi(cancel, async (c) => {
      const principal = c.get('principal');
      const detail = await cancelPlan(db, principal.orgId, {
        planId: c.req.valid('param').id,
        reason: c.req.valid('json').reason,
        role: principal.role,
        today: await today(principal.orgId), now: instantNow(deps.now),
        actor: actorOf(principal),
      });
      return sendJson(c, PaymentPlanDetail, toPlanDetail(detail, await policy(c.get('principal').orgId), await today(c.get('principal').orgId), await named(c.get('principal').orgId, [detail.plan])), 200);
    });
}
