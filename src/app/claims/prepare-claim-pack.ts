// `arrears claim-pack <customer>` and POST /api/v1/customers/{id}/claim-pack: the small-claims pack
// for a customer's overdue invoices, or every reason it may not be made (claim-readiness.ts), as
// one claim_refused error whose details hold the reasons. The claim is the principal still owed, the
// interest, fees and compensation already charged, and those the organisation's charge policy
// would add to the day (the charges code's own preview); the court's limit and fee come from the
// dated table. Nothing is written: the pack is made afresh each time.
import { orgPaperSize } from '../../channels/letters/org-paper.ts';
import { renderClaimPack } from '../../channels/letters/claim-pack.ts';
import { UnprintableText } from '../../channels/letters/pdf-document.ts';
import type { Executor } from '../../db/executor.ts';
import type { Org } from '../../db/schema.ts';
import { addDays, dateInZone, type IsoDate } from '../../domain/calendar.ts';
import { claimRefusals, deemedServed, letterOfClaimResponseDays, needsLetterOfClaimWait } from '../../domain/claims/claim-readiness.ts';
import { smallClaimsCourtFor, smallClaimsFee } from '../../domain/claims/small-claims-courts.ts';
import { regionCode } from '../../domain/compliance/jurisdiction.ts';
import { limitationPeriodFor, timeBarredFrom } from '../../domain/compliance/limitation.ts';
import { AppError } from '../../errors.ts';
import { Temporal } from 'temporal-polyfill';
import { previewCharges } from '../charges/preview-charges.ts';
import { findCustomer } from '../../db/queries/customers.ts';
import { customerByExternalId } from '../shared/customer-by-external-id.ts';
import { statementModel } from '../shared/statement-model.ts';

/** The letter before action Arrears sends (templates/catalog.ts). */
const letterBeforeClaim = 'letter-before-claim';
const timelineEntries = 40;

export interface ClaimPack {
  pdf: Uint8Array;
  court: string;
  currency: string;
  total: bigint;
  fee: bigint;
}

/** The customer by the external id (CLI) or by Arrears' own id (API). */
export type ClaimCustomer = { externalId: string } | { id: bigint };

/** What a claim_refused error carries in its details (the API answers it as `details`). */
interface ClaimRefusalDetails {
  reasons: string[];
}

function refused(externalId: string, reasons: string[]): AppError {
  return new AppError('claim_refused', `no claim pack for ${externalId}: ${reasons.join('; ')}`, { reasons } satisfies ClaimRefusalDetails);
}

