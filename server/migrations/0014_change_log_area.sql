-- The pull's area filter on the change log (server/sync/area.ts, issue 16 "a sync storm that stays
-- fast"). The log was indexed only by (xid, seq): a county or township device's pull walked the
-- log in that order and threw away every other area's row, so one page of a first download read
-- the whole log (a province of 600,000 rows: seconds a page with 100 devices at once). With these
-- the planner takes the area's rows from the index (and, for a change that moved a record, the
-- place it left), then orders that handful by (xid, seq). A prefecture-wide user still walks
-- (xid, seq): most rows are its own.
create index change_log_county on change_log (county_code, xid, seq);
create index change_log_township on change_log (township_code, xid, seq);
create index change_log_old_county on change_log (old_county_code, xid, seq)
  where old_county_code is not null;
create index change_log_old_township on change_log (old_township_code, xid, seq)
  where old_township_code is not null;
