// Steering the outbox and working the call list over the API.
import { z } from '@hono/zod-openapi';
import { callOutcomeCodes } from '../../domain/calls/call-outcomes.ts';
import { AmountInput, Currency, IsoDate, Text } from './common.ts';

export const CancelSend = z.strictObject({ reason: Text(500).openapi({ description: 'why it must not go out (on the timeline)' }) }).openapi('CancelSend');

export const CallScript = z
  .object({
    actionId: z.string(),
    status: z.string(),
    customer: z.object({ id: z.string(), externalId: z.string(), name: z.string(), kind: z.enum(['business', 'consumer']) }),
    contactName: z.string().nullable(),
    phones: z.array(z.string()),
    script: z.string(),
    voicemail: z.string().nullable().openapi({ description: 'the limited-content message to leave, if any: nothing about the debt' }),
    template: z.object({ name: z.string(), version: z.int(), language: z.string() }),
    outcomes: z.array(z.object({ code: z.string(), label: z.string() })),
  })
  .openapi('CallScript');

export const CallOutcomeRequest = z
  .strictObject({
    outcome: z.enum(callOutcomeCodes as [string, ...string[]]),
    note: Text(2000).optional(),
    promise: z.strictObject({ amount: AmountInput, currency: Currency.optional(), dueOn: IsoDate }).optional().openapi({ description: 'for outcome promise' }),
    dispute: z.strictObject({ reasonCode: z.string(), reason: Text(1000) }).optional().openapi({ description: 'for outcome dispute' }),
    callBackAt: z.string().optional().openapi({ description: 'for outcome call_back: ISO 8601 with offset', example: '2026-11-24T15:00:00-05:00' }),
  })
  .openapi('CallOutcomeRequest');

export const CallOutcomeResult = z
  .object({ actionId: z.string(), outcome: z.string(), effects: z.array(z.string()), callBackActionId: z.string().nullable() })
  .openapi('CallOutcomeResult');

export const SendMessageRequest = z
  .strictObject({
    template: z.string().openapi({ example: 'cease-efforts-end' }),
    channel: z.enum(['email', 'letter', 'sms']),
  })
  .openapi('SendMessageRequest');

export const BounceRequest = z
  .strictObject({
    messageId: z.string().min(3).openapi({ example: '<42.1017.3f9a1c2b7d4e@acme.example>' }),
    address: z.string().email(),
    permanent: z.boolean().openapi({ description: 'true: a hard bounce (5.x.x), the address is marked; false: a delay, only noted' }),
    reason: Text(500).optional(),
  })
  .openapi('BounceRequest');

export const BounceResult = z
  .object({ communicationId: z.string(), customerId: z.string(), address: z.string(), permanent: z.boolean(), contactsMarked: z.int() })
  .openapi('BounceResult');
