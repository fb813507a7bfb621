// The web app's session cookie and what the browser's requests must carry: the cookie is
// HttpOnly (scripts cannot read it), SameSite=Lax and Secure when the request came over HTTPS.
// Cookie-authenticated unsafe requests must come from a page of this same host (CSRF).
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors.ts';
import type { SessionPolicy } from '../app/access/session-policy.ts';

export const sessionCookie = 'arrears_session';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return safeMethods.has(method);
}

export function readSessionToken(c: Context): string | undefined {
  return getCookie(c, sessionCookie) || undefined;
}

/** HTTPS directly (TLS) or at a proxy in front that says so. */
function overHttps(c: Context): boolean {
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || new URL(c.req.url).protocol === 'https:';
}

export function setSessionCookie(c: Context, token: string, policy: SessionPolicy): void {
  setCookie(c, sessionCookie, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure: overHttps(c), maxAge: policy.maxHours * 3600 });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, sessionCookie, { path: '/', httpOnly: true, sameSite: 'Lax', secure: overHttps(c) });
}

/** The host the browser addressed: the proxy's forwarded host when trusted, else Host. */
function ownHost(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim() : undefined;
  return (forwarded || c.req.header('host') || new URL(c.req.url).host).toLowerCase();
}

function hostOf(url: string | undefined): string | undefined {
  if (!url || url === 'null') return undefined;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * CSRF: an unsafe request carrying the session cookie must say it comes from a page of this host
 * (Origin, or Referer when a browser leaves Origin out). SameSite=Lax already keeps the cookie off
 * cross-site POSTs in current browsers; this holds for the others and for sibling subdomains.
 */
export function requireSameOrigin(c: Context, trustProxy: boolean): void {
  const origin = c.req.header('origin');
  const from = hostOf(origin ?? c.req.header('referer'));
  const own = ownHost(c, trustProxy);
  if (from === own) return;
  const said = origin ? `Origin ${origin}` : c.req.header('referer') ? 'a Referer of another site' : 'no Origin or Referer header';
  throw new AppError('forbidden', `refused as a possible cross-site request: a change made with the session cookie must come from a page of ${own}, and this one came with ${said}; reload the app and try again (API clients: use "Authorization: Bearer arr_…" instead of the cookie)`);
}

/** The client's address for rate limits: the socket's peer, or the nearest proxy's X-Forwarded-For entry when trusted. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').map((part) => part.trim()).filter(Boolean);
    if (forwarded?.length) return forwarded[forwarded.length - 1]!;
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}

/** The origin the browser addressed (for links to pages of the app), e.g. https://arrears.example. */
export function publicOrigin(c: Context, trustProxy: boolean): string {
  const protocol = overHttps(c) ? 'https' : 'http';
  return `${protocol}://${ownHost(c, trustProxy)}`;
}
