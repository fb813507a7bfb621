// The reference rates in use for an organisation: the shipped table with its own rows laid over it.
import type { Executor } from '../../db/executor.ts';
import { orgReferenceRates } from '../../db/queries/reference-rates.ts';
import { mergeReferenceRates, shippedReferenceRates, type RateScheme, type ReferenceRate } from '../../domain/charges/reference-rates.ts';

export async function listReferenceRates(db: Executor, orgId: bigint, scheme?: RateScheme): Promise<ReferenceRate[]> {
  const shipped = shippedReferenceRates.filter((rate) => scheme === undefined || rate.scheme === scheme);
  return mergeReferenceRates(shipped, await orgReferenceRates(db, orgId, scheme));
}
