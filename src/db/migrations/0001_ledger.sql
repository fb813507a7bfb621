-- The ledger: organisations, people, customers, contacts, invoices, payments, credit notes,
-- allocations and charges. Every tenant table leads with org_id, and its primary key is
-- (org_id, id), so foreign keys carry org_id too: a row can never point into another organisation,
-- and the tables can be distributed by org_id later.

create table orgs (
  id bigint generated always as identity primary key,
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name text not null,
  default_currency char(3) not null,
  country char(2),
  region text,
  time_zone text not null default 'UTC',
  sender_name text,
  sender_email text,
  settings jsonb not null default '{}',
  created_at timestamptz not null default now()
);

create table users (
  org_id bigint not null references orgs (id),
  id bigint generated always as identity,
  email text not null,
  name text,
  role text not null check (role in ('owner', 'collector', 'viewer')),
  password_hash text,
  created_at timestamptz not null default now(),
  primary key (org_id, id)
);
create unique index users_email on users (org_id, lower(email));

-- A key is shown once; only its SHA-256 is kept. The prefix finds the row: it is the one lookup
-- not scoped by org_id, because the key is what tells us the organisation.
create table api_keys (
  org_id bigint not null references orgs (id),
  id bigint generated always as identity,
  name text not null,
  role text not null check (role in ('owner', 'collector', 'viewer')),
  key_prefix text not null unique,
  key_hash text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  primary key (org_id, id)
);

create table customers (
  org_id bigint not null references orgs (id),
  id bigint generated always as identity,
  external_id text not null,
  name text not null,
  kind text not null default 'business' check (kind in ('business', 'consumer')),
  country char(2),
  region text,
  time_zone text,
  language text,
  currency char(3) not null,
  customer_since date,
  tags text[] not null default '{}',
  credit_limit bigint check (credit_limit >= 0),
  risk text not null default 'normal' check (risk in ('low', 'normal', 'high')),
  source text not null default 'api',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, external_id)
);

create table contacts (
  org_id bigint not null,
  id bigint generated always as identity,
  customer_id bigint not null,
  name text,
  role text not null default 'billing' check (role in ('billing', 'primary', 'other')),
  email text,
  email_source text,
  phone text,
  phone_source text,
  address_line1 text,
  address_line2 text,
  address_line3 text,
  city text,
  region text,
  postal_code text,
  country char(2),
  address_source text,
  opt_out_email boolean not null default false,
  opt_out_sms boolean not null default false,
  opt_out_phone boolean not null default false,
  opt_out_letter boolean not null default false,
  -- set on the contact an import maintains for a customer, so a re-import updates it in place
  import_key text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, customer_id) references customers (org_id, id),
  unique (org_id, customer_id, import_key)
);

create table imports (
  org_id bigint not null references orgs (id),
  id bigint generated always as identity,
  kind text not null check (kind in ('customers', 'invoices', 'payments')),
  format text not null,
  file_name text not null,
  status text not null check (status in ('running', 'completed', 'rejected', 'failed')),
  dry_run boolean not null default false,
  partial boolean not null default false,
  summary jsonb not null default '{}',
  problems jsonb not null default '[]',
  problem_count integer not null default 0,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (org_id, id)
);

-- allocated and charged are running sums kept by the triggers below (ledger rows are append-only),
-- so the balance is always total + charges - allocations and aging reads one table.
create table invoices (
  org_id bigint not null,
  id bigint generated always as identity,
  customer_id bigint not null,
  number text not null,
  external_id text,
  issue_date date not null,
  due_date date not null,
  currency char(3) not null,
  total bigint not null check (total >= 0),
  terms text,
  status text not null default 'open' check (status in ('open', 'paid', 'void', 'written_off')),
  allocated bigint not null default 0,
  charged bigint not null default 0,
  balance bigint generated always as (total + charged - allocated) stored,
  paid_on date,
  source text not null default 'api',
  import_id bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, customer_id) references customers (org_id, id),
  unique (org_id, number),
  unique (org_id, external_id)
);
create index invoices_customer on invoices (org_id, customer_id);
create index invoices_open_due on invoices (org_id, due_date) where status = 'open';

create table payments (
  org_id bigint not null,
  id bigint generated always as identity,
  customer_id bigint not null,
  external_id text,
  received_on date not null,
  amount bigint not null check (amount > 0),
  currency char(3) not null,
  allocated bigint not null default 0,
  method text,
  reference text,
  source text not null default 'api',
  import_id bigint,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, customer_id) references customers (org_id, id),
  unique (org_id, external_id),
  check (allocated <= amount)
);
create index payments_customer on payments (org_id, customer_id);

create table credit_notes (
  org_id bigint not null,
  id bigint generated always as identity,
  customer_id bigint not null,
  number text not null,
  external_id text,
  issue_date date not null,
  currency char(3) not null,
  total bigint not null check (total > 0),
  allocated bigint not null default 0,
  reason text,
  source text not null default 'api',
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, customer_id) references customers (org_id, id),
  unique (org_id, number),
  check (allocated <= total)
);

