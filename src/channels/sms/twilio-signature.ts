// The X-Twilio-Signature of a webhook request: proof that the provider (who alone shares our auth
// token) sent it, to exactly this URL, with exactly these parameters.
// https://www.twilio.com/docs/usage/webhooks/webhooks-security
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA1 with the auth token over the full URL followed by every POST parameter sorted by
 * name, each name immediately followed by its value (a repeated name once per value, values
 * sorted, as Twilio's own libraries do), in base64.
 */
export function twilioSignature(authToken: string, url: string, params: Iterable<readonly [string, string]>): string {
  const byName = new Map<string, string[]>();
  for (const [name, value] of params) byName.set(name, [...(byName.get(name) ?? []), value]);
  let data = url;
  for (const name of [...byName.keys()].sort()) {
    for (const value of byName.get(name)!.sort()) data += name + value;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** Whether `signature` is the one the auth token gives this request; compared in constant time. */
export function isValidTwilioSignature(authToken: string, url: string, params: Iterable<readonly [string, string]>, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  // A SHA-1 digest in base64 is always 28 characters: a length mismatch discloses nothing secret.
  return expected.length === given.length && timingSafeEqual(expected, given);
}
