-- The duplicate detector's comparison keys move from their own table (0005 point_keys) into two
-- columns of the point's row, written by the apply path's upsert with the rest of the row
-- (server/duplicates/detect.ts): one heap row and two partial index entries per point instead of
-- a second table's row and its three indexes, and no statement to keep the two in step. Measured:
-- the separate table cost about a quarter of a points-only push on PGlite.
--   dup_name: the normalised name (src/domain/duplicates.ts normalisePointName; computed in
--             TypeScript), null when empty, deleted, or not a service point;
--   dup_village: the village (region code) when the point has a location, else null.
-- Existing points get them at the next start (server/duplicates/backfill.ts): the normalisation
-- is TypeScript's, not SQL's.
alter table records add column dup_name text, add column dup_village text;
create index records_dup_name on records (county_code, dup_name)
  where entity = 'servicePoint' and dup_name is not null;
create index records_dup_village on records (dup_village)
  where entity = 'servicePoint' and dup_village is not null;
drop table point_keys;
