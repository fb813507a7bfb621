// /api/v1/actions/{id}/retry | cancel: steer the outbox; /letters/posted: a letters batch went in the post; /call-script and /call-outcome: work a
// call task with its script, then record how it went in one request.
import { createRoute } from '@hono/zod-openapi';
import { callScript } from '../../app/tasks/call-script.ts';
import { cancelSend } from '../../app/outbox/cancel-send.ts';
import { lettersPosted } from '../../app/outbox/letters-posted.ts';
import { recordBounce } from '../../app/outbox/record-bounce.ts';
import { recordCallOutcome } from '../../app/tasks/record-call-outcome.ts';
import { retrySend } from '../../app/outbox/retry-send.ts';
import { sendMessage } from '../../app/outbox/send-message.ts';
import { actorOf, type HttpDeps } from '../env.ts';
import { instantNow, requireOrg } from '../org.ts';
import { sendJson } from '../respond.ts';
import { createRouter } from '../router.ts';
import { IdParams, json, jsonBody, problems } from '../schemas/common.ts';
import { Action, toAction } from '../schemas/cycle.ts';
import { LettersPostedRequest, LettersPostedResult } from '../schemas/letters.ts';
import { BounceRequest, BounceResult, CallOutcomeRequest, CallOutcomeResult, CallScript, CancelSend, SendMessageRequest } from '../schemas/tasks.ts';

const retry = createRoute({
  method: 'post',
  path: '/actions/{id}/retry',
  tags: ['Outbox'],
  summary: 'Queue a failed, blocked or cancelled send again, now',
  request: { params: IdParams },
  responses: { 200: json(Action, 'The send, ready again'), ...problems(400, 401, 403, 404, 409) },
});

const cancel = createRoute({
  method: 'post',
  path: '/actions/{id}/cancel',
  tags: ['Outbox'],
  summary: 'Withdraw a send that has not gone out (nothing sent can be changed)',
  request: { params: IdParams, body: jsonBody(CancelSend) },
  responses: { 200: json(Action, 'The send, cancelled'), ...problems(400, 401, 403, 404, 409) },
});

const send = createRoute({
  method: 'post',
  path: '/customers/{id}/messages',
  tags: ['Outbox'],
  summary: 'Send one message to a customer now (e.g. a notice allowed after a cease request)',
  description:
    'The contact rules judge it like any planned message: queued now (`ready`), deferred to the first allowed moment (`deferred`, with the rule), or refused (409 with the rule and why). After a cease request only cease-efforts-end, cease-remedies-may-be-used and cease-remedy-will-be-used pass.',
  request: { params: IdParams, body: jsonBody(SendMessageRequest) },
  responses: { 201: json(Action, 'The send, in the outbox'), ...problems(400, 401, 403, 404, 409) },
});

const bounce = createRoute({
  method: 'post',
  path: '/email-bounces',
  tags: ['Outbox'],
  summary: 'Record an email that bounced after it was sent (a bounce message, or a provider’s bounce event)',
  description: 'Matched to the email by its Message-ID. A permanent bounce marks the address, so later steps use another channel; a temporary one is noted on the timeline.',
  request: { body: jsonBody(BounceRequest) },
  responses: { 200: json(BounceResult, 'Recorded'), ...problems(400, 401, 403, 404) },
});

const posted = createRoute({
  method: 'post',
  path: '/letters/posted',
  tags: ['Outbox'],
  summary: "Confirm that a day's letters batch went in the post",
  description: 'Every letter of that day still `printed` becomes `posted` (it reached the debtor, so the case may move on), with an entry on each customer’s timeline. Confirming the same day again changes nothing.',
  request: { body: jsonBody(LettersPostedRequest) },
  responses: { 200: json(LettersPostedResult, 'The letters now posted'), ...problems(400, 401, 403) },
});

const script = createRoute({
  method: 'get',
  path: '/actions/{id}/call-script',
  tags: ['Calls'],
  summary: "A call task's script, voicemail script, numbers and what is owed now",
  request: { params: IdParams },
  responses: { 200: json(CallScript, 'What to say'), ...problems(400, 401, 404) },
});

const outcome = createRoute({
  method: 'post',
  path: '/actions/{id}/call-outcome',
  tags: ['Calls'],
  summary: 'Record how a call went, and what it sets in motion',
  description:
    'promise records a promise to pay; dispute opens a dispute on the invoices of the call; already_paid pauses the customer 7 days while payments are checked; wrong_number stops calls and SMS to the number; call_back books a call task at the time asked, if the contact rules allow it then. The task is done; the attempt counts in the call caps.',
  request: { params: IdParams, body: jsonBody(CallOutcomeRequest) },
  responses: { 200: json(CallOutcomeResult, 'Recorded'), ...problems(400, 401, 403, 404, 409) },
});

export function outboxRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  const now = () => instantNow(deps.now);
  return createRouter()
    .openapi(retry, async (c) => {
      const org = await requireOrg(db, c.get('principal').orgId);
      const row = await retrySend(db, org.id, c.req.valid('param').id, actorOf(c.get('principal')), now());
      return sendJson(c, Action, toAction(row, org.time_zone), 200);
    })
    .openapi(cancel, async (c) => {
      const org = await requireOrg(db, c.get('principal').orgId);
      const row = await cancelSend(db, org.id, c.req.valid('param').id, c.req.valid('json').reason, actorOf(c.get('principal')), now());
      return sendJson(c, Action, toAction(row, org.time_zone), 200);
    })
    .openapi(send, async (c) => {
      const org = await requireOrg(db, c.get('principal').orgId);
      const body = c.req.valid('json');
      const row = await sendMessage(db, org, { customerId: c.req.valid('param').id, template: body.template, channel: body.channel, actor: actorOf(c.get('principal')), now: now() });
      return sendJson(c, Action, toAction(row, org.time_zone), 201);
    })
    .openapi(bounce, async (c) => {
      const org = await requireOrg(db, c.get('principal').orgId);
      const body = c.req.valid('json');
      const result = await recordBounce(db, org.id, { ...body, reason: body.reason ?? 'reported over the API', actor: actorOf(c.get('principal')), now: now() });
      return sendJson(c, BounceResult, result, 200);
    })
    .openapi(posted, async (c) => {
      const org = await requireOrg(db, c.get('principal').orgId);
      const result = await lettersPosted(db, org, c.req.valid('json').date, actorOf(c.get('principal')), now());
      return sendJson(c, LettersPostedResult, result, 200);
    })
    .openapi(script, async (c) => {
      const org = await requireOrg(db, c.get('principal').orgId);
      const answer = await callScript(db, org, c.req.valid('param').id, now());
      return sendJson(c, CallScript, answer, 200);
    })
    .openapi(outcome, async (c) => {
      const org = await requireOrg(db, c.get('principal').orgId);
      const body = c.req.valid('json');
      const result = await recordCallOutcome(db, org, { actionId: c.req.valid('param').id, ...body, actor: actorOf(c.get('principal')), now: now() });
      return sendJson(c, CallOutcomeResult, { actionId: result.action.id.toString(), outcome: result.outcome, effects: result.effects, callBackActionId: result.callBackActionId }, 200);
    });
}
