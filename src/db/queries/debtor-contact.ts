// What the contact rules need about debtors — their facts and flags, and the messages booked for
// them — as SQL pieces the cycle's snapshot shares, and as one read for a single debtor (a person
// asking "may I call them now?").
import { sql } from 'kysely';
import { addDays, type IsoDate } from '../../domain/calendar.ts';
import type { Debtor } from '../../domain/compliance/contact-rules.ts';
import { regionCode } from '../../domain/compliance/jurisdiction.ts';
import type { Bookings } from '../../domain/compliance/contact-attempt.ts';
import type { Channel } from '../../domain/playbooks/playbook.ts';
import type { Executor } from '../executor.ts';

/** Which customers a read is for: one debtor, a list (the cycle's customers to plan), or (undefined) the whole organisation. */
export type CustomerScope = bigint | readonly bigint[] | undefined;

/**
 * `and <column> = id` (or `= any(ids)`) for a read of some customers; nothing for the whole
 * organisation. A read joining `customers c` restricts `c.id` too: PostgreSQL carries an equality
 * with a constant across a join, but not `= any(list)`, and would hash every customer of the
 * organisation for the few hundred planned on a steady day.
 */
export function onlyCustomers(column: ReturnType<typeof sql.ref>, customers: CustomerScope) {
  if (customers === undefined) return sql``;
  return typeof customers === 'bigint' ? sql`and ${column} = ${customers}` : sql`and ${column} = any(${customers}::bigint[])`;
}

/**
 * `<table> a` scoped to the read's customers, for the tables that grow with every day's history
 * (actions, activities): for a list, read customer by customer through the table's index on
 * (org_id, customer_id). Given the list as a filter instead, the planner prices a few thousand
 * index probes above one sequential read of the whole table, a read that grows every day while
 * the probes do not. `since` also bounds the rows by the given column (the second key of the index
 * on activities). One debtor, or the whole organisation: the table itself, filtered as usual.
 */
export function customerHistory(table: 'actions' | 'activities', orgId: bigint, customers: CustomerScope, since?: { column: string; from: IsoDate }) {
  const bound = since ? sql`and ${sql.ref(`t.${since.column}`)} >= ${since.from}::date` : sql``;
  if (!Array.isArray(customers)) {
    return sql`(select * from ${sql.table(table)} t where t.org_id = ${orgId} ${onlyCustomers(sql.ref('t.customer_id'), customers as bigint | undefined)} ${bound}) a`;
  }
  // OFFSET 0 keeps the subquery from being pulled up into a join, which the planner would hash
  return sql`(select r.* from unnest(${customers}::bigint[]) as p(customer_id)
               cross join lateral (select * from ${sql.table(table)} t where t.org_id = ${orgId} and t.customer_id = p.customer_id ${bound} offset 0) r) a`;
}

/** The longest window of a frequency cap (src/domain/compliance/contact-rules.ts). */
const longestCapDays = 7;
/** How far back a telephone conversation is looked for (Regulation F pauses calls 7 days after one). */
const conversationDays = 14;

/**
 * The messages and call attempts booked per customer, by the debtor's local day, one element
 * each: the last week (for frequency caps) and whatever is planned ahead. Planned on days before
 * `date` only: what the cycle plans for `date` itself is being decided.
 */
export function bookingsSql(orgId: bigint, date: IsoDate, orgTimeZone: string, customers?: CustomerScope) {
  const bookedFrom = addDays(date, -longestCapDays);
  // a day earlier bounds the timestamps in any zone
  const bookedSince = addDays(bookedFrom, -1);
  return sql<{ customer_id: bigint; dates: string[]; channels: Channel[] }>`
    select a.customer_id, array_agg(${debtorLocalDate(sql.ref('a.due_at'), orgTimeZone)} order by a.due_at) as dates,
           array_agg(a.channel order by a.due_at) as channels
      from ${customerHistory('actions', orgId, customers)} join customers c on c.org_id = a.org_id and c.id = a.customer_id
     where a.org_id = ${orgId} and a.cycle_date < ${date}::date and a.due_at >= ${bookedSince}::date
       and a.status not in ('cancelled', 'blocked') and (a.kind = 'send' or a.channel = 'call')
       and ${debtorLocalDate(sql.ref('a.due_at'), orgTimeZone)} >= ${bookedFrom}::date
       ${onlyCustomers(sql.ref('c.id'), customers)}
     group by a.customer_id`;
}

/**
 * The debtor's local day of a moment: the day the contact rules count in (a call at 19:00 in
 * Los Angeles is that day's, not the next UTC day's). Reads the zone of `customers c`.
 */
export function debtorLocalDate(moment: ReturnType<typeof sql.ref>, orgTimeZone: string) {
  return sql`(${moment} at time zone coalesce(c.time_zone, ${orgTimeZone}))::date`;
}

