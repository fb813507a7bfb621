// A PostgreSQL server that cannot be reached (or refuses us) is a setting to fix, not a bug:
// this turns the driver's error into a message naming the server and the cause, with the code
// that maps to exit code 69 (service unavailable) and HTTP 503.
import { AppError } from '../errors.ts';

const causes: Record<string, string> = {
  ECONNREFUSED: 'connection refused (is PostgreSQL running, and on this port?)',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the host name could not be resolved',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the connection was closed by the server',
  '28P01': 'the server refused the user name or password',
  '28000': 'the server refused this user (pg_hba.conf)',
  '3D000': 'the database does not exist (create it with createdb)',
  '57P03': 'the server is starting up or shutting down',
  '53300': 'the server has too many connections',
};

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

function codeOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; errors?: unknown[]; message?: string };
  if (typeof e?.code === 'string') return e.code;
  // several addresses tried (IPv4 and IPv6): an AggregateError of the attempts
  if (Array.isArray(e?.errors)) return e.errors.map(codeOf).find((code) => code !== undefined);
  if (e?.message === 'timeout expired' || e?.message === 'Connection terminated due to connection timeout') return 'ETIMEDOUT';
  return undefined;
}

/** An AppError for a database that cannot be reached, or undefined for any other error. */
export function unreachableDatabase(error: unknown, url: string): AppError | undefined {
  const code = codeOf(error);
  const cause = code === undefined ? undefined : causes[code];
  if (!cause) return undefined;
  return new AppError('database_unavailable', `cannot reach the database at ${redactUrl(url)}: ${cause}; check DATABASE_URL`);
}
