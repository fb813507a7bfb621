-- Arrangements beyond promises to pay: payment plans (instalments with their dates and amounts),
-- write-offs (with a reason code, reversible) and settlements (less than owed, approved, with an
-- expiry; the remainder written off when paid). See docs/arrangements.md.

-- A payment plan covers chosen invoices of one customer, in one currency. While it is active (or
-- broken and still in its second grace period) the invoices it covers are not chased by the
-- playbook (src/db/queries/chaseable.ts).
create table payment_plans (
  org_id bigint not null,
  id bigint generated always as identity,
  customer_id bigint not null,
  currency char(3) not null,
  -- the amount the plan pays off: the down payment plus every instalment
  total bigint not null check (total > 0),
  status text not null default 'proposed'
    check (status in ('proposed', 'active', 'completed', 'broken', 'defaulted', 'cancelled')),
  -- the days after an instalment's date before it counts as missed, and again before default
  grace_days integer not null check (grace_days >= 0),
  -- whether it met the organisation's plan policy when proposed (if not, only an owner accepts it)
  within_policy boolean not null,
  policy_problems jsonb not null default '[]',
  note text,
  proposed_by text not null,
  proposed_on date not null,
  accepted_by text,
  accepted_on date,
  -- the instalment whose miss broke (and, unpaid, defaulted) the plan
  missed_seq integer,
  broken_on date,
  resolved_on date,
  resolved_by text,
  resolution text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, customer_id) references customers (org_id, id)
);
create index payment_plans_live on payment_plans (org_id, customer_id) where status in ('proposed', 'active', 'broken');

create table payment_plan_invoices (
  org_id bigint not null,
  plan_id bigint not null,
  invoice_id bigint not null,
  primary key (org_id, plan_id, invoice_id),
  foreign key (org_id, plan_id) references payment_plans (org_id, id),
  foreign key (org_id, invoice_id) references invoices (org_id, id)
);
create index payment_plan_invoices_invoice on payment_plan_invoices (org_id, invoice_id);

-- seq 0 is the down payment when there is one; instalments count from 1. `paid` and `paid_on`
-- are kept by the daily cycle from the payments allocated to the plan's invoices.
create table payment_plan_instalments (
  org_id bigint not null,
  plan_id bigint not null,
  seq integer not null check (seq >= 0),
  due_on date not null,
  amount bigint not null check (amount > 0),
  paid bigint not null default 0 check (paid >= 0),
  paid_on date,
  primary key (org_id, plan_id, seq),
  foreign key (org_id, plan_id) references payment_plans (org_id, id)
);

-- Writing an invoice off takes it out of every overdue figure (its status becomes written_off);
-- reversing it (an owner, with a reason) puts it back. The row stays, for the record and for the
-- export to the accounting system as a credit note.
create table write_offs (
  org_id bigint not null,
  id bigint generated always as identity,
  customer_id bigint not null,
  invoice_id bigint not null,
  amount bigint not null check (amount > 0),
  currency char(3) not null,
  reason_code text not null
    check (reason_code in ('settlement', 'uncollectable', 'bankrupt', 'deceased', 'small-balance', 'dispute-upheld', 'other')),
  note text,
  written_off_on date not null,
  created_by text not null,
  settlement_id bigint,
  reversed_on date,
  reversed_by text,
  reversal_reason text,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, customer_id) references customers (org_id, id),
  foreign key (org_id, invoice_id) references invoices (org_id, id),
  check (reason_code <> 'other' or note is not null)
);
create unique index write_offs_one_standing on write_offs (org_id, invoice_id) where reversed_on is null;
create index write_offs_date on write_offs (org_id, written_off_on);

-- An offer to settle chosen invoices for less than their balance, by an expiry date. Under the
-- organisation's threshold it waits for an owner's approval before it is offered.
create table settlements (
  org_id bigint not null,
  id bigint generated always as identity,
  customer_id bigint not null,
  currency char(3) not null,
  -- what the invoices owed when it was offered, and what settles them
  owed bigint not null check (owed > 0),
  amount bigint not null check (amount > 0),
  expires_on date not null,
  status text not null check (status in ('awaiting_approval', 'offered', 'declined', 'paid', 'lapsed', 'cancelled')),
  offered_by text not null,
  offered_on date not null,
  decided_by text,
  decided_on date,
  decision_reason text,
  paid_on date,
  resolved_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, customer_id) references customers (org_id, id),
  check (amount < owed)
);
create index settlements_open on settlements (org_id, customer_id) where status in ('awaiting_approval', 'offered');

create table settlement_invoices (
  org_id bigint not null,
  settlement_id bigint not null,
  invoice_id bigint not null,
  balance bigint not null,
  primary key (org_id, settlement_id, invoice_id),
  foreign key (org_id, settlement_id) references settlements (org_id, id),
  foreign key (org_id, invoice_id) references invoices (org_id, id)
);
create index settlement_invoices_invoice on settlement_invoices (org_id, invoice_id);

alter table write_offs add foreign key (org_id, settlement_id) references settlements (org_id, id);

-- What the planner reads changes with a plan's or a settlement's state: stir the customer, as
-- every other such table does (migration 0009).
create trigger payment_plans_insert_stir_plan_quiet after insert on payment_plans
  referencing new table as new_rows for each statement execute function stir_plan_quiet_by_customer();
create trigger payment_plans_update_stir_plan_quiet after update on payment_plans
  referencing old table as old_rows new table as new_rows for each statement execute function stir_plan_quiet_by_customer();
create trigger settlements_insert_stir_plan_quiet after insert on settlements
  referencing new table as new_rows for each statement execute function stir_plan_quiet_by_customer();
create trigger settlements_update_stir_plan_quiet after update on settlements
  referencing old table as old_rows new table as new_rows for each statement execute function stir_plan_quiet_by_customer();
create trigger write_offs_insert_stir_plan_quiet after insert on write_offs
  referencing new table as new_rows for each statement execute function stir_plan_quiet_by_customer();
create trigger write_offs_update_stir_plan_quiet after update on write_offs
  referencing old table as old_rows new table as new_rows for each statement execute function stir_plan_quiet_by_customer();
