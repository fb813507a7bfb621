// Placing accounts with a collection agency, in one transaction: the accounts' open invoices not
// under another arrangement are handed over, the file for the agency (placement-archive.ts) is
// built and kept byte for byte, each customer's case goes to status `agency` with what it had
// planned and not sent cancelled, and the placement goes on each timeline. From then on Arrears
// does not chase the placed invoices (chaseable.ts) until the placement is recalled.
import type { Temporal } from 'temporal-polyfill';
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { arrangedInvoicesSql } from '../../db/queries/chaseable.ts';
import type { Org, Role } from '../../db/schema.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { formatMoney, sumByCurrency } from '../../domain/money.ts';
import { commissionBasisPoints, commissionPercentText } from '../../domain/placements/commission.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { requiredText } from '../shared/required-text.ts';
import { placementArchive, sha256Hex, type ArchiveCustomer, type ArchiveInvoice } from './placement-archive.ts';

export interface CreatePlacementInput {
  agency: string;
  /** The commission as a percentage, e.g. "25" or "12.5". */
  commissionPercent: string;
  customerIds: readonly bigint[];
  role: Role;
  today: IsoDate;
  /** The instant it is done, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
  actor: string;
}

export interface CreatedPlacement {
  id: bigint;
  archive: Uint8Array;
  archiveSha256: string;
  accounts: number;
  invoices: number;
}

const maxAccounts = 500;

export async function createPlacement(db: Executor, org: Org, input: CreatePlacementInput): Promise<CreatedPlacement> {
  if (input.role !== 'owner') throw new AppError('forbidden', `placing accounts with an agency needs the owner role (this is the ${input.role} role); ask an owner`);
  const agency = requiredText(input.agency, 'the agency', 200, 'name the agency, e.g. --agency "Acme Recoveries"');
  const commission = commissionBasisPoints(input.commissionPercent);
  if (!commission.ok) throw new AppError('invalid_input', commission.message);
  const customerIds = [...new Set(input.customerIds)];
  if (customerIds.length === 0) throw new AppError('invalid_input', 'name at least one customer to place');
  if (customerIds.length > maxAccounts) throw new AppError('invalid_input', `one placement holds at most ${maxAccounts} accounts; got ${customerIds.length}`);

  return inTransaction(db, async (tx) => {
    // locked, so a plan, settlement or another placement cannot take the same invoices meanwhile
    const customers: ArchiveCustomer[] = await tx
      .selectFrom('customers')
      .select(['id', 'external_id', 'name', 'kind', 'cease_requested_on', 'attorney_represented', 'bankruptcy', 'breathing_space_until'])
      .where('org_id', '=', org.id)
      .where('id', 'in', customerIds)
      .orderBy('id')
      .forUpdate()
      .execute();
    const missing = customerIds.filter((id) => !customers.some((customer) => customer.id === id));
    if (missing.length > 0) throw new AppError('not_found', `there is no customer ${missing.join(', ')}`);

    const rows = await tx
      .selectFrom('invoices')
      .select(['id', 'customer_id', 'number', 'issue_date', 'due_date', 'currency', 'total', 'balance'])
      .where('org_id', '=', org.id)
      .where('customer_id', 'in', customerIds)
      .where('status', '=', 'open')
      .where('balance', '>', 0n)
      .where('issue_date', '<=', input.today)
      .where(sql<boolean>`id not in (${arrangedInvoicesSql(org.id)})`)
      .orderBy('customer_id')
      .orderBy('due_date')
      .orderBy('id')
      .execute();
    const nothing = customers.filter((customer) => !rows.some((row) => row.customer_id === customer.id));
    if (nothing.length > 0) {
      throw new AppError('conflict', `${nothing.map((c) => `${c.name} (${c.external_id})`).join(', ')} ${nothing.length === 1 ? 'has' : 'have'} no open invoice with a balance that is not under a payment plan, a settlement or another placement: nothing to place`);
    }
    const invoices: ArchiveInvoice[] = rows.map((row) => ({ id: row.id, customerId: row.customer_id, number: row.number, issueDate: row.issue_date, dueDate: row.due_date, currency: row.currency, total: row.total, balance: row.balance }));

    // the row first (empty archive), so the file can name the placement's id
    const placement = await tx
      .insertInto('placements')
      .values({ org_id: org.id, agency, commission_bp: commission.value, placed_on: input.today, placed_by: input.actor, archive: new Uint8Array(), archive_sha256: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    // built before the invoices are recorded as placed: the statement reads them as they stand
    const archive = await placementArchive(tx, org, { id: placement.id, agency, commissionBp: commission.value, placedOn: input.today }, customers, invoices);
    const archiveSha256 = sha256Hex(archive);
    await tx.updateTable('placements').set({ archive, archive_sha256: archiveSha256 }).where('org_id', '=', org.id).where('id', '=', placement.id).execute();
    await tx
      .insertInto('placement_invoices')
      .values(invoices.map((invoice) => ({ org_id: org.id, placement_id: placement.id, customer_id: invoice.customerId, invoice_id: invoice.id, balance: invoice.balance, currency: invoice.currency })))
      .execute();

    const reason = `placed with ${agency} (placement ${placement.id})`;
    await tx
      .updateTable('cases')
      .set({ status: 'agency', reason, updated_at: sql<string>`now()` })
      .where('org_id', '=', org.id)
      .where('customer_id', 'in', customerIds)
      .where('status', '<>', 'closed')
      .execute();
    await tx
      .updateTable('actions')
      .set({ status: 'cancelled', rule: 'placed-with-agency', reason: `Cancelled: the account was ${reason} on ${input.today}.`, updated_at: sql<string>`now()` })
      .where('org_id', '=', org.id)
      .where('customer_id', 'in', customerIds)
      .where('status', 'in', ['planned', 'ready', 'deferred'])
      .execute();

    for (const customer of customers) {
      const own = invoices.filter((invoice) => invoice.customerId === customer.id);
      const owed = [...sumByCurrency(own.map((invoice) => ({ amount: invoice.balance, currency: invoice.currency })))].map(([currency, amount]) => formatMoney(amount, currency)).join(' and ');
      await recordActivity(tx, org.id, {
        customerId: customer.id,
        kind: 'placement',
        actor: input.actor,
        summary: `Placed with ${agency} (placement ${placement.id}, commission ${commissionPercentText(commission.value)}%): ${own.map((i) => i.number).join(', ')}, ${owed}. Arrears does not chase these invoices until the placement is recalled.`,
        data: { placementId: placement.id.toString(), agency, commissionBp: commission.value, invoices: own.map((i) => ({ id: i.id.toString(), number: i.number, balance: i.balance.toString(), currency: i.currency })), archiveSha256 },
        at: input.now,
      });
    }
    return { id: placement.id, archive, archiveSha256, accounts: customers.length, invoices: invoices.length };
  });
}
