// What the dispatcher reads about a batch of claimed sends of one organisation, at the moment of
// sending: the customers with their contact flags, their contacts, the invoices the actions name
// (balances now, open disputes, holds), the playbooks (for the next step) and what already
// reached each debtor in its open case (so a message claims only contact that happened). A
// handful of set-based queries per batch, never one per action.
import type { SendChannel } from '../../domain/playbooks/playbook.ts';
import type { PlanNow } from '../../domain/arrangements/instalment-messages.ts';
import type { PlanStatus } from '../../domain/arrangements/plan-standing.ts';
import { sql } from 'kysely';
import { reachedDebtorStatuses } from '../../domain/actions/action-status.ts';
import { callOutcomes } from '../../domain/calls/call-outcomes.ts';
import type { ContactFacts } from '../../domain/messages/build-message-model.ts';
import { noHistory, type MessageHistory } from '../../domain/messages/message-model.ts';
import type { Executor } from '../executor.ts';
import { activeHoldSql, arrangedInvoicesSql, openDisputedSql } from './chaseable.ts';
import { debtorColumns, debtorLocalDate, type DebtorRow } from './debtor-contact.ts';

export interface FactsCustomer extends Omit<DebtorRow, 'city' | 'last_conversation_on'> {
  id: bigint;
  external_id: string;
  name: string;
  language: string | null;
  creditor_name: string | null;
  excluded_reason: string | null;
  erased_at: string | null;
  on_hold: boolean;
  /** A promise to pay of the customer is pending: chasing waits for its date (chaseable.ts). */
  promised: boolean;
}

/** A contact as the message model takes it (see buildMessageModel), with its customer. */
export type FactsContact = ContactFacts & { customer_id: bigint };

export interface FactsInvoice {
  id: bigint;
  customer_id: bigint;
  number: string;
  issue_date: string;
  due_date: string;
  currency: string;
  total: bigint;
  charged: bigint;
  allocated: bigint;
  balance: bigint;
  terms: string | null;
  status: string;
  /** The open disputed amount as chaseable.ts takes it: 0n when no dispute is open, null when one covers the whole invoice. */
  disputed: bigint | null;
  on_hold: boolean;
  /** Under a running payment plan, a settlement on offer or an agency placement (chaseable.ts). */
  arranged: boolean;
}

export interface MessageFacts {
  customers: Map<bigint, FactsCustomer>;
  contacts: Map<bigint, FactsContact[]>;
  invoices: Map<bigint, FactsInvoice>;
  /** "name@version" → the playbook's definition. */
  playbooks: Map<string, unknown>;
  /** Per customer: what reached them in their open case; customers without one are absent (see historyOf). */
  history: Map<bigint, MessageHistory>;
  /** The payment plans the actions' instalment messages are about, as they stand now. */
  plans: Map<bigint, PlanNow>;
}

/** What reached the customer before this message, in its open case; nothing when it has none. */
export function historyOf(facts: Pick<MessageFacts, 'history'>, customerId: bigint): MessageHistory {
  return facts.history.get(customerId) ?? noHistory;
}

/** Written messages that reached the debtor: sent (email, SMS) or posted (letter); a call being `done` is not a message. */
const messageReached = reachedDebtorStatuses.filter((status) => status !== 'done');
/** Call outcomes where the person was spoken with (not no answer, a voicemail or a wrong number). */
const conversationOutcomes = Object.entries(callOutcomes)
  .filter(([, meta]) => meta.conversation)
  .map(([code]) => code);

