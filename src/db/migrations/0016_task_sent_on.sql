-- A finished task (a call made, a review decided) is dated on the debtor's local day it was done,
-- in sent_on, as a message is when it goes out (src/db/queries/actions.ts, finishTask): the cycle
-- then reads every reached action's day as stored, without joining each action to its customer's
-- time zone. Actions that reached the debtor before this get the day the cycle used to work out
-- (when they finished, in the debtor's zone; the day they were planned if that is unknown).
update actions a
   set sent_on = coalesce((a.finished_at at time zone coalesce(c.time_zone, o.time_zone))::date, a.cycle_date)
  from customers c, orgs o
 where c.org_id = a.org_id and c.id = a.customer_id and o.id = a.org_id
   and a.status in ('sent', 'posted', 'done') and a.sent_on is null;
comment on column actions.sent_on is 'the debtor''s local date the message went out (sent, written or printed), or the task was done';
