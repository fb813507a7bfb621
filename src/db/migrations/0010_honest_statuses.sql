-- Honest statuses (see src/domain/actions/action-status.ts): an email written to the outbox
-- folder is `written`, not sent; a letter is `printed` in a batch, then `posted` when a person
-- confirms it; an older step overtaken by a later one before it went out is `superseded`.
-- A message's deadline is stored with it when it goes out, so the next step waits for it.
alter table actions drop constraint actions_status_check;
alter table actions add constraint actions_status_check
  check (status in ('planned', 'ready', 'sending', 'sent', 'written', 'printed', 'posted', 'done', 'deferred', 'blocked', 'failed',
                    'cancelled', 'superseded'));
alter table actions
  add column deadline_on date,
  add column sent_on date;
comment on column actions.sent_on is 'the debtor''s local date the message went out (sent, written or printed)';
comment on column actions.deadline_on is 'the payment deadline the message gave the debtor, if it gave one';
-- what went out before: its day in the debtor's zone (the deadline it gave was not recorded)
update actions a
   set sent_on = (coalesce(a.finished_at, a.updated_at) at time zone coalesce(c.time_zone, o.time_zone))::date
  from customers c, orgs o
 where c.org_id = a.org_id and c.id = a.customer_id and o.id = a.org_id and a.status in ('sent', 'done');

-- A case moves on from a message once it reached the debtor, or once it lapsed without reaching
-- them (src/domain/cycle/case-progress.ts): such a status change ends the customer's quiet days,
-- as every other write the planner reads does (migration 0009).
create function stir_plan_quiet_by_action_outcome() returns trigger language plpgsql as $$
declare
  org_ids bigint[];
  customer_ids bigint[];
begin
  select array_agg(s.org_id), array_agg(s.customer_id) into org_ids, customer_ids
    from (select distinct n.org_id, n.customer_id
            from new_rows n join old_rows o on o.org_id = n.org_id and o.id = n.id
           where n.status <> o.status
             and n.status in ('sent', 'posted', 'done', 'blocked', 'failed', 'cancelled', 'superseded')) s;
  if org_ids is not null then
    perform stir_plan_quiet(org_ids, customer_ids);
  end if;
  return null;
end $$;
create trigger actions_update_stir_plan_quiet after update on actions
  referencing old table as old_rows new table as new_rows
  for each statement execute function stir_plan_quiet_by_action_outcome();
