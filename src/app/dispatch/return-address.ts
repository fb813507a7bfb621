// A letter needs the organisation's postal address: it is the return address on the envelope and
// where the debtor writes or sends a cheque. Without one, letters are held back (deferred) with this
// rule and a sentence saying what to set; setting the address (set-org-letterhead.ts) lets them go
// at the next dispatch.
import { Temporal } from 'temporal-polyfill';
import type { Org } from '../../db/schema.ts';

export const noReturnAddressRule = 'no-return-address';

export const noReturnAddressReason =
  'The organisation has no postal address for the letterhead and return address: set it with `arrears org set --address "<line>" --address "<line>"` (or PATCH /api/v1/org/settings with postalAddress); the letter goes at the next dispatch after that.';

/** Held letters are looked at again after this long, in case the address was set another way. */
const recheckAfter = Temporal.Duration.from({ hours: 6 });

export function heldForReturnAddress(org: Pick<Org, 'postal_address'>, channel: string, now: Temporal.Instant) {
  if (channel !== 'letter' || org.postal_address.some((line) => line.trim() !== '')) return null;
  return { send: false as const, status: 'deferred' as const, rule: noReturnAddressRule, reason: noReturnAddressReason, dueAt: now.add(recheckAfter).toString() };
}