-- Money moving from a payment or credit note onto an invoice. Append-only: a correction is a
-- new row with a negative amount.
create table allocations (
  org_id bigint not null,
  id bigint generated always as identity,
  invoice_id bigint not null,
  payment_id bigint,
  credit_note_id bigint,
  amount bigint not null check (amount <> 0),
  allocated_on date not null,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, invoice_id) references invoices (org_id, id),
  foreign key (org_id, payment_id) references payments (org_id, id),
  foreign key (org_id, credit_note_id) references credit_notes (org_id, id),
  check (num_nonnulls(payment_id, credit_note_id) = 1)
);
create index allocations_invoice on allocations (org_id, invoice_id);

-- Late fees, interest and compensation: ledger entries with their calculation, never a change
-- of the invoice total. Append-only; a reversal is a negative entry.
create table charges (
  org_id bigint not null,
  id bigint generated always as identity,
  invoice_id bigint not null,
  kind text not null check (kind in ('fee', 'interest', 'compensation')),
  amount bigint not null check (amount <> 0),
  charged_on date not null,
  calculation jsonb not null default '{}',
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, invoice_id) references invoices (org_id, id)
);
create index charges_invoice on charges (org_id, invoice_id);

-- A dispute takes its amount (the whole balance when amount is null) out of the overdue figures
-- while it is open.
create table disputes (
  org_id bigint not null,
  id bigint generated always as identity,
  invoice_id bigint not null,
  status text not null default 'open' check (status in ('open', 'resolved')),
  reason_code text not null default 'other',
  reason text,
  amount bigint check (amount > 0),
  opened_on date not null,
  resolved_on date,
  resolution text,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, invoice_id) references invoices (org_id, id)
);
create index disputes_open on disputes (org_id, invoice_id) where status = 'open';

-- The timeline of everything that happened to a customer. Append-only.
create table activities (
  org_id bigint not null references orgs (id),
  id bigint generated always as identity,
  customer_id bigint,
  kind text not null,
  occurred_at timestamptz not null default now(),
  actor text not null,
  summary text not null,
  data jsonb not null default '{}',
  primary key (org_id, id),
  foreign key (org_id, customer_id) references customers (org_id, id)
);
create index activities_customer on activities (org_id, customer_id, occurred_at);

-- Append-only tables refuse updates and deletes.
create function refuse_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: add a correcting entry instead', tg_table_name
    using errcode = 'restrict_violation';
end $$;

create trigger allocations_append_only before update or delete on allocations
  for each row execute function refuse_change();
create trigger charges_append_only before update or delete on charges
  for each row execute function refuse_change();
create trigger activities_append_only before update or delete on activities
  for each row execute function refuse_change();

-- Keep the running sums in step with the ledger rows, once per statement (set-based, so an
-- import of a million allocations costs one update per table, not a million).
create function apply_allocations() returns trigger language plpgsql as $$
begin
  update invoices i
     set allocated = i.allocated + n.amount,
         status = case
           when i.status = 'open' and i.total + i.charged - i.allocated - n.amount <= 0 then 'paid'
           when i.status = 'paid' and i.total + i.charged - i.allocated - n.amount > 0 then 'open'
           else i.status end,
         paid_on = case
           when i.total + i.charged - i.allocated - n.amount <= 0 then greatest(i.paid_on, n.last_on)
           else null end,
         updated_at = now()
    from (select org_id, invoice_id, sum(amount) as amount, max(allocated_on) as last_on
            from new_rows group by org_id, invoice_id) n
   where i.org_id = n.org_id and i.id = n.invoice_id;
  update payments p set allocated = p.allocated + n.amount
    from (select org_id, payment_id, sum(amount) as amount from new_rows
           where payment_id is not null group by org_id, payment_id) n
   where p.org_id = n.org_id and p.id = n.payment_id;
  update credit_notes c set allocated = c.allocated + n.amount
    from (select org_id, credit_note_id, sum(amount) as amount from new_rows
           where credit_note_id is not null group by org_id, credit_note_id) n
   where c.org_id = n.org_id and c.id = n.credit_note_id;
  return null;
end $$;

create trigger allocations_apply after insert on allocations
  referencing new table as new_rows for each statement execute function apply_allocations();

create function apply_charges() returns trigger language plpgsql as $$
begin
  update invoices i
     set charged = i.charged + n.amount,
         status = case
           when i.status = 'paid' and i.total + i.charged + n.amount - i.allocated > 0 then 'open'
           else i.status end,
         updated_at = now()
    from (select org_id, invoice_id, sum(amount) as amount from new_rows group by org_id, invoice_id) n
   where i.org_id = n.org_id and i.id = n.invoice_id;
  return null;
end $$;

create trigger charges_apply after insert on charges
  referencing new table as new_rows for each statement execute function apply_charges();