export async function readMessageFacts(
  db: Executor,
  orgId: bigint,
  orgTimeZone: string,
  customerIds: readonly bigint[],
  invoiceIds: readonly bigint[],
  playbooks: ReadonlyArray<{ name: string; version: number }>,
  date: string,
  planIds: readonly bigint[] = [],
): Promise<MessageFacts> {
  const [customers, contacts, invoices, definitions, history, plans] = await Promise.all([
    sql<FactsCustomer>`
      select c.id, c.external_id, c.name, c.language, c.creditor_name, c.excluded_reason, c.erased_at, ${debtorColumns},
             coalesce(c.time_zone, ${orgTimeZone}) as time_zone,
             exists (select 1 from holds h where h.org_id = c.org_id and h.customer_id = c.id and h.invoice_id is null and ${activeHoldSql('h', date)}) as on_hold,
             exists (select 1 from promises p where p.org_id = c.org_id and p.customer_id = c.id and p.status = 'pending') as promised
        from customers c
       where c.org_id = ${orgId} and c.id = any(${customerIds}::bigint[])`.execute(db),
    sql<FactsContact>`
      select customer_id, name, role, email, phone, array[address_line1, address_line2, address_line3] as "addressLines", city, region,
             postal_code as "postalCode", country, opt_out_email as "optOutEmail", opt_out_sms as "optOutSms", opt_out_letter as "optOutLetter",
             opt_out_phone as "optOutPhone", email_bounced_at is not null as "emailBounced"
        from contacts
       where org_id = ${orgId} and customer_id = any(${customerIds}::bigint[])
       order by customer_id, case role when 'billing' then 0 when 'primary' then 1 else 2 end, id`.execute(db),
    sql<FactsInvoice>`
      select i.id, i.customer_id, i.number, i.issue_date, i.due_date, i.currency, i.total, i.charged, i.allocated, i.balance, i.terms, i.status,
             (select case when count(*) = 0 then 0 else ${openDisputedSql} end from disputes
               where org_id = i.org_id and invoice_id = i.id and status = 'open')::bigint as disputed,
             exists (select 1 from holds h where h.org_id = i.org_id and h.invoice_id = i.id and ${activeHoldSql('h', date)}) as on_hold,
             i.id in (${arrangedInvoicesSql(orgId)}) as arranged
        from invoices i
       where i.org_id = ${orgId} and i.id = any(${invoiceIds}::bigint[])`.execute(db),
    playbooks.length === 0
      ? Promise.resolve({ rows: [] as { name: string; version: number; definition: unknown }[] })
      : sql<{ name: string; version: number; definition: unknown }>`
          select name, version, definition from playbooks
           where org_id = ${orgId} and (name, version) in (select * from unnest(${playbooks.map((p) => p.name)}::text[], ${playbooks.map((p) => p.version)}::integer[]))`.execute(db),
    // The day a message went out is its sent_on (the debtor's local date, set when it leaves);
    // rows from before that column fall back to when the send finished, on the debtor's day.
    sql<{ customer_id: bigint; messages_sent: number; last_on: string | null; last_channel: SendChannel | null; spoken_with: boolean }>`
      select k.customer_id,
             count(*) filter (where m.message)::integer as messages_sent,
             max(m.day) filter (where m.message) as last_on,
             (array_agg(m.channel order by m.day desc, m.id desc) filter (where m.message))[1] as last_channel,
             coalesce(bool_or(m.channel = 'call' and m.status = 'done' and m.outcome = any(${conversationOutcomes}::text[])), false) as spoken_with
        from cases k
        join customers c on c.org_id = k.org_id and c.id = k.customer_id
        join lateral (
          select a.id, a.channel, a.status, a.data->>'outcome' as outcome,
                 a.kind = 'send' and a.channel in ('email', 'letter', 'sms') and a.status = any(${messageReached}::text[]) as message,
                 coalesce(a.sent_on, ${debtorLocalDate(sql.ref('a.finished_at'), orgTimeZone)}, ${debtorLocalDate(sql.ref('a.due_at'), orgTimeZone)}) as day
            from actions a
           where a.org_id = k.org_id and a.case_id = k.id
        ) m on true
       where k.org_id = ${orgId} and k.status <> 'closed' and k.customer_id = any(${customerIds}::bigint[])
       group by k.customer_id`.execute(db),
    planIds.length === 0
      ? Promise.resolve({ rows: [] as PlanRow[] })
      : sql<PlanRow>`
          select p.id, p.status, p.missed_seq, p.currency, p.total,
                 json_agg(json_build_object('seq', i.seq, 'due_on', i.due_on, 'amount', i.amount::text, 'paid', i.paid::text) order by i.seq) as instalments
            from payment_plans p join payment_plan_instalments i on i.org_id = p.org_id and i.plan_id = p.id
           where p.org_id = ${orgId} and p.id = any(${planIds}::bigint[])
           group by p.org_id, p.id`.execute(db),
  ]);
  const contactsByCustomer = new Map<bigint, FactsContact[]>();
  for (const contact of contacts.rows) {
    const list = contactsByCustomer.get(contact.customer_id);
    if (list) list.push(contact);
    else contactsByCustomer.set(contact.customer_id, [contact]);
  }
  return {
    customers: new Map(customers.rows.map((row) => [row.id, row])),
    contacts: contactsByCustomer,
    invoices: new Map(invoices.rows.map((row) => [row.id, row])),
    playbooks: new Map(definitions.rows.map((row) => [`${row.name}@${row.version}`, row.definition])),
    history: new Map(
      history.rows.map((row) => [
        row.customer_id,
        {
          messagesSent: row.messages_sent,
          lastMessage: row.last_on !== null && row.last_channel !== null ? { on: row.last_on, channel: row.last_channel } : null,
          spokenWith: row.spoken_with,
        },
      ]),
    ),
    plans: new Map(
      plans.rows.map((row) => [
        row.id,
        { id: row.id, status: row.status, missedSeq: row.missed_seq, currency: row.currency, total: row.total, instalments: row.instalments.map((i) => ({ seq: i.seq, dueOn: i.due_on, amount: BigInt(i.amount), paid: BigInt(i.paid) })) },
      ]),
    ),
  };
}

interface PlanRow {
  id: bigint;
  status: PlanStatus;
  missed_seq: number | null;
  currency: string;
  total: bigint;
  instalments: Array<{ seq: number; due_on: string; amount: string; paid: string }>;
}
