// Typed application errors. Every error a user can see carries a stable code; this one table maps
// each code to its HTTP status and its CLI exit code, so the API and the CLI never disagree.

export const errorCodes = {
  invalid_input: { http: 400, exit: 2, title: 'Invalid input' },
  invalid_config: { http: 500, exit: 78, title: 'Invalid configuration' },
  /** A feature this server was not set up for (e.g. SMS without a provider). */
  not_configured: { http: 503, exit: 78, title: 'Not configured' },
  unauthenticated: { http: 401, exit: 77, title: 'Authentication required' },
  forbidden: { http: 403, exit: 77, title: 'Not allowed' },
  not_found: { http: 404, exit: 4, title: 'Not found' },
  /** A request body over the route's size limit (HTTP only; the CLI reads files, not bodies). */
  payload_too_large: { http: 413, exit: 2, title: 'Request body too large' },
  /** Too many failed sign-ins for an account or from an address; the message says when to try again. */
  rate_limited: { http: 429, exit: 75, title: 'Too many attempts' },
  conflict: { http: 409, exit: 5, title: 'Conflict' },
  import_rejected: { http: 422, exit: 3, title: 'Import rejected' },
  /** A small-claims pack that may not be made (limitation, limit, Letter of Claim…); `details.reasons` lists each. Exit 5 as before it had its own code. */
  claim_refused: { http: 422, exit: 5, title: 'Claim pack refused' },
  data_dir_locked: { http: 503, exit: 75, title: 'Data directory in use' },
  /** PostgreSQL cannot be reached or refuses the connection: check DATABASE_URL (sysexits EX_UNAVAILABLE). */
  database_unavailable: { http: 503, exit: 69, title: 'Database unavailable' },
  data_dir_incompatible: { http: 500, exit: 78, title: 'Data directory from another version' },
  org_required: { http: 400, exit: 2, title: 'Organisation required' },
  internal: { http: 500, exit: 1, title: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Structured detail shown to API clients and with `--json` (e.g. the problems of an import). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get httpStatus(): number {
    return errorCodes[this.code].http;
  }

  get exitCode(): number {
    return errorCodes[this.code].exit;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
