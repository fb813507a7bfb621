// Which layout a letter gets. Several templates share one (every friendly or firm reminder is a
// reminder letter); the statement, the validation notice and the letter before claim each add
// pages or sections of their own.
import type { MessageLanguage } from '../../domain/messages/message-model.ts';

export const letterKinds = ['reminder', 'statement-of-account', 'demand', 'final-notice', 'satisfaction-verification', 'validation-notice', 'letter-of-claim', 'account-notice'] as const;
export type LetterKind = (typeof letterKinds)[number];

/** Template name (src/domain/templates/catalog.ts) → layout, for every template with a letter channel. */
const kindByTemplate: ReadonlyMap<string, LetterKind> = new Map<string, LetterKind>([
  ['satisfaction-verification', 'satisfaction-verification'],
  ['pre-due-note', 'reminder'],
  ['reminder-missed', 'reminder'],
  ['follow-up', 'reminder'],
  ['firm-reminder', 'reminder'],
  ['statement-of-account', 'statement-of-account'],
  ['validation-notice', 'validation-notice'],
  ['demand-letter', 'demand'],
  ['final-notice', 'final-notice'],
  ['letter-before-claim', 'letter-of-claim'],
  ['cease-efforts-end', 'account-notice'],
  ['cease-remedies-may-be-used', 'account-notice'],
  ['cease-remedy-will-be-used', 'account-notice'],
]);

/** The layout for a letter template; throws for a template that is not sent as a letter. */
export function letterKindFor(templateName: string): LetterKind {
  const kind = kindByTemplate.get(templateName);
  if (!kind) throw new Error(`template "${templateName}" has no letter layout; letters exist for ${[...kindByTemplate.keys()].join(', ')}`);
  return kind;
}

/** The heading printed above the body, and the PDF's title. */
export function letterTitle(kind: LetterKind, language: MessageLanguage): string {
  switch (kind) {
    case 'reminder':
      return 'Payment reminder';
    case 'statement-of-account':
      return 'Statement of account';
    case 'demand':
      return 'Demand for payment';
    case 'final-notice':
      return 'Final notice';
    case 'satisfaction-verification':
      return 'Your invoice: please check everything is in order';
    case 'validation-notice':
      return 'Validation notice';
    case 'account-notice':
      // the notices after a cease request: no demand in the heading
      return 'About your account';
    case 'letter-of-claim':
      // The Pre-Action Protocol for Debt Claims calls it a "Letter of Claim"; en-US has no such step.
      return language === 'en-GB' ? 'Letter of claim' : 'Letter before claim';
  }
}
