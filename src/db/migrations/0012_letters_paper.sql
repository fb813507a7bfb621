-- The paper an organisation prints its letters on, the same for every letter whoever it goes to.
-- Null: the usual paper of the organisation's country (US Letter in the US and Canada, else A4).
alter table orgs add column paper_size text check (paper_size in ('A4', 'Letter'));
comment on column orgs.paper_size is 'A4 or Letter; null: by the organisation''s country';
