// The small-claims courts a claim pack knows: each court's own limit and its fee for an amount, as
// data, each row dated (`asOf`: the day the figures were checked against `source`) and sourced.
// Only figures we can state with confidence are here: England and Wales (the County Court's
// small claims track, fees for a claim made online through Money Claims Online) and California
// (a claim filed by a business). Courts change their fees: check the source before filing; a row
// older than a year is flagged in the pack.
//
// Amounts are minor units of the court's currency. A fee band covers claims up to and including
// `upTo`.

export interface FeeBand {
  upTo: bigint;
  fee: bigint;
}

export interface SmallClaimsCourt {
  /** 'GB-EAW' (England and Wales) or 'US-<state>'. */
  code: string;
  name: string;
  country: string;
  /** Region codes (jurisdiction.ts) the court covers. */
  regions: readonly string[];
  /** Whether a debtor of the country whose region is not recorded is taken to be in it (GB: England and Wales, where most are). */
  coversUnknownRegion: boolean;
  currency: string;
  /** The most that may be claimed there. */
  limit: bigint;
  /** Who the limit applies to, in words. */
  limitNote: string;
  fees: readonly FeeBand[];
  feeNote: string;
  source: string;
  asOf: string;
}

export const smallClaimsCourts: readonly SmallClaimsCourt[] = [
  {
    code: 'GB-EAW',
    name: 'County Court (small claims track), England and Wales',
    country: 'GB',
    regions: ['ENG', 'WLS'],
    coversUnknownRegion: true,
    currency: 'GBP',
    limit: 10_000_00n,
    limitNote: 'claims up to £10,000 are normally allocated to the small claims track (CPR 26)',
    fees: [
      { upTo: 300_00n, fee: 35_00n },
      { upTo: 500_00n, fee: 50_00n },
      { upTo: 1_000_00n, fee: 60_00n },
      { upTo: 1_500_00n, fee: 70_00n },
      { upTo: 3_000_00n, fee: 105_00n },
      { upTo: 5_000_00n, fee: 185_00n },
      { upTo: 10_000_00n, fee: 410_00n },
    ],
    feeNote: 'issue fee for a money claim made online (Money Claims Online); a paper claim costs more from £500',
    source: 'https://www.gov.uk/make-court-claim-for-money/court-fees (Civil Proceedings Fees Order 2008, as amended)',
    asOf: '2024-06-01',
  },
  {
    code: 'US-CA',
    name: 'Superior Court of California, small claims division',
    country: 'US',
    regions: ['CA'],
    coversUnknownRegion: false,
    currency: 'USD',
    limit: 6_250_00n,
    limitNote: 'a business or other entity may claim up to $6,250 (a natural person $12,500), Cal. Code Civ. Proc. §§ 116.220, 116.221',
    fees: [
      { upTo: 1_500_00n, fee: 30_00n },
      { upTo: 5_000_00n, fee: 50_00n },
      { upTo: 12_500_00n, fee: 75_00n },
    ],
    feeNote: 'filing fee for a claimant that filed 12 or fewer small claims in California in the previous 12 months ($100 otherwise), Cal. Code Civ. Proc. § 116.230',
    source: 'https://selfhelp.courts.ca.gov/small-claims/filing-fees and Cal. Code Civ. Proc. §§ 116.220–116.230',
    asOf: '2024-06-01',
  },
];

/** The court for a debtor's country and region code, or null when the table has none. */
export function smallClaimsCourtFor(country: string | null, region: string | null): SmallClaimsCourt | null {
  return smallClaimsCourts.find((court) => court.country === country && (region === null ? court.coversUnknownRegion : court.regions.includes(region))) ?? null;
}

/** The court's fee for a claim of `amount`, or null when the amount is above its bands. */
export function smallClaimsFee(court: SmallClaimsCourt, amount: bigint): bigint | null {
  return court.fees.find((band) => amount <= band.upTo)?.fee ?? null;
}
