-- The Today screen's ledger figures (aging totals per currency and twelve months of DSO and CEI,
-- src/app/reports/compute-dashboard.ts) read every invoice of the organisation: seconds at a
-- million invoices, on every load. They are kept here once computed, with the snapshot they were
-- computed in, and used only while no transaction that committed after that snapshot has written
-- a row they are computed from.
--
-- ledger_changes: one row per writing transaction and organisation, made by the statement-level
-- triggers below on every table the figures read (test/reports/dashboard-figures.test.ts checks
-- that list against the tables in the figures' query plans). Inserts only: writers never wait
-- for each other or for a reader here. A stored figure is stale when a change row's transaction
-- is not visible in the figure's snapshot (pg_visible_in_snapshot).
create table ledger_changes (
  org_id bigint not null references orgs (id) on delete cascade,
  xid xid8 not null,
  primary key (org_id, xid)
);

-- One row per organisation: the figures of the last day asked for. Replaced only by figures
-- computed in a snapshot whose xmin is not older (so change rows below the stored xmin, which every
-- later stored snapshot sees as committed, can be deleted: src/db/queries/dashboard-figures.ts).
create table dashboard_figures (
  org_id bigint primary key references orgs (id) on delete cascade,
  as_of date not null,
  seen pg_snapshot not null,
  figures text not null
);

create function note_ledger_change() returns trigger language plpgsql as $$
begin
  insert into ledger_changes (org_id, xid)
  select distinct org_id, pg_current_xact_id() from changed_rows
  on conflict do nothing;
  return null;
end $$;

-- a TRUNCATE names no organisation: every stored figure is stale
create function note_ledger_truncate() returns trigger language plpgsql as $$
begin
  insert into ledger_changes (org_id, xid)
  select org_id, pg_current_xact_id() from dashboard_figures
  on conflict do nothing;
  return null;
end $$;

do $$
declare
  ledger_table text;
begin
  foreach ledger_table in array array[
    'invoices', 'allocations', 'charges', 'write_offs', 'disputes', 'holds', 'promises',
    'payment_plans', 'payment_plan_invoices', 'settlements', 'settlement_invoices',
    'placements', 'placement_invoices'
  ] loop
    execute format('create trigger %I after insert on %I referencing new table as changed_rows for each statement execute function note_ledger_change()', ledger_table || '_changed_ins', ledger_table);
    execute format('create trigger %I after update on %I referencing new table as changed_rows for each statement execute function note_ledger_change()', ledger_table || '_changed_upd', ledger_table);
    execute format('create trigger %I after delete on %I referencing old table as changed_rows for each statement execute function note_ledger_change()', ledger_table || '_changed_del', ledger_table);
    execute format('create trigger %I after truncate on %I for each statement execute function note_ledger_truncate()', ledger_table || '_changed_trunc', ledger_table);
  end loop;
end $$;
