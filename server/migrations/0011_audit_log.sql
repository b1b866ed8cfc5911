-- The security audit log (docs/SECURITY.md "安全审计 / Security audit", issue 14): who did what,
-- when, from where. Written by server/audit/record.ts only, read by GET /api/audit.
--
-- Append-only from the app's point of view: no route updates or deletes it, and the table itself
-- refuses UPDATE, DELETE and TRUNCATE (a trigger: works on PGlite and PostgreSQL alike, whatever
-- the role's privileges). The one exception is retention: the maintenance job deletes entries
-- older than the retention through a guarded path (the transaction-local setting
-- cundian.audit_prune = 'on'), and even then the trigger refuses any entry younger than 180 days
-- by the database's own clock (MLPS level 2 asks for at least six months).
--
-- areas: every region code the entry concerns — the actor's scope code, the subject's area (a
-- user's scope before and after a change, a record's place). An admin sees an entry when one of
-- them lies inside the admin's area (src/domain/audit.ts auditVisibleTo); a prefecture admin sees
-- every entry, those of nobody's area (a failed sign-in with an unknown name) included.
-- actor_id is not a foreign key: the entry outlives the account.
create table audit_log (
  id bigserial primary key,
  at timestamptz not null,
  action text not null,
  outcome text not null default 'ok' check (outcome in ('ok', 'refused')),
  actor_id uuid,
  actor_username text not null default '',
  actor_role text,
  subject_type text,
  subject_id text,
  subject_label text,
  areas text[] not null default '{}',
  address text not null default '',
  user_agent text not null default '',
  details jsonb not null default '{}'::jsonb
);
create index audit_log_at on audit_log (at);
create index audit_log_actor on audit_log (actor_username, id);
create index audit_log_action on audit_log (action, id);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE'
     and current_setting('cundian.audit_prune', true) = 'on'
     and old.at < now() - interval '180 days' then
    return old;
  end if;
  raise exception 'audit_log is append-only: % refused', tg_op
    using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_log_no_change
  before update or delete on audit_log
  for each row execute function audit_log_append_only();

create trigger audit_log_no_truncate
  before truncate on audit_log
  for each statement execute function audit_log_append_only();