/** The last telephone conversation per customer (a call outcome recorded as a conversation), on the debtor's local day. */
export function conversationsSql(orgId: bigint, date: IsoDate, orgTimeZone: string, customers?: CustomerScope) {
  return sql<{ customer_id: bigint; last_on: string }>`
    select a.customer_id, max(${debtorLocalDate(sql.ref('a.occurred_at'), orgTimeZone)}) as last_on
      -- a day earlier bounds the timestamps in any zone
      from ${customerHistory('activities', orgId, customers, { column: 'occurred_at', from: addDays(date, -conversationDays - 1) })}
      join customers c on c.org_id = a.org_id and c.id = a.customer_id
     where a.org_id = ${orgId} and a.kind = 'call_outcome' and (a.data->>'conversation')::boolean
       ${onlyCustomers(sql.ref('c.id'), customers)}
     group by a.customer_id`;
}

/** The customer columns `toDebtor` reads (select them from `customers c` with these names). */
export const debtorColumns = sql`c.kind, c.country, c.region, c.time_zone is not null as time_zone_known, c.cease_requested_on,
  c.attorney_represented, c.bankruptcy, c.breathing_space_until, c.inconvenient_times`;

export interface DebtorRow {
  kind: 'business' | 'consumer';
  country: string | null;
  region: string | null;
  city: string | null;
  /** The customer's zone, or the organisation's when it has none. */
  time_zone: string;
  time_zone_known: boolean;
  cease_requested_on: string | null;
  attorney_represented: boolean;
  bankruptcy: boolean;
  breathing_space_until: string | null;
  inconvenient_times: Array<{ from: string; to: string }>;
  last_conversation_on: string | null;
}

export function toDebtor(row: DebtorRow): Debtor {
  return {
    kind: row.kind,
    country: row.country,
    region: regionCode(row.country, row.region),
    city: row.city,
    timeZone: row.time_zone,
    timeZoneKnown: row.time_zone_known,
    ceaseRequestedOn: row.cease_requested_on,
    attorneyRepresented: row.attorney_represented,
    bankruptcy: row.bankruptcy,
    breathingSpaceUntil: row.breathing_space_until,
    inconvenientTimes: row.inconvenient_times,
    lastConversationOn: row.last_conversation_on,
  };
}

export function toBookings(dates: readonly IsoDate[] | null, channels: readonly Channel[] | null): Bookings {
  const bookings = new Map<IsoDate, Channel[]>();
  dates?.forEach((day, index) => {
    const channel = channels![index]!;
    const booked = bookings.get(day);
    if (booked) booked.push(channel);
    else bookings.set(day, [channel]);
  });
  return bookings;
}

export interface DebtorContact {
  debtor: Debtor;
  bookings: Bookings;
  /** Channels with a usable address (on file, not opted out, not bounced). */
  reach: Record<Exclude<Channel, 'review'>, boolean>;
}

/** One debtor's facts, flags, reach and bookings as of `date`; undefined when there is no such customer. */
export async function debtorContact(db: Executor, orgId: bigint, customerId: bigint, date: IsoDate, orgTimeZone: string): Promise<DebtorContact | undefined> {
  const { rows } = await sql<DebtorRow & { dates: string[] | null; channels: Channel[] | null; email: boolean | null; letter: boolean | null; sms: boolean | null; call: boolean | null }>`
    with booked as (${bookingsSql(orgId, date, orgTimeZone, customerId)}),
         conversations as (${conversationsSql(orgId, date, orgTimeZone, customerId)}),
         reach as (${reachSql(orgId, customerId)})
    select ${debtorColumns}, coalesce(c.time_zone, ${orgTimeZone}) as time_zone, r.city, cv.last_on as last_conversation_on,
           bk.dates, bk.channels, r.email, r.letter, r.sms, r.call
      from customers c
      left join booked bk on bk.customer_id = c.id
      left join conversations cv on cv.customer_id = c.id
      left join reach r on r.customer_id = c.id
     where c.org_id = ${orgId} and c.id = ${customerId}`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  return {
    debtor: toDebtor(row),
    bookings: toBookings(row.dates, row.channels),
    reach: { email: row.email ?? false, letter: row.letter ?? false, sms: row.sms ?? false, call: row.call ?? false },
  };
}

/** Per customer: which channels have a usable address, and a city (for city-level rules). */
export function reachSql(orgId: bigint, customers?: CustomerScope) {
  return sql`
    select customer_id,
           bool_or(email is not null and not opt_out_email and email_bounced_at is null) as email,
           bool_or(address_line1 is not null and not opt_out_letter) as letter,
           bool_or(phone is not null and not opt_out_sms) as sms,
           bool_or(phone is not null and not opt_out_phone) as call,
           min(city) as city
      from contacts where org_id = ${orgId} ${onlyCustomers(sql.ref('customer_id'), customers)}
     group by customer_id`;
}
