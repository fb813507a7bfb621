-- What the contact rules need to know about a debtor (src/domain/compliance/contact-rules.ts):
-- flags that stop or pause contact, and the times the debtor said are inconvenient.
alter table customers
  add column cease_requested_on date,
  add column attorney_represented boolean not null default false,
  add column bankruptcy boolean not null default false,
  add column breathing_space_until date,
  -- [{ "from": "HH:MM", "to": "HH:MM" }, …] in the debtor's local time, every day
  add column inconvenient_times jsonb not null default '[]';
