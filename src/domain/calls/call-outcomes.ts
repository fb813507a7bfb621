// What a collector records after a call attempt, and what each outcome means for the next steps.
// A "conversation" is talking with the debtor themselves (right-party contact): Regulation F
// pauses further calls for 7 days after one, and the cycle counts it as the customer responding.
// Every attempt, answered or not, was a booked call and counts against the call caps.

export const callOutcomes = {
  no_answer: { conversation: false, label: 'no answer' },
  voicemail: { conversation: false, label: 'left a voicemail (limited-content message only)' },
  wrong_number: { conversation: false, label: 'wrong number: the number is not the customer’s' },
  promise: { conversation: true, label: 'promised to pay an amount by a date' },
  dispute: { conversation: true, label: 'disputes the invoice(s)' },
  cant_pay: { conversation: true, label: 'cannot pay now (hardship): offer a plan, review' },
  wont_pay: { conversation: true, label: 'will not pay' },
  already_paid: { conversation: true, label: 'says it is already paid: check the payments' },
  call_back: { conversation: true, label: 'asked to be called back at a given time' },
} as const;

export type CallOutcome = keyof typeof callOutcomes;

export const callOutcomeCodes = Object.keys(callOutcomes) as CallOutcome[];

export function isCallOutcome(code: string): code is CallOutcome {
  return Object.hasOwn(callOutcomes, code);
}

/** Days the customer is left alone after saying it is already paid, while someone checks. */
export const alreadyPaidHoldDays = 7;
