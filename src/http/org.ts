// The caller's organisation and its local date: reports and imports work in the organisation's
// own calendar day, taken from the injected clock.
import { Temporal } from 'temporal-polyfill';
import type { Executor } from '../db/executor.ts';
import { findOrgById } from '../db/queries/orgs.ts';
import type { Org } from '../db/schema.ts';
import { dateInZone, type IsoDate } from '../domain/calendar.ts';
import { AppError } from '../errors.ts';

export async function requireOrg(db: Executor, orgId: bigint): Promise<Org> {
  const org = await findOrgById(db, orgId);
  // api_keys reference orgs, so this only happens if the organisation was removed mid-request.
  if (!org) throw new AppError('unauthenticated', 'the organisation of this API key no longer exists');
  return org;
}

/** The injected clock's instant, as the use cases take it. */
export function instantNow(now: () => Date): Temporal.Instant {
  return Temporal.Instant.fromEpochMilliseconds(now().getTime());
}

export function orgToday(org: Org, now: () => Date): IsoDate {
  return dateInZone(instantNow(now), org.time_zone);
}
