// Who is signed in (GET /api/v1/session), and the organisation's locale and time zone every
// screen formats with.
import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';
import { api, ApiError, unwrap, type components } from './api/client.ts';
import type { Formats } from './lib/format.ts';

export type Session = components['schemas']['WhoAmI'];
export type Role = Session['role'];

async function fetchSession(): Promise<Session | null> {
  try {
    return await unwrap(api.GET('/api/v1/session'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
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

/** Whether the signed-in role may change customers and work the worklist (the server checks again on every request). */
export function useCanChange(): boolean {
  return useSession().role !== 'viewer';
}

export function signIn(credentials: { email: string; password: string }): Promise<Session> {
  return unwrap(api.POST('/api/v1/session', { body: credentials }));
}

export function signOut(): Promise<unknown> {
  return unwrap(api.DELETE('/api/v1/session'));
}
