// JSON with exact bigints: money is bigint minor units, and JSON.stringify refuses bigint.
// Amounts are written as plain JSON integers with every digit kept (never via a float).
import { randomBytes } from 'node:crypto';

// A per-process random tag, so no string a user wrote can be mistaken for a marked bigint.
const tag = randomBytes(8).toString('hex');
const pattern = new RegExp(`"\\\\u0000${tag}:(-?\\d+)"`, 'g');

export function stringifyJson(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? `\u0000${tag}:${v}` : v), indent);
  return text.replace(pattern, '$1');
}
