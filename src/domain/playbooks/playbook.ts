// A playbook is data: an ordered list of steps, each a number of days from the due date of the
// customer's oldest overdue invoice, with a tone, channels in order of preference, a template,
// conditions, and what to do when the debtor does not respond. This is its schema.
import { z } from 'zod';

export const tones = ['friendly', 'firm', 'final', 'legal'] as const;
export type Tone = (typeof tones)[number];

export const channels = ['email', 'letter', 'sms', 'call', 'review'] as const;
export type Channel = (typeof channels)[number];

/** The channels with a message: a template's text, or a call's script. A review is a task for a person and has none. */
export const messageChannels = ['email', 'letter', 'sms', 'call'] as const satisfies readonly Channel[];
export type MessageChannel = (typeof messageChannels)[number];

/** The channels Arrears sends through itself; a call is made by a person. */
export const sendChannels = ['email', 'letter', 'sms'] as const satisfies readonly Channel[];
export type SendChannel = (typeof sendChannels)[number];

/** Calls and reviews are work for a person; the rest are sent by Arrears. */
export function actionKind(channel: Channel): 'send' | 'task' {
  return (sendChannels as readonly Channel[]).includes(channel) ? 'send' : 'task';
}

/** How firm a tone is, for "one step firmer" and for ordering checks. */
export function toneRank(tone: Tone): number {
  return tones.indexOf(tone);
}

const decimalAmount = z.string().regex(/^\d+(\.\d+)?$/, 'write an amount such as "50.00"');

export const conditionsSchema = z
  .object({
    kinds: z.array(z.enum(['business', 'consumer'])).min(1).optional(),
    /** The customer has at least one of these tags. */
    tagsAny: z.array(z.string().min(1)).min(1).optional(),
    /** The customer has none of these tags. */
    tagsNone: z.array(z.string().min(1)).min(1).optional(),
    /** Overdue balance at least this much, per currency ("GBP": "50.00"); currencies not listed have no minimum. */
    minBalance: z.record(z.string().regex(/^[A-Z]{3}$/), decimalAmount).optional(),
    /** Customer for at least this many months (customer_since). */
    customerForMonthsAtLeast: z.number().int().min(0).optional(),
    /** Customer for less than this many months (never matches when customer_since is unknown). */
    customerForMonthsLessThan: z.number().int().min(1).optional(),
    risks: z.array(z.enum(['low', 'normal', 'high'])).min(1).optional(),
  })
  .strict();
export type Conditions = z.infer<typeof conditionsSchema>;

export const stepSchema = z
  .object({
    /** Stable id of the step: the idempotency key uses it, so renaming a step makes it a new one. */
    key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lowercase letters, digits and dashes'),
    name: z.string().min(1),
    /** Days from the due date of the oldest overdue invoice; negative = before it is due. */
    offsetDays: z.number().int().min(-60).max(3650),
    tone: z.enum(tones),
    /** In order of preference: the first one the customer can be reached on is used. */
    channels: z.array(z.enum(channels)).min(1),
    template: z.string().min(1),
    conditions: conditionsSchema.optional(),
    /** Apply the charge policy (fees, interest, compensation) when this step is taken. */
    applyCharges: z.boolean().optional(),
    /** What the final notice may name as the next step; only an enabled one is named. */
    nextStep: z.enum(['agency', 'small_claims', 'settlement', 'write_off']).optional(),
    /** When nothing comes back (payment, promise, dispute, reply) within afterDays: a follow-up. */
    onNoResponse: z
      .object({
        afterDays: z.number().int().min(1).max(90),
        channel: z.enum(channels),
        template: z.string().min(1),
      })
      .strict()
      .optional(),
  })
  .strict();
export type Step = z.infer<typeof stepSchema>;

/**
 * A step of its own kind, apart from the escalation ladder of `steps`: while a payment plan is
 * active, a reminder of each instalment `daysBefore` days before its date (docs/arrangements.md).
 * A playbook without one uses `defaultInstalmentReminder`.
 */
export const instalmentReminderSchema = z
  .object({
    kind: z.literal('instalment_reminder'),
    name: z.string().min(1),
    daysBefore: z.number().int().min(1).max(30),
    /** In order of preference, as a step's. */
    channels: z.array(z.enum(sendChannels)).min(1),
    template: z.string().min(1),
  })
  .strict();
export type InstalmentReminderStep = z.infer<typeof instalmentReminderSchema>;

export const defaultInstalmentReminder: InstalmentReminderStep = {
  kind: 'instalment_reminder',
  name: 'Instalment reminder',
  daysBefore: 3,
  // email first; a text for a customer with only a phone, a letter for one with only an address
  channels: ['email', 'sms', 'letter'],
  template: 'instalment-reminder',
};

/**
 * Listening for solutions: what the debtor says (a call outcome) chooses the path the case takes
 * from the next cycle on. Each listened-for outcome names a path and its parameters:
 * - sympathetic: a plan offer by message, then no further step until `offerDays` after it reached
 *   them, and the later steps at least `minGapDays` apart (a slower cadence);
 * - firm: straight to the step `finalStep` (the final notice), if not taken yet; the schedule
 *   goes on from there;
 * - dispute: the dispute workflow (the call opens a dispute; the invoices are not chased while it is open);
 * - verify: a task for a person to find the payment, and a pause of `pauseDays`.
 */
export const listenedOutcomes = ['cant_pay', 'wont_pay', 'dispute', 'already_paid'] as const;
export type ListenedOutcome = (typeof listenedOutcomes)[number];

export const listeningPathSchema = z.discriminatedUnion('path', [
  z
    .object({
      path: z.literal('sympathetic'),
      offer: z.object({ name: z.string().min(1), channels: z.array(z.enum(channels)).min(1), template: z.string().min(1) }).strict(),
      /** Days after the offer reached the debtor before the case may take its next step. */
      offerDays: z.number().int().min(1).max(90),
      /** Afterwards, at least this many days between the case's messages. */
      minGapDays: z.number().int().min(1).max(90),
    })
    .strict(),
  z.object({ path: z.literal('firm'), finalStep: z.string().min(1) }).strict(),
  z.object({ path: z.literal('dispute') }).strict(),
  z.object({ path: z.literal('verify'), pauseDays: z.number().int().min(1).max(30) }).strict(),
]);
export type ListeningPath = z.infer<typeof listeningPathSchema>;
export type PathName = ListeningPath['path'];

export const listeningSchema = z
  .object({ cant_pay: listeningPathSchema.optional(), wont_pay: listeningPathSchema.optional(), dispute: listeningPathSchema.optional(), already_paid: listeningPathSchema.optional() })
  .strict();
export type Listening = z.infer<typeof listeningSchema>;

export const playbookSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'use lowercase letters, digits and dashes'),
    description: z.string().default(''),
    steps: z.array(stepSchema).min(1),
    instalmentReminder: instalmentReminderSchema.optional(),
    /** What the debtor says chooses the path (above); an outcome not listed leaves the schedule as it is. */
    listening: listeningSchema.optional(),
  })
  .strict();

export function instalmentReminderOf(playbook: Playbook): InstalmentReminderStep {
  return playbook.instalmentReminder ?? defaultInstalmentReminder;
}
export type Playbook = z.infer<typeof playbookSchema>;

/** A playbook as stored: its definition plus the version in use. */
export interface PlaybookVersion {
  playbook: Playbook;
  version: number;
}
