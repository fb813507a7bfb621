-- The customers search (src/db/queries/customers.ts) matches its text anywhere in a customer's
-- name or external id or in a contact's email (ilike '%…%'). A B-tree cannot find a substring, so
-- each search read every customer and contact of the organisation; these trigram indexes find
-- the rows that contain the text's trigrams (then rechecked), for a text of three characters or
-- more. A shorter text has no trigram to look up and is still matched by reading the rows.
-- pg_trgm is a trusted extension: a user with CREATE on the database may create it (no superuser).
-- GIN rather than GiST: exact trigram lists, where GiST's signatures are lossy and must recheck
-- more rows; smaller and quicker to build too (docs/benchmarks.md).
-- PGlite loads its pg_trgm module where the instance is created (src/db/engine.ts).
create extension if not exists pg_trgm;

create index customers_search_trgm on customers using gin (name gin_trgm_ops, external_id gin_trgm_ops);
create index contacts_email_trgm on contacts using gin (email gin_trgm_ops);
