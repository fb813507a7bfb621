-- How a dispute ended (upheld, rejected or partially upheld), beside the resolution text. Resolving
-- changes no balance by itself (a credit note does), so the outcome is kept to explain what follows.
-- Null while open, and for disputes resolved before outcomes were recorded.
alter table disputes add column outcome text check (outcome in ('upheld', 'rejected', 'partially_upheld'));
