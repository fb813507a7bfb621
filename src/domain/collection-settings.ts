// An organisation's collection settings (stored in orgs.settings.collections), each with a sane
// default so an organisation works out of the box.
import { z } from 'zod';

export const collectionSettingsSchema = z
  .object({
    /** The playbook for customers no rule or override assigns. */
    defaultPlaybook: z.string().default('standard'),
    /** Local hour (in the organisation's time zone) at which the daily cycle runs. */
    cycleHour: z.number().int().min(0).max(23).default(7),
    /** Local hour (in the debtor's time zone) from which the day's messages are due. */
    sendHour: z.number().int().min(0).max(23).default(9),
    /** Next steps the organisation really takes; a final notice names only these. */
    agencyEnabled: z.boolean().default(false),
    smallClaimsEnabled: z.boolean().default(false),
    /** Legal-tone steps (formal legal action) are allowed only when enabled. */
    legalEnabled: z.boolean().default(false),
    /** Days after a promised date before an unpaid promise counts as broken. */
    promiseGraceDays: z.number().int().min(0).max(30).default(2),
    /** 'agency' when collecting debts owed to others: third-party collection rules apply too. */
    role: z.enum(['creditor', 'agency']).default('creditor'),
    /** No messages or calls on Saturdays and Sundays. */
    noWeekendContact: z.boolean().default(false),
    /** No messages or calls on public holidays of the debtor's country and region. */
    noHolidayContact: z.boolean().default(false),
    /** Late charges; validated and read by domain/charges/policy.ts (orgChargePolicy). */
    chargePolicy: z.unknown().optional(),
    /** Payment plans, settlements and write-offs; validated and read by domain/arrangements/policy.ts (orgArrangementPolicy). */
    arrangementPolicy: z.unknown().optional(),
    /** When an account goes to review, and what each route would recover; validated and read by domain/reviews/review-policy.ts. */
    reviewPolicy: z.unknown().optional(),
  })
  .strict();

export type CollectionSettings = z.infer<typeof collectionSettingsSchema>;

/** Reads the settings from an organisation's settings JSON, defaults filled in. */
export function collectionSettings(orgSettings: unknown): CollectionSettings {
  const stored = (orgSettings as { collections?: unknown } | null)?.collections ?? {};
  return collectionSettingsSchema.parse(stored);
}
