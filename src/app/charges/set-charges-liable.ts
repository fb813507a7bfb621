// Marks a consumer as contractually liable for late charges (their contract allows fees or
// interest), or takes the mark away. Business customers do not need it.
import type { Executor } from '../../db/executor.ts';
import { saveChargesLiable } from '../../db/queries/charge-policies.ts';
import { customerByExternalId } from '../shared/customer-by-external-id.ts';

export async function setChargesLiable(db: Executor, orgId: bigint, externalId: string, liable: boolean): Promise<{ externalId: string; kind: string; chargesLiable: boolean }> {
  const customer = await customerByExternalId(db, orgId, externalId);
  await saveChargesLiable(db, orgId, customer.id, liable);
  return { externalId, kind: customer.kind, chargesLiable: liable };
}
