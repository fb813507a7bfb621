-- The cycle's daily review pass (src/db/queries/review-candidates.ts) reads, without scanning the
-- actions or the charges: the cases with a review waiting (one review row a case, in a table of
-- every action), and what the run has charged since it listed the balances (a few rows of a table
-- that only grows).
create index actions_review on actions (org_id, case_id, status) where channel = 'review';
create index charges_charged_on on charges (org_id, charged_on);
