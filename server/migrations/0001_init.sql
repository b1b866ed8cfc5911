-- Instance metadata: facts about this installation as a whole, one row per key.
-- 'instance' records when the database was created and a random id, so a client (or an operator)
-- can tell a fresh database from the one it synced with before.
create table app_meta (
  key text primary key,
  value jsonb not null
);

insert into app_meta (key, value)
values ('instance', jsonb_build_object('id', gen_random_uuid(), 'createdAt', now()));
