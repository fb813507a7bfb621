// What became of an action, in one vocabulary for the database, the API, the CLI and the planner.
//
// A send is only "sent" when it left for the debtor: an email handed to an SMTP server or an SMS
// to its provider. Without SMTP an email is only `written` to the outbox folder; a letter is
// `printed` when it goes into the day's batch PDF and `posted` when a person confirms the batch
// went in the post. An older step of a case still waiting when a later one is due is `superseded`.
export const actionStatuses = [
  'planned',
  'ready',
  'sending',
  'sent',
  'written',
  'printed',
  'posted',
  'done',
  'deferred',
  'blocked',
  'failed',
  'cancelled',
  'superseded',
] as const;

export type ActionStatus = (typeof actionStatuses)[number];

/**
 * What reached the debtor, so the case may move on from it: a delivered email or SMS, a posted
 * letter, a call made. A written email or a printed letter did not (yet).
 */
export const reachedDebtorStatuses = ['sent', 'posted', 'done'] as const satisfies readonly ActionStatus[];

/**
 * What went (or is going) out towards the debtor and so counts for "one message a day": a
 * written email or printed letter may still reach them today.
 */
export const outgoingStatuses = ['sending', 'sent', 'written', 'printed', 'posted'] as const satisfies readonly ActionStatus[];

/** An action in one of these will not change again by itself. */
export const finishedStatuses = ['sent', 'written', 'posted', 'done', 'blocked', 'failed', 'cancelled', 'superseded'] as const satisfies readonly ActionStatus[];
