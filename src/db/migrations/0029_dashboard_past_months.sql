-- Today's completed months kept apart from today's figures (src/app/reports/compute-dashboard.ts,
-- docs/kpis.md "What a write recomputes"). A change row now says how far back the writing
-- transaction reached: `since`, the earliest business date of the rows it wrote that the KPIs read
-- (an allocation's or a charge's date, a write-off's invoice's issue date, an invoice's issue date
-- when a column the KPIs read changed). Null: nothing the KPIs read (a dispute, a hold, a promise,
-- an invoice's running balance or paid status), so only today's aging totals and the current month
-- are stale. The completed months are recomputed only when a change's `since` is on or before
-- their end.
alter table ledger_changes add column since date default '-infinity';
-- rows noted before this migration say nothing of their dates: they reach back to the beginning
alter table ledger_changes alter column since drop default;

-- the completed months (their trend, their closing receivables, their credit sales for the
-- current month's countback), as of the end of past_through, computed at past_computed_at and
-- valid in the row's snapshot like the figures
alter table dashboard_figures
  add column past text,
  add column past_through date,
  add column past_computed_at timestamptz;

-- Untouched tables' rows (disputes, holds, promises, arrangements, placements): since null.
-- A table dated by a column: TG_ARGV[0] names it; an update counts the old and the new dates.
create or replace function note_ledger_change() returns trigger language plpgsql as $$
begin
  if TG_NARGS = 0 then
    insert into ledger_changes (org_id, xid, since)
    select distinct org_id, pg_current_xact_id(), null::date from changed_rows
    on conflict do nothing;
  else
    execute format(
      'insert into ledger_changes as c (org_id, xid, since)
       select org_id, pg_current_xact_id(), min(dated) from (select org_id, %1$I as dated from changed_rows %2$s) touched group by org_id
       on conflict (org_id, xid) do update set since = least(c.since, excluded.since)',
      TG_ARGV[0], case when TG_OP = 'UPDATE' then format('union all select org_id, %I from old_rows', TG_ARGV[0]) else '' end);
  end if;
  return null;
end $$;

-- a TRUNCATE names no organisation: every stored figure, past months included, is stale
create or replace function note_ledger_truncate() returns trigger language plpgsql as $$
begin
  insert into ledger_changes as c (org_id, xid, since)
  select org_id, pg_current_xact_id(), '-infinity'::date from dashboard_figures
  on conflict (org_id, xid) do update set since = '-infinity';
  return null;
end $$;

-- Invoices: every amount of an invoice is placed on or after its issue date, so an inserted or
-- deleted invoice reaches back to it; an update only when it changes what the KPIs read (dates,
-- currency, total, opening paid amount, whether it is void or written off), not when a payment
-- moves its running balance or marks it paid.
create function note_ledger_change_invoices() returns trigger language plpgsql as $$
begin
  if TG_OP = 'UPDATE' then
    insert into ledger_changes as c (org_id, xid, since)
    select n.org_id, pg_current_xact_id(),
           min(least(o.issue_date, n.issue_date)) filter (where
             (o.issue_date, o.due_date, o.currency, o.total, o.opening_paid, o.opening_paid_on, o.status in ('void', 'written_off'), o.status = 'void')
             is distinct from
             (n.issue_date, n.due_date, n.currency, n.total, n.opening_paid, n.opening_paid_on, n.status in ('void', 'written_off'), n.status = 'void'))
      from changed_rows n join old_rows o on o.org_id = n.org_id and o.id = n.id
     group by n.org_id
    on conflict (org_id, xid) do update set since = least(c.since, excluded.since);
  else
    insert into ledger_changes as c (org_id, xid, since)
    select org_id, pg_current_xact_id(), min(issue_date) from changed_rows group by org_id
    on conflict (org_id, xid) do update set since = least(c.since, excluded.since);
  end if;
  return null;
end $$;

-- Write-offs: whether an invoice written off counts at all depends on its standing write-off
-- (docs/kpis.md), so a write-off reaches back to its invoice's issue date.
create function note_ledger_change_write_offs() returns trigger language plpgsql as $$
begin
  execute format(
    'insert into ledger_changes as c (org_id, xid, since)
     select w.org_id, pg_current_xact_id(), min(least(w.written_off_on, i.issue_date))
       from (select org_id, invoice_id, written_off_on from changed_rows %s) w
       left join invoices i on i.org_id = w.org_id and i.id = w.invoice_id
      group by w.org_id
     on conflict (org_id, xid) do update set since = least(c.since, excluded.since)',
    case when TG_OP = 'UPDATE' then 'union all select org_id, invoice_id, written_off_on from old_rows' else '' end);
  return null;
end $$;

do $$
declare
  ledger_table text;
  noted text;
begin
  foreach ledger_table in array array['invoices', 'allocations', 'charges', 'write_offs'] loop
    noted := case ledger_table
      when 'invoices' then 'note_ledger_change_invoices()'
      when 'write_offs' then 'note_ledger_change_write_offs()'
      when 'allocations' then 'note_ledger_change(''allocated_on'')'
      else 'note_ledger_change(''charged_on'')' end;
    execute format('drop trigger %I on %I', ledger_table || '_changed_ins', ledger_table);
    execute format('drop trigger %I on %I', ledger_table || '_changed_upd', ledger_table);
    execute format('drop trigger %I on %I', ledger_table || '_changed_del', ledger_table);
    execute format('create trigger %I after insert on %I referencing new table as changed_rows for each statement execute function %s', ledger_table || '_changed_ins', ledger_table, noted);
    execute format('create trigger %I after update on %I referencing old table as old_rows new table as changed_rows for each statement execute function %s', ledger_table || '_changed_upd', ledger_table, noted);
    execute format('create trigger %I after delete on %I referencing old table as changed_rows for each statement execute function %s', ledger_table || '_changed_del', ledger_table, noted);
  end loop;
end $$;

-- The current month is the stored month before it plus what moved since (receivablesSince,
-- src/db/queries/receivables.ts): these find the moves of the current month without reading
-- every invoice, charge and allocation. The invoices' two carry what the KPIs read of an invoice,
-- so that the invoices issued this month or not yet due are read from the index alone: an
-- import's invoices lie in the table by customer, not by date, and a tenth of them by date is
-- most of the table's pages.
create index invoices_issued on invoices (org_id, issue_date) include (id, currency, total, status, due_date, opening_paid, opening_paid_on);
create index invoices_due on invoices (org_id, due_date) include (id, currency, total, status, issue_date, opening_paid, opening_paid_on);
create index invoices_opening_paid_on on invoices (org_id, opening_paid_on) where opening_paid_on is not null;
create index allocations_dated on allocations (org_id, allocated_on);
create index charges_dated on charges (org_id, charged_on);
