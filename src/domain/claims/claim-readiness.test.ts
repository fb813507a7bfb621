import { describe, expect, it } from 'vitest';
import { claimRefusals, deemedServed } from './claim-readiness.ts';
import { smallClaimsCourtFor, smallClaimsFee } from './small-claims-courts.ts';

const england = smallClaimsCourtFor('GB', 'ENG')!;
const base = { court: england, invoices: [{ number: 'I-1', dueDate: '2026-06-30' }], amount: 1_200_00n, currency: 'GBP', letterPostedOn: null, today: '2026-11-23' };

describe('small-claims courts', () => {
  it('knows England and Wales (an unrecorded GB region counts) and California, not Scotland or Texas', () => {
    expect(smallClaimsCourtFor('GB', null)?.code).toBe('GB-EAW');
    expect(smallClaimsCourtFor('GB', 'WLS')?.code).toBe('GB-EAW');
    expect(smallClaimsCourtFor('US', 'CA')?.code).toBe('US-CA');
    expect(smallClaimsCourtFor('GB', 'SCT')).toBeNull();
    expect(smallClaimsCourtFor('US', 'TX')).toBeNull();
    expect(smallClaimsCourtFor('US', null)).toBeNull();
  });

  it('gives the fee of the band the amount falls in, inclusive of its top', () => {
    expect(smallClaimsFee(england, 300_00n)).toBe(35_00n);
    expect(smallClaimsFee(england, 300_01n)).toBe(50_00n);
    expect(smallClaimsFee(england, 10_000_00n)).toBe(410_00n);
    expect(smallClaimsFee(england, 10_000_01n)).toBeNull();
    expect(smallClaimsFee(smallClaimsCourtFor('US', 'CA')!, 1_500_01n)).toBe(50_00n);
  });

  it('every row is dated and sourced', () => {
    for (const court of [england, smallClaimsCourtFor('US', 'CA')!]) {
      expect(court.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(court.source).toMatch(/^https:\/\//);
    }
  });
});

describe('claim refusals', () => {
  it('a business debtor in England with a claim under the limit may be claimed from', () => {
    expect(claimRefusals({ ...base, debtor: { kind: 'business', country: 'GB', region: null } })).toEqual([]);
  });

  it('refuses when the limitation period has run, naming the invoice and the rule', () => {
    const reasons = claimRefusals({ ...base, debtor: { kind: 'business', country: 'GB', region: 'ENG' }, invoices: [{ number: 'OLD-1', dueDate: '2020-11-23' }, { number: 'I-2', dueDate: '2026-01-01' }] });
    expect(reasons).toEqual([expect.stringMatching(/limitation period \(6 years, Limitation Act 1980.*OLD-1 \(due 2020-11-23, time-barred from 2026-11-23\)/)]);
  });

  it('refuses above the court’s limit, with the source', () => {
    expect(claimRefusals({ ...base, debtor: { kind: 'business', country: 'GB', region: null }, amount: 10_000_01n })).toEqual([expect.stringMatching(/above the small-claims limit of £10,000.00 .*gov\.uk/)]);
    expect(claimRefusals({ ...base, court: smallClaimsCourtFor('US', 'CA'), currency: 'USD', amount: 6_250_01n, debtor: { kind: 'consumer', country: 'US', region: 'CA' } })).toEqual([expect.stringMatching(/above the small-claims limit of US\$6,250.00/)]);
  });

  it('for an individual in England: no Letter of Claim, or its 30 days not passed since service, is refused', () => {
    const individual = { kind: 'consumer' as const, country: 'GB', region: 'ENG' };
    expect(claimRefusals({ ...base, debtor: individual })).toEqual([expect.stringMatching(/no Letter of Claim has been sent/)]);
    // posted Friday 2026-10-16: served Tuesday 20th; 30 days run to 19 November; claim from the 20th
    expect(deemedServed('2026-10-16', 'GB', 'ENG')).toBe('2026-10-20');
    expect(claimRefusals({ ...base, debtor: individual, letterPostedOn: '2026-10-16', today: '2026-11-19' })).toEqual([expect.stringMatching(/run until 2026-11-19: a claim may be prepared from 2026-11-20/)]);
    expect(claimRefusals({ ...base, debtor: individual, letterPostedOn: '2026-10-16', today: '2026-11-20' })).toEqual([]);
  });

  it('refuses while an invoice has an open dispute, naming each', () => {
    const invoices = [{ number: 'I-1', dueDate: '2026-06-30', openDispute: { reasonCode: 'quality', openedOn: '2026-07-10' } }, { number: 'I-2', dueDate: '2026-07-31', openDispute: null }];
    expect(claimRefusals({ ...base, invoices, debtor: { kind: 'business', country: 'GB', region: 'ENG' } })).toEqual(['I-1 has an open dispute (quality, opened 2026-07-10): answer and resolve it before claiming']);
  });

  it('over a bank holiday, service moves on', () => {
    // posted Thursday 24 December 2026: 25th, 26th-27th weekend, 28th (Boxing Day substitute) are not business days
    expect(deemedServed('2026-12-24', 'GB', 'ENG')).toBe('2026-12-30');
  });

  it('a debtor with no court in the table is refused with what the table holds', () => {
    expect(claimRefusals({ ...base, court: null, debtor: { kind: 'business', country: 'US', region: 'TX' } })).toEqual([expect.stringMatching(/no small-claims court .* TX .*England and Wales, and California/)]);
  });
});
