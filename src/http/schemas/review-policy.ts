// The review policy's contract: the domain's own schema (domain/reviews/review-policy.ts), so the
// API, the CLI and the stored settings are one format (docs/playbooks.md).
import { z } from '@hono/zod-openapi';
import { reviewPolicySchema } from '../../domain/reviews/review-policy.ts';

// Rebuilt from the domain's shape: schemas made before @hono/zod-openapi extends Zod lack .openapi().
export const ReviewPolicy = z.object(reviewPolicySchema.shape).strict().openapi('ReviewPolicy', {
  description:
    'When an account goes to review (noResponseAfterFinalDays, brokenPromises, daysOverdue, largeBalance with noContactDays) and what each route recovers (recovery). Every field is optional when set: a field not given takes its default. Amounts are decimal text per currency, e.g. { "GBP": "5000.00" }; percentages have at most two decimals.',
  example: { noResponseAfterFinalDays: 21, largeBalance: { GBP: '2500.00' }, recovery: { agency: { ratePercent: 50, commissionPercent: 20 } } },
});

export const ReviewPolicyView = z
  .object({
    policy: ReviewPolicy.openapi({ description: 'the policy in force, defaults filled in' }),
    defaults: ReviewPolicy.openapi({ description: 'each setting when the organisation has not set it' }),
  })
  .openapi('ReviewPolicyView');
