-- The charges of a day: the cycle's review pass reads what the run has charged since it listed
-- the balances (src/db/queries/review-candidates.ts), a few rows of a table that only grows.
create index charges_charged_on on charges (org_id, charged_on);
