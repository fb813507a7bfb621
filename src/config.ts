// Environment and settings, read and validated once at start-up. Everything else receives a Config.
import { resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from './errors.ts';

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  ARREARS_DATA: z.string().min(1).default('./data'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ARREARS_ORG_NAME: z.string().min(1).default('My Business'),
  ARREARS_ORG_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD').default('USD'),
  ARREARS_ORG_TIME_ZONE: z.string().min(1).default('UTC'),
  ARREARS_OWNER_EMAIL: z.string().email().default('owner@example.com'),
  ARREARS_DEMO: z.enum(['0', '1']).default('1'),
  /** '0' turns off the daily cycle in `arrears start` (e.g. when another process runs it). */
  ARREARS_SCHEDULER: z.enum(['0', '1']).default('1'),
  /** Pretend "now" is this instant (ISO 8601); for demos and tests that need a fixed clock. */
  ARREARS_NOW: z.string().datetime({ offset: true }).optional(),
  /** '0' turns off the outbox dispatcher in `arrears start` (e.g. when other processes send). */
  ARREARS_DISPATCH: z.enum(['0', '1']).default('1'),
  /** smtp://user:pass@host:587 or smtps://…:465; unset: emails are written as .eml files under <data>/outbox/. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** A Twilio-compatible SMS API: base URL, account, token and sending number; SMS is off without all four. */
  SMS_PROVIDER_URL: z.string().url().default('https://api.twilio.com'),
  SMS_ACCOUNT_SID: z.string().min(1).optional(),
  SMS_AUTH_TOKEN: z.string().min(1).optional(),
  SMS_FROM: z.string().min(1).optional(),
  /** The largest CSV import accepted over HTTP as a raw text/csv body (streamed), in bytes. */
  ARREARS_MAX_IMPORT_BYTES: z.coerce.number().int().min(1024, 'must be at least 1024 (bytes)').default(1024 * 1024 * 1024),
  /** A web session ends after this many minutes without a request (default 12 hours). */
  ARREARS_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(60 * 24 * 30).default(12 * 60),
  /** … and in any case this many hours after sign-in (default 7 days). */
  ARREARS_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(7 * 24),
  /** '1' when a reverse proxy of yours sets X-Forwarded-For and X-Forwarded-Host (client addresses for sign-in limits, the host for CSRF checks). */
  ARREARS_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /** 32 random bytes, base64 or hex: the key that encrypts stored credentials (an organisation's SMTP password). */
  ARREARS_SECRET_KEY: z
    .string()
    .refine((text) => parseSecretKey(text) !== undefined, 'must be 32 random bytes written as base64 (44 characters) or hex (64 characters); generate one with `openssl rand -base64 32`')
    .optional(),
});

/** A 256-bit key written as hex (64 digits) or base64 (44 characters, padded); undefined otherwise. */
export function parseSecretKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return Buffer.from(trimmed, 'base64');
  return undefined;
}

export interface SmsConfig {
  baseUrl: string;
  accountSid: string;
  authToken: string;
  from: string;
}

export interface Config {
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  firstStart: { orgName: string; currency: string; timeZone: string; ownerEmail: string; loadDemo: boolean };
  fixedNow: string | undefined;
  /** Whether `arrears start` runs the daily cycles. */
  scheduler: boolean;
  /** Whether `arrears start` runs the outbox dispatcher. */
  dispatch: boolean;
  smtpUrl: string | undefined;
  /** Null when SMS is not configured: SMS actions then fail visibly instead of being dropped. */
  sms: SmsConfig | null;
  /** Largest raw CSV body `POST /api/v1/imports` accepts, in bytes. */
  maxImportBytes: number;
  sessions: { idleMinutes: number; maxHours: number };
  trustProxy: boolean;
  /** ARREARS_SECRET_KEY: encrypts stored credentials; null when not set (no credential can then be stored). */
  secretKey: Buffer | null;
}

/** Reads the environment (and CLI overrides) once; fails fast naming the bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: { dataDir?: string } = {}): Config {
  // An empty variable (`DATABASE_URL= arrears …`) means unset, as in most tools.
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new AppError('invalid_config', `invalid environment setting: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(overrides.dataDir ?? e.ARREARS_DATA),
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    firstStart: {
      orgName: e.ARREARS_ORG_NAME,
      currency: e.ARREARS_ORG_CURRENCY,
      timeZone: e.ARREARS_ORG_TIME_ZONE,
      ownerEmail: e.ARREARS_OWNER_EMAIL,
      loadDemo: e.ARREARS_DEMO === '1',
    },
    fixedNow: e.ARREARS_NOW,
    scheduler: e.ARREARS_SCHEDULER === '1',
    dispatch: e.ARREARS_DISPATCH === '1',
    smtpUrl: e.SMTP_URL,
    sms:
      e.SMS_ACCOUNT_SID && e.SMS_AUTH_TOKEN && e.SMS_FROM
        ? { baseUrl: e.SMS_PROVIDER_URL, accountSid: e.SMS_ACCOUNT_SID, authToken: e.SMS_AUTH_TOKEN, from: e.SMS_FROM }
        : null,
    maxImportBytes: e.ARREARS_MAX_IMPORT_BYTES,
    sessions: { idleMinutes: e.ARREARS_SESSION_IDLE_MINUTES, maxHours: e.ARREARS_SESSION_MAX_HOURS },
    trustProxy: e.ARREARS_TRUST_PROXY === '1',
    secretKey: e.ARREARS_SECRET_KEY === undefined ? null : parseSecretKey(e.ARREARS_SECRET_KEY)!,
  };
}