export async function prepareClaimPack(db: Executor, org: Org, who: ClaimCustomer, today: IsoDate): Promise<ClaimPack> {
  const customer = 'id' in who ? await findCustomer(db, org.id, who.id) : await customerByExternalId(db, org.id, who.externalId);
  if (!customer) throw new AppError('not_found', `there is no customer ${'id' in who ? who.id : who.externalId}`);
  const externalId = customer.external_id;
  const region = regionCode(customer.country, customer.region);
  const court = smallClaimsCourtFor(customer.country, region);
  const invoices = await db
    .selectFrom('invoices')
    .select(['id', 'number', 'due_date', 'currency', 'balance', 'charged'])
    .where('org_id', '=', org.id)
    .where('customer_id', '=', customer.id)
    .where('status', '=', 'open')
    .where('balance', '>', 0n)
    .where('due_date', '<', today)
    .orderBy('due_date')
    .orderBy('id')
    .execute();
  const currencies = [...new Set(invoices.map((invoice) => invoice.currency))];
  if (currencies.length > 1) throw refused(externalId, [`the overdue invoices are in ${currencies.join(' and ')}: a small claim is for one currency`]);
  const currency = currencies[0] ?? court?.currency ?? customer.currency;

  // what is owed now: charges already applied are part of the balance; the principal is the rest
  const applied = invoices.reduce((sum, invoice) => sum + (invoice.charged > 0n ? (invoice.charged < invoice.balance ? invoice.charged : invoice.balance) : 0n), 0n);
  const balance = invoices.reduce((sum, invoice) => sum + invoice.balance, 0n);
  const pending = await previewCharges(db, org.id, externalId, today);
  const pendingOf = (kinds: readonly string[]) => pending.charges.filter((c) => kinds.includes(c.kind) && c.currency === currency).reduce((sum, c) => sum + c.amount, 0n);
  const lines = [
    { label: 'Principal still owed', amount: balance - applied },
    ...(applied > 0n ? [{ label: 'Interest, fees and compensation already charged', amount: applied }] : []),
    ...(pendingOf(['interest']) > 0n ? [{ label: `Interest to ${today} (${pending.policy?.label ?? 'charge policy'})`, amount: pendingOf(['interest']) }] : []),
    ...(pendingOf(['compensation']) > 0n ? [{ label: 'Fixed compensation for late payment', amount: pendingOf(['compensation']) }] : []),
    ...(pendingOf(['fee']) > 0n ? [{ label: 'Late-payment fees under the contract', amount: pendingOf(['fee']) }] : []),
  ];
  const total = lines.reduce((sum, line) => sum + line.amount, 0n);

  const letter = await db
    .selectFrom('communications')
    .select(['sent_at', 'template_name'])
    .where('org_id', '=', org.id)
    .where('customer_id', '=', customer.id)
    .where('direction', '=', 'outbound')
    .where('channel', '=', 'letter')
    .where('template_name', '=', letterBeforeClaim)
    .orderBy('sent_at', 'desc')
    .executeTakeFirst();
  const postedOn = letter ? dateInZone(Temporal.Instant.from(letter.sent_at), org.time_zone) : null;
  const debtor = { kind: customer.kind, country: customer.country, region };
  const disputes = invoices.length === 0 ? [] : await db
    .selectFrom('disputes')
    .select(['invoice_id', 'reason_code', 'opened_on'])
    .where('org_id', '=', org.id)
    .where('status', '=', 'open')
    .where('invoice_id', 'in', invoices.map((invoice) => invoice.id))
    .execute();
  const disputeOf = new Map(disputes.map((d) => [d.invoice_id, { reasonCode: d.reason_code, openedOn: d.opened_on }]));
  const refusals = claimRefusals({ debtor, court, invoices: invoices.map((i) => ({ number: i.number, dueDate: i.due_date, openDispute: disputeOf.get(i.id) ?? null })), amount: total, currency, letterPostedOn: postedOn, today });
  if (refusals.length > 0 || court === null) throw refused(externalId, refusals);
  const fee = smallClaimsFee(court, total)!;

  const served = postedOn ? deemedServed(postedOn, customer.country ?? court.country, region) : null;
  const period = limitationPeriodFor({ kind: customer.kind, country: customer.country, region: region ?? court.regions[0]! });
  const activities = await db
    .selectFrom('activities')
    .select(['occurred_at', 'summary'])
    .where('org_id', '=', org.id)
    .where('customer_id', '=', customer.id)
    .orderBy('id', 'desc')
    .limit(timelineEntries)
    .execute();
  const model = await statementModel(db, org, customer.id, invoices.map((invoice) => invoice.id), today);
  try {
    const pdf = await renderClaimPack({
      model,
      paperSize: orgPaperSize(org),
      court: { name: court.name, limit: court.limit, limitNote: court.limitNote, fee, feeNote: court.feeNote, source: court.source, asOf: court.asOf, currency: court.currency },
      lines,
      total,
      currency,
      dates: [
        { label: 'Oldest invoice due', date: invoices[0]!.due_date },
        { label: 'Latest invoice due', date: invoices.at(-1)!.due_date },
        { label: 'Interest and charges calculated to', date: today },
      ],
      letterBeforeAction: postedOn && served ? { postedOn, servedOn: served, replyBy: needsLetterOfClaimWait(debtor, court) ? addDays(served, letterOfClaimResponseDays) : null, template: 'Letter before claim' } : null,
      limitation: period ? { years: period.years, citation: period.citation, earliestBarred: timeBarredFrom(invoices[0]!.due_date, period.years) } : null,
      timeline: activities.reverse().map((entry) => ({ on: dateInZone(Temporal.Instant.from(entry.occurred_at), org.time_zone), summary: entry.summary })),
    });
    return { pdf, court: court.name, currency, total, fee };
  } catch (error) {
    if (error instanceof UnprintableText) throw new AppError('invalid_input', `the claim pack ${error.message.replace(/^the letter /, '')}`);
    throw error;
  }
}
