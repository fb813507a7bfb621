-- Placing accounts with a collection agency (docs/hand-over.md): the file handed over (a ZIP,
-- kept as it was given so the agency's copy can always be checked against it), the accounts and
-- invoices it covers, and the payments the agency reports with its commission.
--
-- While a placement stands (status 'placed') its invoices are not chased by Arrears
-- (src/db/queries/chaseable.ts); recalling it gives them back to the playbook.
create table placements (
  org_id bigint not null,
  id bigint generated always as identity,
  agency text not null check (length(agency) between 1 and 200),
  -- the agency's commission in hundredths of a percent (2500 = 25%), so no float is ever stored
  commission_bp integer not null check (commission_bp between 0 and 10000),
  status text not null default 'placed' check (status in ('placed', 'recalled')),
  placed_on date not null,
  placed_by text not null,
  recalled_on date,
  recalled_by text,
  recall_reason text,
  -- the ZIP handed to the agency, byte for byte, and its SHA-256 (hex)
  archive bytea not null,
  archive_sha256 text not null,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id) references orgs (id),
  check ((status = 'recalled') = (recalled_on is not null))
);

-- The invoices handed over, each with its balance then. An invoice is in one standing placement
-- at most (checked under the customer's lock when placing).
create table placement_invoices (
  org_id bigint not null,
  placement_id bigint not null,
  customer_id bigint not null,
  invoice_id bigint not null,
  balance bigint not null check (balance > 0),
  currency char(3) not null,
  primary key (org_id, placement_id, invoice_id),
  foreign key (org_id, placement_id) references placements (org_id, id),
  foreign key (org_id, customer_id) references customers (org_id, id),
  foreign key (org_id, invoice_id) references invoices (org_id, id)
);
create index placement_invoices_invoice on placement_invoices (org_id, invoice_id);
create index placement_invoices_customer on placement_invoices (org_id, customer_id);

-- A payment the agency reports collecting: the payment itself is in the ledger (payments, source
-- 'agency'), allocated to the placed invoices; the commission the agency keeps of it is here.
create table placement_payments (
  org_id bigint not null,
  id bigint generated always as identity,
  placement_id bigint not null,
  payment_id bigint not null,
  customer_id bigint not null,
  amount bigint not null check (amount > 0),
  commission bigint not null check (commission >= 0 and commission <= amount),
  currency char(3) not null,
  received_on date not null,
  recorded_by text not null,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, placement_id) references placements (org_id, id),
  foreign key (org_id, payment_id) references payments (org_id, id),
  foreign key (org_id, customer_id) references customers (org_id, id)
);
create index placement_payments_placement on placement_payments (org_id, placement_id);
