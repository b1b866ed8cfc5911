-- Photos (and any later attachment): the bytes, named by their sha256 (DESIGN.md §4.11,
-- docs/PROTOCOL.md "Attachments"). Records hold only the hashes, in their `photos` field; the
-- same bytes uploaded twice are one row. content_type is what the bytes are (read from their
-- first bytes on upload), not what the client said.
create table attachments (
  sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
  size int not null check (size > 0),
  uploaded_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now()
);

-- A download is allowed when a readable record lists the hash in its photos: find those records
-- without reading every record's JSON.
create index records_photos on records using gin ((data -> 'photos'))
  where entity in ('servicePoint', 'pilotTown');
