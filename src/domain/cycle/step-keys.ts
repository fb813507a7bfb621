// The idempotency keys of the cycle's actions: one per case and step, so planning a day again
// proposes the same keys and persisting them again creates nothing.
import type { IsoDate } from '../calendar.ts';

export const caseStepKey = (caseId: bigint, stepKey: string) => `case:${caseId}:${stepKey}`;
export const noResponseKey = (caseId: bigint, stepKey: string) => `case:${caseId}:${stepKey}:no-response`;
export const brokenPromiseKey = (promiseId: bigint) => `promise:${promiseId}:call`;
export const defaultedPlanKey = (planId: bigint) => `plan:${planId}:call`;
export const preDueKey = (customerId: bigint, dueDate: IsoDate, stepKey: string) => `pre-due:${customerId}:${dueDate}:${stepKey}`;
export const validationNoticeKey = (caseId: bigint) => `case:${caseId}:validation-notice`;
/** The sympathetic path's plan offer: one per time the debtor said they cannot pay. */
export const planOfferKey = (caseId: bigint, saidOn: IsoDate) => `case:${caseId}:plan-offer:${saidOn}`;
