-- Customers for whom the daily cycle found nothing new to do, and until when that holds while
-- nothing about them changes: the cycle reads and plans only the others (src/app/run-cycle.ts).
-- `quiet_until` is the planner's own date (src/domain/cycle/quiet-until.ts): the next step's
-- day, a follow-up's, a hold's end…; `setup` fingerprints the playbooks, rules and settings it
-- was planned with. Only the cycle writes it, under its per-organisation lock.
create table plan_quiet (
  org_id bigint not null,
  customer_id bigint not null,
  planned_on date not null,
  quiet_from date not null,
  quiet_until date not null,
  setup text not null,
  skipped text not null check (skipped in ('excluded', 'on_hold', 'promise_pending', 'nothing_due')),
  primary key (org_id, customer_id)
);

-- Any write that can change what the planner sees of a customer leaves a stir here, by the
-- triggers below, so that no write path can forget to; a stirred customer is planned again.
-- Append-only for writers, so a write never waits for a running cycle: the cycle deletes the
-- stirs its own read saw (pg_visible_in_snapshot), and one committed while it planned stays
-- for the next run.
create table plan_stirs (
  org_id bigint not null,
  customer_id bigint not null,
  stirred_by xid8 not null
);
create index plan_stirs_customer on plan_stirs (org_id, customer_id);

create function stir_plan_quiet(org_ids bigint[], customer_ids bigint[]) returns void language plpgsql as $$
begin
  if current_setting('arrears.planning', true) = 'on' then
    -- the cycle's own writes (cases, promises settled, actions): it plans these customers in the
    -- same transaction and writes their rows afresh
    delete from plan_quiet q using unnest(org_ids, customer_ids) as s(org_id, customer_id)
     where q.org_id = s.org_id and q.customer_id = s.customer_id;
  else
    insert into plan_stirs (org_id, customer_id, stirred_by)
    select distinct s.org_id, s.customer_id, pg_current_xact_id() from unnest(org_ids, customer_ids) as s(org_id, customer_id)
     where s.customer_id is not null;
  end if;
end $$;

create function stir_plan_quiet_by_customer() returns trigger language plpgsql as $$
declare
  org_ids bigint[];
  customer_ids bigint[];
begin
  if tg_op <> 'DELETE' then
    select array_agg(org_id), array_agg(customer_id) into org_ids, customer_ids from (select distinct org_id, customer_id from new_rows) s;
    perform stir_plan_quiet(org_ids, customer_ids);
  end if;
  if tg_op <> 'INSERT' then
    select array_agg(org_id), array_agg(customer_id) into org_ids, customer_ids from (select distinct org_id, customer_id from old_rows) s;
    perform stir_plan_quiet(org_ids, customer_ids);
  end if;
  return null;
end $$;

create function stir_plan_quiet_of_customers() returns trigger language plpgsql as $$
declare
  org_ids bigint[];
  customer_ids bigint[];
begin
  select array_agg(org_id), array_agg(id) into org_ids, customer_ids from old_rows;
  if tg_op = 'DELETE' then
    delete from plan_quiet q using unnest(org_ids, customer_ids) as s(org_id, customer_id)
     where q.org_id = s.org_id and q.customer_id = s.customer_id;
    delete from plan_stirs q using unnest(org_ids, customer_ids) as s(org_id, customer_id)
     where q.org_id = s.org_id and q.customer_id = s.customer_id;
  else
    perform stir_plan_quiet(org_ids, customer_ids);
  end if;
  return null;
end $$;

create function stir_plan_quiet_by_invoice() returns trigger language plpgsql as $$
declare
  org_ids bigint[];
  customer_ids bigint[];
begin
  if tg_op <> 'DELETE' then
    select array_agg(i.org_id), array_agg(i.customer_id) into org_ids, customer_ids
      from (select distinct org_id, invoice_id from new_rows) n join invoices i on i.org_id = n.org_id and i.id = n.invoice_id;
    perform stir_plan_quiet(org_ids, customer_ids);
  end if;
  if tg_op <> 'INSERT' then
    select array_agg(i.org_id), array_agg(i.customer_id) into org_ids, customer_ids
      from (select distinct org_id, invoice_id from old_rows) o join invoices i on i.org_id = o.org_id and i.id = o.invoice_id;
    perform stir_plan_quiet(org_ids, customer_ids);
  end if;
  return null;
end $$;

-- What the planner reads of a customer: its invoices and their disputes and holds, its holds,
-- promises, contacts (reach), case, past actions (what is done) and activities (responses), and
-- its own row (profile, exclusion, overrides). Action status changes and dispatch do not change
-- what the planner decides, so only new and deleted actions count.
do $$
declare
  spec record;
  event text;
begin
  for spec in
    select * from (values
      ('invoices', 'stir_plan_quiet_by_customer', array['insert', 'update', 'delete']),
      ('holds', 'stir_plan_quiet_by_customer', array['insert', 'update', 'delete']),
      ('promises', 'stir_plan_quiet_by_customer', array['insert', 'update', 'delete']),
      ('contacts', 'stir_plan_quiet_by_customer', array['insert', 'update', 'delete']),
      ('cases', 'stir_plan_quiet_by_customer', array['insert', 'update', 'delete']),
      ('actions', 'stir_plan_quiet_by_customer', array['insert', 'delete']),
      ('activities', 'stir_plan_quiet_by_customer', array['insert']),
      ('customers', 'stir_plan_quiet_of_customers', array['update', 'delete']),
      ('disputes', 'stir_plan_quiet_by_invoice', array['insert', 'update', 'delete'])
    ) as triggers (table_name, function_name, events)
  loop
    foreach event in array spec.events loop
      execute format('create trigger %I after %s on %I referencing %s for each statement execute function %I()',
        spec.table_name || '_' || event || '_stir_plan_quiet', event, spec.table_name,
        case event when 'insert' then 'new table as new_rows' when 'update' then 'old table as old_rows new table as new_rows' else 'old table as old_rows' end,
        spec.function_name);
    end loop;
  end loop;
end $$;
