// Steering the outbox and working the task list (calls and reviews) over the API.
import { sendChannels } from '../../domain/playbooks/playbook.ts';
import { textLimits } from '../../domain/text-limits.ts';
import { z } from '@hono/zod-openapi';
import { callOutcomeCodes } from '../../domain/calls/call-outcomes.ts';
import { reviewOutcomeCodes } from '../../domain/reviews/review-outcomes.ts';
import { recoveryRoutes } from '../../domain/reviews/recovery-estimates.ts';
import { reviewRuleCodes } from '../../domain/reviews/review-policy.ts';
import { Amount, AmountInput, Currency, IsoDate, Text } from './common.ts';

export const CancelSend = z.strictObject({ reason: Text(textLimits.reason).openapi({ description: 'why it must not go out (on the timeline)' }) }).openapi('CancelSend');

export const CallScript = z
  .object({
    actionId: z.string(),
    status: z.string(),
    customer: z.object({
      id: z.string(),
      externalId: z.string(),
      name: z.string(),
      kind: z.enum(['business', 'consumer']),
      timeZone: z.string().openapi({ description: 'the customer’s time zone, or the organisation’s when it is not known (timeZoneKnown false): a call-back time is said in it' }),
      timeZoneKnown: z.boolean(),
    }),
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
    note: Text(textLimits.taskNote).optional(),
    promise: z.strictObject({ amount: AmountInput, currency: Currency.optional(), dueOn: IsoDate }).optional().openapi({ description: 'for outcome promise' }),
    dispute: z.strictObject({ reasonCode: z.string(), reason: Text(textLimits.disputeText) }).optional().openapi({ description: 'for outcome dispute' }),
    callBackAt: z.string().optional().openapi({ description: 'for outcome call_back: ISO 8601 with offset', example: '2026-11-24T15:00:00-05:00' }),
  })
  .openapi('CallOutcomeRequest');

export const CallOutcomeResult = z
  .object({ actionId: z.string(), outcome: z.string(), effects: z.array(z.string()), callBackActionId: z.string().nullable() })
  .openapi('CallOutcomeResult');

export const SendMessageRequest = z
  .strictObject({
    template: z.string().openapi({ example: 'cease-efforts-end' }),
    channel: z.enum(sendChannels),
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

export const ReviewTask = z
  .object({
    actionId: z.string(),
    status: z.string(),
    stepName: z.string(),
    dueAt: z.string(),
    customer: z.object({ id: z.string(), externalId: z.string(), name: z.string(), kind: z.enum(['business', 'consumer']), timeZone: z.string().nullable() }),
    balances: z
      .array(z.object({ currency: z.string(), balance: Amount, overdue: Amount, invoices: z.int() }))
      .openapi({ description: 'open balance and the overdue part per currency, from the ledger now (never added across currencies)' }),
    case: z
      .object({
        id: z.string(),
        status: z.string(),
        openedOn: z.string(),
        daysOpen: z.int(),
        steps: z.array(z.object({ on: z.string(), stepName: z.string(), channel: z.string(), status: z.string() })).openapi({ description: 'what the case sent or did, oldest first' }),
        promises: z.object({ kept: z.int(), broken: z.int(), pending: z.int() }),
        openDisputes: z.int(),
        paidSinceOpened: z.array(z.object({ currency: z.string(), amount: Amount, lastOn: z.string() })),
      })
      .nullable(),
    outcomes: z.array(
      z.object({
        code: z.string(),
        label: z.string(),
        role: z.enum(['owner', 'collector']).openapi({ description: 'the least role that may decide it' }),
        does: z.string().openapi({ description: 'what Arrears does when it is decided, in a few words' }),
        notBuilt: z.string().nullable().openapi({ description: 'what the decision does not do by itself, and the command or endpoint that does it' }),
      }),
    ),
    rule: z
      .object({ code: z.enum(reviewRuleCodes as [string, ...string[]]), label: z.string(), reason: z.string() })
      .nullable()
      .openapi({ description: 'the review rule that put the account in the queue and the facts behind it; null for a playbook’s own review step' }),
    estimates: z
      .array(
        z.object({
          currency: z.string(),
          balance: Amount,
          routes: z.array(
            z.object({
              route: z.enum(recoveryRoutes),
              recovered: Amount.openapi({ description: 'balance × the recovery rate the organisation set for the route, rounded half up to the minor unit' }),
              cost: Amount.openapi({ description: 'the agency’s commission on what it recovers, or the court fee' }),
              net: Amount.nullable().openapi({ description: 'recovered − cost, never below zero; null when no court fee is set for the currency' }),
              enabled: z.boolean(),
              basis: z.string(),
            }),
          ),
          suggested: z.enum(recoveryRoutes).openapi({ description: 'the enabled route that recovers most' }),
        }),
      )
      .openapi({ description: 'per currency, what each route would recover from the open balance, side by side' }),
  })
  .openapi('ReviewTask');

export const ReviewOutcomeRequest = z
  .strictObject({
    outcome: z.enum(reviewOutcomeCodes as [string, ...string[]]).openapi({ description: 'agency, small_claims, settlement_offer and write_off need an owner key; a collector may keep_chasing or pause_until' }),
    until: IsoDate.optional().openapi({ description: 'for pause_until: the last day of the pause' }),
    note: Text(textLimits.taskNote).optional(),
  })
  .openapi('ReviewOutcomeRequest');

export const ReviewOutcomeResult = z
  .object({
    actionId: z.string(),
    outcome: z.string(),
    effects: z.array(z.string()),
    notBuilt: z.string().nullable().openapi({ description: 'set when the decision is recorded but its consequence is made separately (the placement, the claim pack, the settlement offer, the write-off), naming the command or endpoint' }),
    caseStatus: z.string().nullable(),
    holdId: z.string().nullable(),
  })
  .openapi('ReviewOutcomeResult');
