-- The worklist (src/app/tasks/list-tasks.ts) reads only what a person must act on: open tasks,
-- sends failed for good, and letters held for want of a return address. Through actions_status
-- it read every ready or deferred action of the organisation — on a first day after a large
-- import, a hundred thousand planned sends — and dropped each one for not being a task. This
-- index holds only the worklist's rows, in its order; its predicate is the worklist's own
-- condition, written the same way so that the planner can prove the query implies it (keep the
-- two in step).
create index actions_worklist on actions (org_id, due_at, id)
  where (kind = 'task' and status in ('ready', 'deferred'))
     or (kind = 'send' and (status = 'failed' or (status = 'deferred' and rule = 'no-return-address')));

-- The customers search (src/db/queries/customers.ts) finds a customer by the start of one of its
-- invoice numbers, in any case: a range of this index, where a match anywhere in the number was a
-- read of every invoice on every search.
create index invoices_number_prefix on invoices (org_id, lower(number) text_pattern_ops);
