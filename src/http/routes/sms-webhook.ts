// POST /webhooks/sms/{org}: the SMS provider tells us of a text a debtor sent to our number. The
// provider has no API key, so this sits outside /api/v1: it is trusted only through the
// X-Twilio-Signature, an HMAC with our auth token over this exact URL (organisation slug
// included) and every parameter, so a request signed for one organisation is refused by another.
//
// The URL signed is the one the request arrived on. Behind a proxy that rewrites the scheme, host
// or port, configure the provider with the URL as the proxy forwards it (there is no public-URL
// setting to override it yet).
import { createRoute, z } from '@hono/zod-openapi';
import { receiveSms } from '../../app/outbox/receive-sms.ts';
import { isValidTwilioSignature } from '../../channels/sms/twilio-signature.ts';
import { findOrgBySlug } from '../../db/queries/orgs.ts';
import { AppError } from '../../errors.ts';
import type { HttpDeps } from '../env.ts';
import { fieldsWithNul } from '../nul-guard.ts';
import { problemResponse, validationProblem } from '../problem.ts';
import { createRouter } from '../router.ts';
import { Problem } from '../schemas/common.ts';

/** Empty TwiML: the provider sends no automatic answer of its own. */
const emptyTwiml = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } });

const inbound = createRoute({
  method: 'post',
  path: '/webhooks/sms/{org}',
  tags: ['Webhooks'],
  summary: 'Receive a text from the SMS provider (its inbound message webhook)',
  description:
    'Configure this URL, with your organisation’s slug, as the provider’s webhook for incoming messages. The request must carry a valid X-Twilio-Signature made with the SMS_AUTH_TOKEN over this exact URL and the form parameters. The message is kept as an inbound communication and put on the timeline of the customer whose contact has the sender’s number; a first word STOP (or STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, OPTOUT, REVOKE) opts every contact with the number out of SMS, START or UNSTOP opts them back in.',
  security: [],
  request: {
    params: z.object({
      org: z.string().min(1).openapi({ param: { name: 'org', in: 'path' }, description: 'the organisation’s slug', example: 'acme' }),
    }),
    headers: z.object({
      'x-twilio-signature': z.string().optional().openapi({ description: 'HMAC-SHA1 (base64) by the provider; a request without a valid one is refused with 403' }),
    }),
    // A plain schema, not Zod: the signature covers every parameter the provider sends, so the
    // body is read whole and checked before any field of it is believed.
    body: {
      required: true,
      content: {
        'application/x-www-form-urlencoded': {
          schema: {
            type: 'object',
            required: ['From', 'To', 'Body', 'MessageSid'],
            properties: {
              From: { type: 'string', description: 'the sender’s number, E.164', example: '+14155550100' },
              To: { type: 'string', description: 'our number it was sent to', example: '+14155550199' },
              Body: { type: 'string', description: 'the text' },
              MessageSid: { type: 'string', description: 'the provider’s id of the message', example: 'SM0123456789abcdef0123456789abcdef' },
            },
            additionalProperties: { type: 'string' },
          },
        },
      },
    },
  },
  responses: {
    200: { description: 'Received; empty TwiML so the provider sends no reply itself', content: { 'text/xml': { schema: { type: 'string', example: emptyTwiml } } } },
    400: problem('A signed request without From, To, Body or MessageSid (code invalid_input)'),
    403: problem('No valid X-Twilio-Signature (code forbidden)'),
    413: problem('A body over 64 KiB (code payload_too_large)'),
    404: problem('No organisation has this slug (code not_found)'),
    503: problem('SMS is not configured on this server (code not_configured): set SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM'),
  },
});

const InboundFields = z.object({
  From: z.string().min(1, 'is required: the sender’s number'),
  To: z.string().min(1, 'is required: our number'),
  Body: z.string(),
  MessageSid: z.string().min(1, 'is required: the provider’s id of the message'),
});

export function smsWebhookRoutes(deps: HttpDeps) {
  const { db } = deps.database;
  return createRouter().openapi(inbound, async (c) => {
    const sms = deps.sms;
    if (!sms) return problemResponse(c, 'not_configured', 'SMS is not configured on this server; set SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM (and SMS_PROVIDER_URL for a provider other than Twilio) and restart');
    // Unsigned requests are refused before their body is read; a signed one is read only up to
    // the webhook's body limit (64 KiB: a text message is at most 1,600 characters).
    const signature = c.req.header('x-twilio-signature');
    if (!signature) throw new AppError('forbidden', 'this request has no X-Twilio-Signature header; only the SMS provider may call this webhook');
    const params = new URLSearchParams(await c.req.text());
    if (!isValidTwilioSignature(sms.authToken, c.req.url, params, signature)) {
      throw new AppError(
        'forbidden',
        'the X-Twilio-Signature does not match this request; check that the webhook URL configured at the provider is exactly this URL and that SMS_AUTH_TOKEN is the account’s auth token',
      );
    }
    const withNul = fieldsWithNul(Object.fromEntries(params), 'body');
    if (withNul.length > 0) throw new AppError('invalid_input', `${withNul.join(', ')}: must not contain the NUL character`);
    const fields = InboundFields.safeParse(Object.fromEntries(params));
    if (!fields.success) return validationProblem(c, 'form', fields.error);
    // Looked up only once the signature is checked, so the webhook discloses no slugs.
    const { org: slug } = c.req.valid('param');
    const org = await findOrgBySlug(db, slug);
    if (!org) throw new AppError('not_found', `there is no organisation with the slug "${slug}"; the webhook URL ends with your organisation’s slug`);
    await receiveSms(db, org, {
      from: fields.data.From,
      to: fields.data.To,
      body: fields.data.Body,
      providerReference: fields.data.MessageSid,
      receivedAt: deps.now(),
    });
    return c.body(emptyTwiml, 200, { 'content-type': 'text/xml; charset=utf-8' });
  });
}
