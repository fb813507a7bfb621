// The parts of a playbook besides its ladder of steps, in words: what each thing the debtor may say
// on a call does (the listening paths), and the instalment reminder. One wording for the timeline
// entry of a call that takes a path, `arrears playbook show` and the web app's playbook page.
import { alreadyPaidHoldDays, callOutcomes } from '../calls/call-outcomes.ts';
import { listenedOutcomes, type InstalmentReminderStep, type ListenedOutcome, type ListeningPath, type PathName, type Playbook } from './playbook.ts';

/** What the path does from the next cycle on, in a sentence. */
export function pathEffect(path: ListeningPath): string {
  switch (path.path) {
    case 'sympathetic':
      return `A payment plan offer goes out; no further step until ${path.offerDays} days after it reaches them, then at least ${path.minGapDays} days apart.`;
    case 'firm':
      return `Next: the step "${path.finalStep}" (the final notice), naming the next step only if the organisation takes it.`;
    case 'dispute':
      return 'The disputed invoices are not chased while the dispute is open.';
    case 'verify':
      return `A task to find the payment, and a pause of ${path.pauseDays} days.`;
  }
}

/** What a call outcome does when the playbook names no path for it (record-call-outcome.ts). */
const unlistened: Record<ListenedOutcome, string> = {
  cant_pay: 'The schedule goes on as it was.',
  wont_pay: 'The schedule goes on as it was.',
  dispute: 'The call still opens a dispute on its invoices, which are not chased while it is open.',
  already_paid: `The customer is paused ${alreadyPaidHoldDays} days while the payments are checked, without a task.`,
};

export interface ListeningLine {
  outcome: ListenedOutcome;
  /** The call outcome as the collector records it. */
  said: string;
  /** The path the playbook names; null when it names none. */
  path: PathName | null;
  effect: string;
}

/** Every outcome a playbook may listen for, in order, with what the case does after it. */
export function describeListening(playbook: Pick<Playbook, 'listening'>): ListeningLine[] {
  return listenedOutcomes.map((outcome) => {
    const path = playbook.listening?.[outcome];
    if (!path) return { outcome, said: callOutcomes[outcome].label, path: null, effect: unlistened[outcome] };
    const offer = path.path === 'sympathetic' ? ` The offer: "${path.offer.name}" by ${path.offer.channels.join(', then ')}, template ${path.offer.template}.` : '';
    return { outcome, said: callOutcomes[outcome].label, path: path.path, effect: pathEffect(path) + offer };
  });
}

/** "3 days before each instalment of an active payment plan, by email, then sms, then letter". */
export function describeInstalmentReminder(step: Pick<InstalmentReminderStep, 'daysBefore' | 'channels'>): string {
  return `${step.daysBefore} day${step.daysBefore === 1 ? '' : 's'} before each instalment of an active payment plan, by ${step.channels.join(', then ')}`;
}
