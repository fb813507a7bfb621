-- Collections: playbooks (versioned data), their assignment rules, per-customer collection
-- settings, cases, the actions the daily cycle decides, holds, promises to pay, reference rates
-- for statutory interest, and the log of cycle runs.

-- Per customer: a playbook chosen by hand, an exclusion from collection (with its reason), whether
-- a consumer contractually agreed to late charges, and a charge policy overriding the org's.
alter table customers
  add column playbook_override text,
  add column excluded_reason text,
  add column charges_liable boolean not null default false,
  add column charge_policy jsonb;

-- Set when an email to the address bounced hard; the next step switches channel.
alter table contacts add column email_bounced_at timestamptz;

-- A playbook version is immutable: a change is a new version; the highest version is in use.
create table playbooks (
  org_id bigint not null references orgs (id),
  id bigint generated always as identity,
  name text not null check (name ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  version integer not null check (version > 0),
  definition jsonb not null,
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, name, version)
);

-- Which playbook a customer follows, by segment: the first rule (by position) whose conditions
-- match wins; a per-customer override beats every rule; no match means the org's default.
create table playbook_rules (
  org_id bigint not null references orgs (id),
  id bigint generated always as identity,
  position integer not null,
  playbook_name text not null,
  conditions jsonb not null default '{}',
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, position)
);

-- The collection episode of a customer: opens when something is first overdue, closes when
-- nothing is. At most one case per customer is not closed.
create table cases (
  org_id bigint not null,
  id bigint generated always as identity,
  customer_id bigint not null,
  status text not null default 'active' check (status in ('active', 'paused', 'arrangement', 'agency', 'legal', 'closed')),
  opened_on date not null,
  closed_on date,
  reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, customer_id) references customers (org_id, id)
);
create unique index cases_one_open on cases (org_id, customer_id) where status <> 'closed';

-- One thing the cycle (or a person) decided should happen. The idempotency key names the case
-- and the step, so the same step can never be planned twice, whatever runs concurrently.
create table actions (
  org_id bigint not null,
  id bigint generated always as identity,
  customer_id bigint not null,
  case_id bigint,
  idempotency_key text not null,
  cycle_date date not null,
  kind text not null check (kind in ('send', 'task')),
  channel text not null check (channel in ('email', 'letter', 'sms', 'call', 'review')),
  playbook_name text,
  playbook_version integer,
  step_key text not null,
  step_name text not null,
  step_index integer not null default 0,
  tone text check (tone in ('friendly', 'firm', 'final', 'legal')),
  template text,
  status text not null check (status in ('planned', 'ready', 'sent', 'done', 'deferred', 'blocked', 'failed', 'cancelled')),
  due_at timestamptz not null,
  rule text,
  reason text,
  invoice_ids bigint[] not null default '{}',
  invoice_numbers text[] not null default '{}',
  amounts jsonb not null default '{}',
  data jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, customer_id) references customers (org_id, id),
  foreign key (org_id, case_id) references cases (org_id, id),
  unique (org_id, idempotency_key)
);
create index actions_status on actions (org_id, status, due_at);
create index actions_customer on actions (org_id, customer_id, created_at);
create index actions_case on actions (org_id, case_id) where case_id is not null;

-- A pause on a customer (invoice_id null) or on one invoice, until ends_on (null: until released).
create table holds (
  org_id bigint not null,
  id bigint generated always as identity,
  customer_id bigint not null,
  invoice_id bigint,
  reason text not null,
  starts_on date not null,
  ends_on date,
  released_on date,
  created_by text not null,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, customer_id) references customers (org_id, id),
  foreign key (org_id, invoice_id) references invoices (org_id, id),
  check (ends_on is null or ends_on >= starts_on)
);
create index holds_active on holds (org_id, customer_id) where released_on is null;

-- A promise to pay an amount by a date; kept or broken is decided from the payments received.
create table promises (
  org_id bigint not null,
  id bigint generated always as identity,
  customer_id bigint not null,
  made_on date not null,
  due_on date not null,
  amount bigint not null check (amount > 0),
  currency char(3) not null,
  status text not null default 'pending' check (status in ('pending', 'kept', 'broken', 'cancelled')),
  resolved_on date,
  note text,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, customer_id) references customers (org_id, id),
  check (due_on >= made_on)
);
create index promises_pending on promises (org_id, customer_id) where status = 'pending';

-- Reference rates for statutory interest that an organisation adds to the ones Arrears ships
-- (src/domain/charges/reference-rates.ts): percent per year, in force from a date, with a source.
create table reference_rates (
  org_id bigint not null references orgs (id),
  id bigint generated always as identity,
  scheme text not null check (scheme in ('uk_late_payment', 'eu_late_payment')),
  effective_from date not null,
  rate_percent numeric(7, 4) not null,
  source text not null,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, scheme, effective_from)
);

-- Each run of the daily cycle: what it decided, so the scheduler knows the last day it ran.
create table cycle_runs (
  org_id bigint not null references orgs (id),
  id bigint generated always as identity,
  cycle_date date not null,
  status text not null check (status in ('running', 'completed', 'failed')),
  summary jsonb not null default '{}',
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (org_id, id)
);
create index cycle_runs_date on cycle_runs (org_id, cycle_date);

-- A charge made by the cycle carries a key (e.g. the action and invoice it was made for), so a
-- re-run can never charge twice.
alter table charges add column idempotency_key text;
create unique index charges_idempotency on charges (org_id, idempotency_key) where idempotency_key is not null;
