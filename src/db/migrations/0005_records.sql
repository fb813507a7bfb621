-- Records: the erasure of a customer's personal data (src/app/erase-customer.ts).

-- When the customer's personal data was erased (null: never). The row stays, pseudonymised, because
-- the ledger rows point at it.
alter table customers add column erased_at timestamptz;

-- The timeline stays append-only, with one narrow exception: once a customer's personal data has
-- been erased and the retention of its collection record has run out, the erasure deletes that
-- customer's old entries. The application says so for one customer at a time, inside its own
-- transaction, with set_config('arrears.purge_customer', '<org_id>:<customer_id>', true); nothing
-- else can delete a timeline entry, and nothing can ever update one.
create function refuse_activity_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and old.customer_id is not null
     and coalesce(current_setting('arrears.purge_customer', true), '') = old.org_id::text || ':' || old.customer_id::text then
    return old;
  end if;
  raise exception '% is append-only: add a correcting entry instead', tg_table_name
    using errcode = 'restrict_violation';
end $$;

drop trigger activities_append_only on activities;
create trigger activities_append_only before update or delete on activities
  for each row execute function refuse_activity_change();
