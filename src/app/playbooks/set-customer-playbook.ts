// Puts one customer on a playbook of choice, whatever the segment rules say (null: the rules
// decide again).
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { playbookNames } from '../../db/queries/playbooks.ts';
import type { Customer } from '../../db/schema.ts';
import { builtInPlaybooks } from '../../domain/playbooks/default-playbooks.ts';
import { AppError } from '../../errors.ts';
import { changeCustomerCollection } from '../collection/change-customer-collection.ts';

export async function setCustomerPlaybook(db: Executor, orgId: bigint, customerId: bigint, name: string | null, actor: string, now: Temporal.Instant): Promise<Customer> {
  if (name !== null) {
    const known = new Set([...builtInPlaybooks.map((p) => p.name), ...(await playbookNames(db, orgId))]);
    if (!known.has(name)) throw new AppError('invalid_input', `there is no playbook "${name}": use one of ${[...known].sort().join(', ')}, or import it first`);
  }
  return changeCustomerCollection(db, orgId, customerId, {
    column: 'playbook_override',
    value: name,
    actor,
    now,
    activity: (previous) =>
      name === null
        ? { kind: 'playbook_override', summary: `Playbook "${previous}" no longer set for this customer: the segment rules decide again` }
        : { kind: 'playbook_override', summary: `Playbook "${name}" set for this customer${previous ? ` (was "${previous}")` : ''}` },
  });
}
