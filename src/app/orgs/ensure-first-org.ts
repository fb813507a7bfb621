// First start: with no organisation in the database, create one with its owner and a first API
// key from the configuration. Returns the one-time secrets to show, or undefined if orgs exist.
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/executor.ts';
import { createOrg, type CreatedOrg } from './create-org.ts';

export async function ensureFirstOrg(db: Executor, config: Config): Promise<CreatedOrg | undefined> {
  const existing = await db.selectFrom('orgs').select('id').limit(1).executeTakeFirst();
  if (existing) return undefined;
  return createOrg(db, {
    name: config.firstStart.orgName,
    currency: config.firstStart.currency,
    timeZone: config.firstStart.timeZone,
    ownerEmail: config.firstStart.ownerEmail,
  });
}
