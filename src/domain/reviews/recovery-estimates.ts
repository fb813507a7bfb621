// What each way of handing an account over would recover, side by side, so an owner compares
// them: balance × the recovery rate the organisation set for the route, less the agency's
// commission (on what it recovers) or the court fee. Integer minor units throughout; each
// percentage is applied as basis points and rounded half up to the minor unit, once per product
// (recovered = round(balance × rate), commission = round(recovered × commission)); a result
// below zero is zero. Pure.
import type { CurrencyCode } from '../currencies.ts';
import { basisPointsOf, parseAmount } from '../money.ts';
import type { ReviewPolicy } from './review-policy.ts';

export const recoveryRoutes = ['settlement', 'agency', 'small_claims', 'write_off'] as const;
export type RecoveryRoute = (typeof recoveryRoutes)[number];

export interface RouteEstimate {
  route: RecoveryRoute;
  /** What the route brings in before its cost. */
  recovered: bigint;
  /** The agency's commission or the court fee. */
  cost: bigint;
  /** recovered − cost, never below zero; null when it cannot be estimated (no court fee set for the currency). */
  net: bigint | null;
  /** Whether the organisation takes this route (agency and small claims are enabled in the settings). */
  enabled: boolean;
  /** How the figure was reached, in words. */
  basis: string;
}

export interface CurrencyEstimate {
  currency: string;
  balance: bigint;
  routes: RouteEstimate[];
  /** The enabled route that recovers most (the first of `recoveryRoutes` on a tie). */
  suggested: RecoveryRoute;
}

/** Percent with up to two decimals → basis points (exact: the policy allows no more decimals). */
export function basisPoints(percent: number): bigint {
  return BigInt(Math.round(percent * 100));
}


export function estimateRecovery(currency: string, balance: bigint, policy: ReviewPolicy, enabled: { agency: boolean; smallClaims: boolean }): CurrencyEstimate {
  const { agency, smallClaims, settlement } = policy.recovery;
  const net = (recovered: bigint, cost: bigint) => (recovered > cost ? recovered - cost : 0n);

  const settled = basisPointsOf(balance, basisPoints(settlement.ratePercent));
  const placed = basisPointsOf(balance, basisPoints(agency.ratePercent));
  const commission = basisPointsOf(placed, basisPoints(agency.commissionPercent));
  const claimed = basisPointsOf(balance, basisPoints(smallClaims.ratePercent));
  const feeText = smallClaims.courtFee[currency];
  const fee = feeText === undefined ? undefined : parseAmount(feeText, currency as CurrencyCode);
  const courtFee = fee?.ok ? fee.value : null;

  const routes: RouteEstimate[] = [
    { route: 'settlement', recovered: settled, cost: 0n, net: settled, enabled: true, basis: `${settlement.ratePercent}% of the balance` },
    { route: 'agency', recovered: placed, cost: commission, net: net(placed, commission), enabled: enabled.agency, basis: `${agency.ratePercent}% of the balance, less ${agency.commissionPercent}% commission on it` },
    {
      route: 'small_claims',
      recovered: claimed,
      cost: courtFee ?? 0n,
      net: courtFee === null ? null : net(claimed, courtFee),
      enabled: enabled.smallClaims,
      basis: courtFee === null ? `${smallClaims.ratePercent}% of the balance; no court fee is set for ${currency} (recovery.smallClaims.courtFee), so no estimate` : `${smallClaims.ratePercent}% of the balance, less the court fee of ${feeText}`,
    },
    { route: 'write_off', recovered: 0n, cost: 0n, net: 0n, enabled: true, basis: 'nothing recovered; the balance leaves the books' },
  ];
  const suggested = routes.filter((r) => r.enabled && r.net !== null).reduce((best, r) => (r.net! > best.net! ? r : best)).route;
  return { currency, balance, routes, suggested };
}
