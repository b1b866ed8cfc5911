-- Who may download a photo, and which uploaded photos nobody uses (docs/PROTOCOL.md
-- "Attachments", server/attachments/listings.ts). Before this, a photo was served to anyone who
-- could read a record listing its sha256 — so knowing a hash and listing it in a point of one's
-- own area was enough to download another county's photo.

-- Every user who uploaded these bytes (the first upload stores them; a later one by someone
-- else stores nothing but proves that user holds them too). It decides whether a listing by
-- that user is trusted.
create table attachment_uploads (
  sha256 text not null references attachments (sha256) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  uploaded_at timestamptz not null,
  primary key (sha256, user_id)
);

-- A photo in a record's `photos`: who put it there, when, and whether that user could then see
-- the photo through another trusted listing of a record they may read, or through this record's
-- own earlier trusted listing (`seen`). A listing is TRUSTED when `seen`, or when its lister
-- uploaded the bytes (attachment_uploads, before or after listing them). Only trusted listings
-- of live records serve the photo. Rows stay when the hash leaves the record (removed_at set):
-- a photo put back (a restored conflict, an undone removal) keeps the trust it had here, and the
-- clean-up counts its grace period from the removal. No foreign key to attachments: a record may
-- list a photo before it is uploaded.
create table attachment_listings (
  entity text not null,
  record_id uuid not null,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  listed_by uuid references users (id) on delete set null,
  listed_at timestamptz not null,
  seen boolean not null,
  removed_at timestamptz,
  primary key (entity, record_id, sha256)
);
create index attachment_listings_sha256 on attachment_listings (sha256);

-- The clean-up finds photos nobody lists by age; the quota of unused photos sums what a user
-- stored (attachments.uploaded_by: the first upload) recently.
create index attachments_created on attachments (created_at);
create index attachments_uploader on attachments (uploaded_by, created_at);

-- Photos already on the server: their uploader (the only one known).
insert into attachment_uploads (sha256, user_id, uploaded_at)
select sha256, uploaded_by, created_at from attachments where uploaded_by is not null;

-- Photos already listed. Who listed each is not known: it counts as the record's last writer, and
-- the listing as seen when the photo's uploader may read the record (its scope holds the
-- record's place; every role reads the entities with photos in its area) — true for every photo
-- the app put in a record of its own area, false for a hash copied into another area's record.
-- A listing of a photo not uploaded yet becomes trusted if that writer uploads it.
insert into attachment_listings (entity, record_id, sha256, listed_by, listed_at, seen)
select r.entity, r.id, p.sha256, r.updated_by, r.updated_at,
       coalesce(
         u.scope_level = 'prefecture' and (r.county_code is null
                                           or starts_with(r.county_code, u.scope_code))
         or u.scope_level = 'county' and r.county_code = u.scope_code
         or u.scope_level = 'township' and r.township_code = u.scope_code,
         false)
from records r
cross join lateral (
  select distinct jsonb_array_elements_text(
    case when jsonb_typeof(r.data -> 'photos') = 'array' then r.data -> 'photos' else '[]' end
  ) as sha256) p
left join attachments a on a.sha256 = p.sha256
left join users u on u.id = a.uploaded_by
where r.entity in ('servicePoint', 'pilotTown') and p.sha256 ~ '^[0-9a-f]{64}$';
