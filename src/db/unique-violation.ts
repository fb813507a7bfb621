// Recognises PostgreSQL's unique_violation (SQLSTATE 23505). Both engines report it with the
// same code and constraint name, so callers can turn a duplicate into a clear conflict message.

/** The name of the violated unique constraint, or undefined when `error` is something else. */
export function uniqueViolation(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  if (code !== '23505') return undefined;
  return typeof constraint === 'string' ? constraint : '';
}
