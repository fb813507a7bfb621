// The reply keywords carriers and SMS providers honour: a reply starting with STOP (or one of its
// synonyms) withdraws consent to texts from this sender; START or UNSTOP gives it back. Only the
// first word counts, and only as a whole word: "stop please" opts out, "Stopping by later" does not.

export const optOutKeywords = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE'] as const;
export const optInKeywords = ['START', 'UNSTOP'] as const;

export interface SmsKeyword {
  /** The keyword as matched, in capitals, e.g. 'STOP'. */
  keyword: string;
  intent: 'opt_out' | 'opt_in';
}

const optOut = new Set<string>(optOutKeywords);
const optIn = new Set<string>(optInKeywords);

/** The opt-out or opt-in keyword `body` starts with, if any. */
export function smsKeyword(body: string): SmsKeyword | null {
  // The first word ends at a space or at punctuation that separates words ("stop,please");
  // punctuation inside it is ignored ("opt-out", "S.T.O.P", "Stop!").
  const first = body.trim().split(/[\s,;:!?]/u, 1)[0] ?? '';
  const word = first.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
  if (optOut.has(word)) return { keyword: word, intent: 'opt_out' };
  if (optIn.has(word)) return { keyword: word, intent: 'opt_in' };
  return null;
}
