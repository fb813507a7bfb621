// What every route can use: the injected dependencies and, under /api/v1, the authenticated caller.
import type { Principal } from '../app/access/authenticate-api-key.ts';
import type { SmsConfig } from '../config.ts';
import type { Database } from '../db/engine.ts';
import type { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { BodyLimits } from './body-limit.ts';

export interface HttpDeps {
  database: Database;
  logger: Logger;
  /** The current instant; injected so tests can fix the clock. */
  now: () => Date;
  /** The SMS provider account; null when SMS is not configured (the SMS webhook then answers 503). */
  sms: SmsConfig | null;
  /** Request body size limits per kind of route; the defaults when absent. */
  bodyLimits?: Partial<BodyLimits>;
}

export interface AppEnv {
  Variables: {
    /** Set by the API key middleware: every query is scoped to principal.orgId. */
    principal: Principal;
    /** Set when the body went over its route's limit while being read: the answer is then 413. */
    bodyTooLarge?: AppError;
  };
}

/** How the caller is named on the timeline. */
export function actorOf(principal: Principal): string {
  return `api-key:${principal.keyId}`;
}
