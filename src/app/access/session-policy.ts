// How long a web session lasts: it ends after `idleMinutes` without a request, and in any case
// `maxHours` after sign-in (so a stolen cookie kept alive by a script still dies).
export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export const defaultSessionPolicy: SessionPolicy = { idleMinutes: 12 * 60, maxHours: 7 * 24 };

export function addMinutes(instant: Date, minutes: number): string {
  return new Date(instant.getTime() + minutes * 60_000).toISOString();
}
