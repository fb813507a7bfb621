// What every route can use: the injected dependencies and, under /api/v1, the authenticated caller.
import type { Principal } from '../app/access/principal.ts';
import type { SessionPolicy } from '../app/access/session-policy.ts';
import type { EmailTransport } from '../channels/email/email-transport.ts';
import type { SmsConfig } from '../config.ts';
import type { Database } from '../db/engine.ts';
import type { Org } from '../db/schema.ts';
import type { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** The largest request body each kind of route takes, in bytes (defaults in body-limit.ts). */
export interface BodyLimits {
  /** Every JSON route. */
  json: number;
  /** Webhooks (the SMS provider's form posts). */
  webhook: number;
  /** A CSV import, sent as the raw body (text/csv) or as a multipart form: either way streamed to the importer. */
  importStream: number;
}

export interface HttpDeps {
  database: Database;
  logger: Logger;
  /** The current instant; injected so tests can fix the clock. */
  now: () => Date;
  /** The SMS provider account; null when SMS is not configured (the SMS webhook then answers 503). */
  sms: SmsConfig | null;
  /** Request body size limits per kind of route; the defaults when absent. */
  bodyLimits?: Partial<BodyLimits>;
  /** How long web sessions last; defaultSessionPolicy when absent. */
  sessions?: SessionPolicy;
  /** Whether X-Forwarded-For/-Host come from a proxy of ours (ARREARS_TRUST_PROXY=1); false when absent. */
  trustProxy?: boolean;
  /**
   * The transport an organisation's own emails from the app go by (invitations, the settings'
   * test email): its own SMTP server, or SMTP_URL; null (or absent) when neither is set, and the
   * owner passes an invitation link on by hand.
   */
  orgMail?: (org: Org) => EmailTransport | null;
  /** ARREARS_SECRET_KEY: seals an SMTP password set through the API; null (or absent) when not set, and a password is refused. */
  secretKey?: Buffer | null;
  /** The built web app (index.html and assets/); web/dist of the package when absent. */
  webDist?: string;
}

export interface AppEnv {
  Variables: {
    /** Set by the authentication middleware (API key or session): every query is scoped to principal.orgId. */
    principal: Principal;
    /** Set when the body went over its route's limit while being read: the answer is then 413. */
    bodyTooLarge?: AppError;
  };
}

export { actorOf } from '../app/access/principal.ts';
