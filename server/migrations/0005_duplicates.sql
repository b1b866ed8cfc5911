-- Likely duplicate service points (issue 4, docs/SERVICE_POINTS.md "Duplicates"): two officers,
-- offline on different phones, register the same shop. The server flags pairs after sync; a
-- coordinator merges or dismisses them.

-- What the rules compare, per live service point: its village (or township/county code), its
-- normalised name (src/domain/duplicates.ts normalisePointName, computed in TypeScript so client
-- and server normalise alike) and its WGS-84 location. Kept by the apply path (every change to a
-- point goes through it); a deleted point has no row. county_code scopes the name rule.
create table point_keys (
  id uuid primary key,
  county_code text,
  region_code text not null,
  name_key text not null,
  lat double precision,
  lng double precision
);
create index point_keys_region on point_keys (region_code);
create index point_keys_name on point_keys (county_code, name_key) where name_key <> '';

-- A pair flagged for review, stored once (point_a < point_b). A dismissed pair stays dismissed
-- even when the points change again; a merged pair records which point was kept.
create table duplicate_flags (
  id bigserial primary key,
  point_a uuid not null,
  point_b uuid not null check (point_a < point_b),
  reason text not null check (reason in ('sameName', 'sameVillageNearby')),
  distance_m double precision,
  county_code text,
  township_code text,
  created_at timestamptz not null,
  resolved_at timestamptz,
  resolved_by uuid references users (id),
  resolution text check (resolution in ('merged', 'dismissed')),
  kept_id uuid,
  unique (point_a, point_b)
);
create index duplicate_flags_open on duplicate_flags (county_code) where resolved_at is null;
create index duplicate_flags_point_b on duplicate_flags (point_b);
