// Which layout a letter gets. Several templates share one (every friendly or firm reminder is a
// reminder letter); the statement, the validation notice and the letter before claim each add
// pages or sections of their own. A payment plan's letters are about one instalment, not the
// invoices the plan covers: they print no invoice table (as their emails show none).
import { fixedWording } from '../../domain/templates/fixed-wording.ts';
import type { MessageLanguage } from '../../domain/messages/message-model.ts';

export const letterKinds = ['reminder', 'statement-of-account', 'demand', 'final-notice', 'satisfaction-verification', 'validation-notice', 'letter-of-claim', 'account-notice', 'payment-plan'] as const;
export type LetterKind = (typeof letterKinds)[number];

/** Template name (src/domain/templates/catalog.ts) → layout, for every template with a letter channel. */
const kindByTemplate: ReadonlyMap<string, LetterKind> = new Map<string, LetterKind>([
  ['satisfaction-verification', 'satisfaction-verification'],
  ['pre-due-note', 'reminder'],
  ['reminder-missed', 'reminder'],
  ['follow-up', 'reminder'],
  ['firm-reminder', 'reminder'],
  ['plan-offer', 'reminder'],
  ['statement-of-account', 'statement-of-account'],
  ['validation-notice', 'validation-notice'],
  ['demand-letter', 'demand'],
  ['final-notice', 'final-notice'],
  ['letter-before-claim', 'letter-of-claim'],
  ['cease-efforts-end', 'account-notice'],
  ['cease-remedies-may-be-used', 'account-notice'],
  ['cease-remedy-will-be-used', 'account-notice'],
  ['instalment-reminder', 'payment-plan'],
  ['instalment-receipt', 'payment-plan'],
  ['instalment-missed', 'payment-plan'],
]);

/** The layout for a letter template; throws for a template that is not sent as a letter. */
export function letterKindFor(templateName: string): LetterKind {
  const kind = kindByTemplate.get(templateName);
  if (!kind) throw new Error(`template "${templateName}" has no letter layout; letters exist for ${[...kindByTemplate.keys()].join(', ')}`);
  return kind;
}

/** The heading printed above the body, and the PDF's title, in the letter's language. */
export function letterTitle(kind: LetterKind, language: MessageLanguage): string {
  return fixedWording[language].letterTitles[kind];
}
