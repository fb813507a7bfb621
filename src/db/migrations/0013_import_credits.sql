-- What imports learn from accounting exports that the ledger could not yet say.
--
-- invoices.total_known: false when the file gave only what is still open on the invoice (a
-- QuickBooks Open Invoices report exported without its Amount column). `total` then holds that
-- open balance, the least the invoice was for, and nothing is made up as paid: the balance (what a
-- collector chases, what aging reads) is exact, and the original total is marked unknown rather
-- than invented. A later file that gives the total replaces it and sets this back to true, the
-- difference becoming the opening paid amount (paid before Arrears knew the invoice).
alter table invoices add column total_known boolean not null default true;

-- Credit notes and payments on account (Xero's sales credit notes and overpayments) that the
-- accounting system had already applied to invoices, wholly or partly, when Arrears imported them.
-- Those invoices' amounts due already include what was applied, so it must not be applied again:
-- like invoices.opening_paid (migration 0007), it is part of `allocated` without allocation rows,
-- and `allocated` = opening_applied + the sum of the allocations; unallocated = amount − allocated.
alter table credit_notes add column opening_applied bigint not null default 0 check (opening_applied >= 0);
alter table payments add column opening_applied bigint not null default 0 check (opening_applied >= 0);
