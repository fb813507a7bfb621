-- money_sum(bigint): a sum of minor units that stays bigint. The built-in sum(bigint) returns
-- numeric, through a 128-bit state per group that parallel workers serialise and the leader
-- merges; over a million open invoices in 100k groups with five sums each (the aging report) that
-- state handling was most of the report's time beyond a plain scan. int8pl adds two bigints and
-- raises "bigint out of range" on overflow: for money an error is the right answer, not a wider
-- number. The same function combines the workers' partial sums.
create aggregate money_sum(bigint) (sfunc = int8pl, stype = bigint, combinefunc = int8pl, parallel = safe);
