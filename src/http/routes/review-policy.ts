// /api/v1/review-policy: the review rules and recovery figures (docs/playbooks.md), read by anyone,
// set by an owner, by the same use case as `arrears review-policy set`.
import { createRoute } from '@hono/zod-openapi';
import { Temporal } from 'temporal-polyfill';
import { setReviewPolicy, showReviewPolicy } from '../../app/cycle/review-policy.ts';
import { actorOf, type HttpDeps } from '../env.ts';
import { sendJson } from '../respond.ts';
import { requireOwner } from '../roles.ts';
import { createRouter } from '../router.ts';
import { json, jsonBody, problems } from '../schemas/common.ts';
import { ReviewPolicy, ReviewPolicyView } from '../schemas/review-policy.ts';

const tags = ['Reviews'];

const get = createRoute({
  method: 'get',
  path: '/review-policy',
  tags,
  summary: 'The review policy in force, each setting beside its default',
  responses: { 200: json(ReviewPolicyView, 'The policy and the defaults'), ...problems(401) },
});

const put = createRoute({
  method: 'put',
  path: '/review-policy',
  tags,
  summary: 'Set the review policy (owners only)',
  description: 'Replaces the policy: a setting not given takes its default (send the `policy` of GET with your changes to keep the rest). Used from the next daily cycle; reviews already queued stay.',
  request: { body: jsonBody(ReviewPolicy) },
  responses: { 200: json(ReviewPolicyView, 'The policy now and the defaults'), ...problems(400, 401, 403) },
});

export function reviewPolicyRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  return createRouter()
    .openapi(get, async (c) => sendJson(c, ReviewPolicyView, await showReviewPolicy(db, c.get('principal').orgId), 200))
    .openapi(put, async (c) => {
      const principal = c.get('principal');
      requireOwner(principal, 'changing the review policy');
      const at = Temporal.Instant.fromEpochMilliseconds(deps.now().getTime());
      const view = await setReviewPolicy(db, principal.orgId, { value: c.req.valid('json'), role: principal.role, actor: actorOf(principal), at });
      return sendJson(c, ReviewPolicyView, view, 200);
    });
}
