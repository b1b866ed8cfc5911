-- The pull's area filter for a prefecture user of a province deployment (issue 16; 0014 did the
-- same for counties and townships). The pull reads a page as a merge of ordered index ranges, one
-- per disjoint part of the user's area (server/sync/area.ts readableLogBranchesSql, docs/SERVER.md
-- "Seventh session"); a prefecture's part is `left(county_code, 4) = code`, and without an index
-- in that expression's (xid, seq) order every page would read the prefecture's whole remaining log
-- and sort it. The expression is the one the pull writes (the level's length, 4, not the
-- parameter's), so the planner matches it. The place a moved record left: partial, as in 0014.
-- A prefecture that is the whole deployment, and a province, read the log in its primary key's
-- order instead (nearly every row is theirs), so a prefecture deployment never uses these.
create index if not exists change_log_prefecture on change_log (left(county_code, 4), xid, seq);
create index if not exists change_log_old_prefecture on change_log (left(old_county_code, 4), xid, seq)
  where old_county_code is not null;
-- The whole area of a province deployment reads the log in its primary key's order with ONE
-- condition whose place part is `left(county_code, 2) = '33'`. Without statistics on that
-- expression the planner guesses it keeps 0.5 % of the rows, expects to walk most of the log for
-- one page and sorts the whole log instead (a seq scan per page: a province admin's first download
-- quadratic again). With them it knows nearly every row matches. (A prefecture deployment's whole
-- area, `left(county_code, 4)`, has its statistics from change_log_prefecture's expression.)
create statistics change_log_province on (left(county_code, 2)) from change_log;
