// What a person decides on a review task (the playbook's "agency, small claims, settlement or
// write-off?" step), who may decide it, and what Arrears does about it: the decision is recorded;
// the placement, claim pack, offer or write-off it leads to is made with its own command. A decision that
// gives the debt away or for less (agency, small claims, settlement, write-off) is the owner's;
// a collector may keep the case going or pause it.

type Role = 'owner' | 'collector' | 'viewer';

export interface ReviewOutcomeMeta {
  label: string;
  /** The least role that may decide it. */
  role: 'owner' | 'collector';
  /** The case status the decision sets (cases.status), if the domain model has one for it. */
  caseStatus: 'agency' | 'legal' | null;
  /** Whether the case's unsent actions are cancelled: the debt leaves the ordinary reminders. */
  stopsChasing: boolean;
  /** What Arrears does when it is decided, in a few words (shown beside the choice). */
  does: string;
  /** What of the decision Arrears does not carry out yet: said in every answer, never pretended. */
  notBuilt: string | null;
}

export const reviewOutcomes = {
  agency: {
    label: 'place the debt with a collection agency',
    role: 'owner',
    caseStatus: 'agency',
    stopsChasing: true,
    does: 'case status agency, unsent reminders cancelled; then hand the file over with `arrears placement create`',
    notBuilt: 'The decision does not hand the file over by itself: make the agency’s file with `arrears placement create --agency NAME --commission PCT <customer> --out placement.zip` (API: POST /api/v1/placements), which also stops the chase until recalled.',
  },
  small_claims: {
    label: 'take the debt to the small-claims court',
    role: 'owner',
    caseStatus: 'legal',
    stopsChasing: true,
    does: 'case status legal, unsent reminders cancelled; then prepare the pack with `arrears claim-pack`',
    notBuilt: 'The decision does not file anything: prepare the small-claims pack with `arrears claim-pack <customer> --out pack.pdf` (API: POST /api/v1/customers/{id}/claim-pack; in the web app, on the customer page or the review), check it and file it with the court yourself.',
  },
  settlement_offer: {
    label: 'offer a settlement for less than the full amount',
    role: 'owner',
    caseStatus: null,
    stopsChasing: false,
    does: 'recorded; then make the offer with `arrears settlement offer`',
    notBuilt: 'The decision does not make the offer by itself: offer it with `arrears settlement offer <customer> --amount A | --percent P --expires D` (API: POST /api/v1/settlements; in the web app, on the customer page); the balance is unchanged until the settlement is paid.',
  },
  write_off: {
    label: 'write the debt off',
    role: 'owner',
    caseStatus: null,
    stopsChasing: false,
    does: 'recorded; then write the invoices off with `arrears writeoff`',
    notBuilt: 'The decision does not write anything off by itself: write each invoice off with `arrears writeoff <invoice> --reason-code …` (API: POST /api/v1/write-offs; in the web app, on the customer page), then `arrears writeoff export` for the accounting system.',
  },
  keep_chasing: { label: 'keep chasing', role: 'collector', caseStatus: null, stopsChasing: false, does: 'the task is done and the case goes on', notBuilt: null },
  pause_until: { label: 'pause collection until a date', role: 'collector', caseStatus: null, stopsChasing: false, does: 'a hold on the customer until the date (--until)', notBuilt: null },
} as const satisfies Record<string, ReviewOutcomeMeta>;

export type ReviewOutcome = keyof typeof reviewOutcomes;

export const reviewOutcomeCodes = Object.keys(reviewOutcomes) as ReviewOutcome[];

export function isReviewOutcome(code: string): code is ReviewOutcome {
  return Object.hasOwn(reviewOutcomes, code);
}

/** Whether `role` may decide `outcome`. */
export function mayDecide(role: Role, outcome: ReviewOutcome): boolean {
  const needed = reviewOutcomes[outcome].role;
  return role === 'owner' || (role === 'collector' && needed === 'collector');
}
