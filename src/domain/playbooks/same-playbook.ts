// Whether two playbooks are the same definition, whatever the order of their keys (jsonb stores
// keys in its own order), so re-importing an unchanged file stores no new version.
import type { Playbook } from './playbook.ts';

export function samePlaybook(a: Playbook, b: Playbook): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
