-- How a debtor pays the organisation (bank details, payee, the reference to quote), in its own
-- words: every email and letter says it, instead of a payment link that does not exist yet.
alter table orgs add column payment_instructions text;
comment on column orgs.payment_instructions is 'the organisation''s own payment instructions, shown on letters and in emails; null when not set';
