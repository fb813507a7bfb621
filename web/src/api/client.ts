// The one way the browser talks to the server: openapi-fetch typed by the schema generated from
// the server's OpenAPI document (bin/build-web.js), with the session cookie. A problem+json answer
// becomes an ApiError carrying the server's code and sentence, which screens show as they are.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.gen.ts';

export type { components, paths } from './schema.gen.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The problem's `details` (e.g. an import's report, a playbook's problems by path). */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Called when the server says the session is over (401), so the app can go to /login. */
let onUnauthenticated: () => void = () => {};
export function whenUnauthenticated(handler: () => void) {
  onUnauthenticated = handler;
}

const unauthenticated: Middleware = {
  onResponse({ response, request }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith('/api/v1/session')) onUnauthenticated();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(unauthenticated);

interface Problem {
  code?: string;
  detail?: string;
  title?: string;
  details?: unknown;
}

/** The data of an openapi-fetch answer, or an ApiError with the server's own words. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const problem = (error ?? {}) as Problem;
  throw new ApiError(response.status, problem.code ?? `http_${response.status}`, problem.detail ?? problem.title ?? `the server answered ${response.status}`, problem.details);
}
