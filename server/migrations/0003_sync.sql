-- Sync: the records, the change log the pull cursor walks, the devices (clients) with the results
-- of their mutations, and the conflicts kept for review (DESIGN.md §4, docs/PROTOCOL.md).

-- A device database. It belongs to the user who first used it; another user presenting its id is
-- refused. last_mutation_id is the highest mutation id of this client processed (applied or
-- rejected): a retried push skips everything up to it.
create table clients (
  client_id uuid primary key,
  user_id uuid not null references users (id),
  last_mutation_id bigint not null default 0,
  created_at timestamptz not null,
  last_push_at timestamptz
);

-- The answers given to each batch, so a retried push after a lost response gets exactly the same
-- answers: one row per batch (not per mutation: a push of 500 mutations writes one row). results
-- holds {"applied": [mutation ids], "rejected": [MutationResult…]}; rejected_mutations keeps what
-- each rejected mutation carried, as sent — nothing a user typed disappears, even when it could
-- not be applied.
create table push_results (
  client_id uuid not null references clients (client_id),
  first_mutation_id bigint not null,
  last_mutation_id bigint not null,
  results jsonb not null,
  rejected_mutations jsonb,
  processed_at timestamptz not null,
  primary key (client_id, last_mutation_id)
);

-- The current state of every synced record. data is the whole record as served to devices
-- (including id, version, updatedAt, updatedBy, deleted). field_stamps says, per field, at which
-- version it was last changed ("v": {field: version}, absent = 1, unchanged since created) and
-- who wrote each of those versions ("w": {version: [user, client, mutation]}): that is what
-- decides whether an incoming change collides with someone else's (server/sync/merge.ts). county_code/township_code are derived from the
-- record's place (src/domain/scope.ts) so scope filters are plain column comparisons.
-- Deleted records stay as tombstones (deleted = true) so the delete reaches every device.
create table records (
  entity text not null,
  id uuid not null,
  data jsonb not null,
  field_stamps jsonb not null default '{}',
  version bigint not null check (version >= 1),
  deleted boolean not null default false,
  county_code text,
  township_code text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  updated_by uuid references users (id),
  primary key (entity, id)
);
-- Attendance follows its session's township: when a session moves, its attendance rows move too.
create index records_attendance_session on records ((data ->> 'sessionId')) where entity = 'attendance';

-- One row per applied change, in commit-safe order for the pull cursor. xid is the writing
-- transaction's id (pg_current_xact_id(), a 64-bit xid8 that never wraps); seq orders rows within
-- it. A pull serves only rows with xid below pg_snapshot_xmin(pg_current_snapshot()): every
-- transaction below that horizon has finished, so no row can later appear behind the cursor (a
-- bare sequence or timestamp would let a slow transaction commit rows "in the past" that a device
-- had already passed). The place columns hold the record's place after the change; old_* its
-- place before, only when the change moved it (so a device whose scope the record left is told
-- to drop it). user_id, fields and
-- op are the audit trail the per-record history view reads (fields is empty for a create: all of
-- them).
create table change_log (
  xid xid8 not null default pg_current_xact_id(),
  seq bigserial not null,
  entity text not null,
  record_id uuid not null,
  version bigint not null,
  op text not null check (op in ('create', 'update', 'delete', 'undelete', 'move')),
  fields text[] not null default '{}',
  county_code text,
  township_code text,
  old_county_code text,
  old_township_code text,
  user_id uuid references users (id),
  client_id uuid,
  mutation_id bigint,
  changed_at timestamptz not null,
  primary key (xid, seq)
);
create index change_log_record on change_log (entity, record_id, seq);

-- A value that lost: a field two people changed (the later arrival wins, the earlier value is kept
-- here), or a whole update that arrived after the record was deleted (kind 'deleted', field null,
-- losing_value = the fields sent). Coordinators review them and may restore either side.
create table conflicts (
  id bigserial primary key,
  entity text not null,
  record_id uuid not null,
  kind text not null check (kind in ('field', 'deleted')),
  field text,
  winning_value jsonb,
  losing_value jsonb,
  winning_user_id uuid references users (id),
  winning_version bigint,
  losing_user_id uuid references users (id),
  losing_client_id uuid,
  losing_mutation_id bigint,
  losing_version bigint,
  created_at timestamptz not null,
  resolved_at timestamptz,
  resolved_by uuid references users (id),
  resolution text check (resolution in ('winner', 'loser'))
);
create index conflicts_unresolved on conflicts (entity, record_id) where resolved_at is null;
create index conflicts_record on conflicts (entity, record_id);
