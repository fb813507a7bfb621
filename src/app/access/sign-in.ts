// Email + password sign-in to the web app: checks the rate limits, the password, and opens a
// server-side session. A failure never says whether the email or the password was wrong.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { clearAccountFailures, recentFailures, recordLoginFailure } from '../../db/queries/login-failures.ts';
import { AppError } from '../../errors.ts';
import { hashPassword, verifyPassword } from './credentials.ts';
import { openSession, type OpenedSession } from './open-session.ts';
import type { SessionPolicy } from './session-policy.ts';

/** Failed sign-ins allowed within the window, per account (the email) and per client address. */
export const signInLimits = { windowMinutes: 15, perAccount: 5, perAddress: 20 };

export interface SignInInput {
  email: string;
  password: string;
  /** The organisation's slug: needed only when the password is that of this email in several organisations. */
  org?: string | undefined;
  /** The client's address, for the per-address limit. */
  address: string;
  userAgent: string | null;
  now: Date;
  policy: SessionPolicy;
}

const wrong = 'the email or password is not right (or the account is not active); check both and try again';

export async function signIn(db: Executor, input: SignInInput): Promise<OpenedSession> {
  const account = input.email.trim().toLowerCase();
  const at = input.now.toISOString();
  await refuseWhileLimited(db, account, input.address, input.now);

  const candidates = await db
    .selectFrom('users')
    .innerJoin('orgs', 'orgs.id', 'users.org_id')
    .select(['users.org_id', 'users.id', 'users.password_hash', 'orgs.slug', 'orgs.name as org_name'])
    .where(sql<string>`lower(users.email)`, '=', account)
    .where('users.deactivated_at', 'is', null)
    .where('users.password_hash', 'is not', null)
    .$if(input.org !== undefined, (q) => q.where('orgs.slug', '=', input.org!))
    .orderBy('users.org_id')
    .execute();
  const matches = [];
  for (const candidate of candidates) {
    if (await verifyPassword(input.password, candidate.password_hash!)) matches.push(candidate);
  }
  // The same work when nobody has this email, so the time taken does not tell that either.
  if (candidates.length === 0) await verifyPassword(input.password, await dummyHash());

  if (matches.length === 0) {
    await recordLoginFailure(db, { account, address: input.address, at });
    throw new AppError('unauthenticated', wrong);
  }
  if (matches.length > 1) {
    // Only said to someone who knows the password: which organisations to choose from.
    const slugs = matches.map((m) => m.slug);
    throw new AppError('org_required', `this email and password open several organisations (${slugs.join(', ')}); send "org" with the slug of the one to sign in to`, {
      orgs: matches.map((m) => ({ slug: m.slug, name: m.org_name })),
    });
  }
  await clearAccountFailures(db, account);
  const user = matches[0]!;
  return openSession(db, { orgId: user.org_id, userId: user.id, userAgent: input.userAgent, now: input.now, policy: input.policy });
}

async function refuseWhileLimited(db: Executor, account: string, address: string, now: Date): Promise<void> {
  const windowMs = signInLimits.windowMinutes * 60_000;
  const since = new Date(now.getTime() - windowMs).toISOString();
  const failures = await recentFailures(db, { account, address }, since);
  const limited =
    failures.account.count >= signInLimits.perAccount ? { what: 'for this account', oldest: failures.account.oldest } :
    failures.address.count >= signInLimits.perAddress ? { what: 'from this address', oldest: failures.address.oldest } :
    null;
  if (!limited) return;
  const liftsAt = Date.parse(limited.oldest!) + windowMs;
  const minutes = Math.max(1, Math.ceil((liftsAt - now.getTime()) / 60_000));
  throw new AppError('rate_limited', `too many failed sign-ins ${limited.what}; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`, {
    retryAfterSeconds: Math.max(1, Math.ceil((liftsAt - now.getTime()) / 1000)),
  });
}

let dummy: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  return (dummy ??= hashPassword('no user has this password'));
}
