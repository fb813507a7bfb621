-- The worklist's order (src/app/tasks/worklist-entries.ts) weighs every action by its stake: the
-- open balance of its invoices, weighted per currency, and the earliest due date among them.
-- Computed live that is a read of every invoice of every action on every load (870,000 invoice
-- reads, 6 s, at a million invoices). It is kept here instead, and recomputed only for the actions
-- of customers whose invoices a transaction wrote since (src/db/queries/worklist-stakes.ts).

-- One row per action on the worklist (a task, a send that needs a person, a blocked send of today):
-- weight is Σ balance × stakeScale(currency) over its open invoices with a balance, oldest their
-- earliest due date (null: nothing at stake). Rows of actions gone from the worklist are deleted
-- at the next refresh, so the table stays the size of the worklist.
create table worklist_stakes (
  org_id bigint not null references orgs (id) on delete cascade,
  action_id bigint not null,
  weight numeric not null,
  oldest date,
  primary key (org_id, action_id)
);

-- One row per organisation: the snapshot its stakes were last brought up to date in, and the
-- per-currency scales they were weighed with (a change of domain/worklist-order.ts's stakeScale
-- makes every stored weight stale).
create table worklist_stakes_seen (
  org_id bigint primary key references orgs (id) on delete cascade,
  seen pg_snapshot not null,
  scales text not null
);

-- Which customers' invoices a transaction wrote: one row per writing transaction and customer,
-- made by the statement-level triggers below. A stake reads only invoices (balance is a generated
-- column of the invoice's total, charged and allocated, so payments, credit notes, charges,
-- write-offs, imports and erasures all end as writes to invoices rows). A row whose transaction
-- the stored snapshot does not see names a customer whose actions' stakes are recomputed; a null
-- customer (a TRUNCATE) every action's. Inserts only: writers never wait for each other or for a
-- refresh here.
create table stake_changes (
  org_id bigint not null references orgs (id) on delete cascade,
  xid xid8 not null,
  customer_id bigint
);
create index stake_changes_org_xid on stake_changes (org_id, xid);

-- An update notes the old customer as well as the new: an invoice moved to another customer
-- leaves the old customer's actions' stakes stale.
create function note_stake_change() returns trigger language plpgsql as $$
begin
  if TG_OP = 'UPDATE' then
    insert into stake_changes (org_id, xid, customer_id)
    select distinct org_id, pg_current_xact_id(), customer_id
      from (select org_id, customer_id from new_rows union select org_id, customer_id from old_rows) changed_rows;
  elsif TG_OP = 'INSERT' then
    insert into stake_changes (org_id, xid, customer_id)
    select distinct org_id, pg_current_xact_id(), customer_id from new_rows;
  else
    insert into stake_changes (org_id, xid, customer_id)
    select distinct org_id, pg_current_xact_id(), customer_id from old_rows;
  end if;
  return null;
end $$;

-- a TRUNCATE names no customer: every stored stake of every organisation is stale
create function note_stake_truncate() returns trigger language plpgsql as $$
begin
  insert into stake_changes (org_id, xid, customer_id)
  select id, pg_current_xact_id(), null from orgs;
  return null;
end $$;

create trigger invoices_stake_ins after insert on invoices referencing new table as new_rows for each statement execute function note_stake_change();
create trigger invoices_stake_upd after update on invoices referencing old table as old_rows new table as new_rows for each statement execute function note_stake_change();
create trigger invoices_stake_del after delete on invoices referencing old table as old_rows for each statement execute function note_stake_change();
create trigger invoices_stake_trunc after truncate on invoices for each statement execute function note_stake_truncate();
