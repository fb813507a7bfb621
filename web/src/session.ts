// Who is signed in, and the organisation's locale and time zone every screen formats with.
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { ApiError } from './api/client.ts';
import type { Formats } from './lib/format.ts';

export type Role = 'owner' | 'collector' | 'viewer';

export interface Session {
  user: { id: string; email: string; name: string | null; role: Role };
  org: { name: string; slug: string; currency: string; timeZone: string; locale: string };
}

async function fetchSession(): Promise<Session | null> {
  const response = await fetch('/api/v1/session', { credentials: 'same-origin' });
  if (response.status === 401) return null;
  if (!response.ok) throw new ApiError(response.status, `http_${response.status}`, `the server answered ${response.status}`);
  return (await response.json()) as Session;
}

export const sessionQuery = queryOptions({ queryKey: ['session'], queryFn: fetchSession, staleTime: 5 * 60_000 });

/** The signed-in session; only under the authenticated layout, which makes sure there is one. */
export function useSession(): Session {
  const { data } = useSuspenseQuery(sessionQuery);
  if (!data) throw new Error('useSession: not signed in (used outside the authenticated layout)');
  return data;
}

export function useFormats(): Formats {
  const { org } = useSession();
  return { locale: org.locale, timeZone: org.timeZone };
}

/** Whether the signed-in role may change things (the server checks again on every request). */
export function useCanChange(): boolean {
  return useSession().user.role !== 'viewer';
}

async function problemOf(response: Response): Promise<ApiError> {
  const problem = (await response.json().catch(() => ({}))) as { code?: string; detail?: string };
  return new ApiError(response.status, problem.code ?? `http_${response.status}`, problem.detail ?? `the server answered ${response.status}`);
}

export async function signIn(credentials: { email: string; password: string }): Promise<Session> {
  const response = await fetch('/api/v1/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as Session;
}
