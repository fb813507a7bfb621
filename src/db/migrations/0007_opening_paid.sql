-- What the accounting system had already collected on an invoice when Arrears first imported it.
-- An export of a million invoices is mostly paid ones; recording each of those as a payment, an
-- allocation and a timeline entry (then updating the invoice and the payment again through the
-- allocation trigger) cost ≈160 µs of database work an invoice, most of a 1M-row import. Money
-- collected before Arrears knew of an invoice is history the accounting system owns, like an
-- opening balance when books move to a new system: the invoice now carries it itself.
--
-- `allocated` stays the invoice's running "paid or credited" sum, so balance = total + charged −
-- allocated is unchanged everywhere; it is now opening_paid + the sum of the invoice's
-- allocations. Readers that rebuild a past balance from dated allocations (KPIs, interest) add
-- the opening amount on opening_paid_on. Payments the accounting system reports on an invoice
-- Arrears already holds are still recorded as payments and allocations (they happened while
-- Arrears was collecting, and promises, KPIs and the timeline must see them).
alter table invoices
  add column opening_paid bigint not null default 0 check (opening_paid >= 0),
  add column opening_paid_on date,
  add constraint invoices_opening_paid_dated check ((opening_paid = 0) = (opening_paid_on is null));
