-- Devices and lost phones (issue 14 item 5, docs/SECURITY.md "丢失设备 / Lost devices").
--
-- A device is a row of `clients` (the sync protocol's client id). It now remembers which session
-- last spoke for it (token_hash: the sha256 of the bearer token, as in `sessions`), the browser
-- it runs in and when it was last seen, so a user sees their devices and an admin can mark one
-- lost. The token hash outlives the session row: a disabled user's sessions are deleted, and the
-- phone is still recognised by the hash of the token it holds, to be told to wipe.
alter table clients add column token_hash text;
alter table clients add column user_agent text not null default '';
alter table clients add column last_seen_at timestamptz;
-- A wipe asked for: 'lost' (an admin marked the device lost), 'signedOut' (its user signed it out
-- from another device). A disabled user's devices are told to wipe without a row change here.
alter table clients add column wipe_reason text check (wipe_reason in ('lost', 'signedOut'));
alter table clients add column wipe_requested_at timestamptz;
alter table clients add column wipe_requested_by uuid references users (id);
-- When the device said it had wiped (or was last told to): the request is then settled.
alter table clients add column wiped_at timestamptz;
create index clients_token_hash on clients (token_hash);
create index clients_user on clients (user_id);

-- What a disabled user's device still held when it was told to wipe: kept as sent, never applied
-- (the user may no longer write), for an admin to read and re-enter if it matters. Nothing typed
-- is lost; nothing from a disabled account changes the records.
create table rescued_outboxes (
  id bigserial primary key,
  client_id uuid not null references clients (client_id),
  user_id uuid not null references users (id),
  first_mutation_id bigint not null,
  last_mutation_id bigint not null,
  mutations jsonb not null,
  received_at timestamptz not null
);
create index rescued_outboxes_user on rescued_outboxes (user_id, received_at);
