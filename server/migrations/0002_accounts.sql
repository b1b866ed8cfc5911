-- Accounts, sessions and login throttling (DESIGN.md §7, issue 3).

-- A person who signs in. username is stored lower-case (login is case-insensitive). The scope is
-- the area the user works in: the whole prefecture (4 digits), a county (6) or a township (9).
-- password_hash is self-describing: 'scrypt$N$r$p$salt$hash' (base64url), so the cost can be
-- raised later without invalidating existing passwords.
create table users (
  id uuid primary key default gen_random_uuid(),
  username text not null unique check (username = lower(username) and length(username) between 2 and 32),
  display_name text not null,
  role text not null check (role in ('admin', 'coordinator', 'officer', 'trainer')),
  scope_level text not null check (scope_level in ('prefecture', 'county', 'township')),
  scope_code text not null check (
    (scope_level = 'prefecture' and scope_code ~ '^[0-9]{4}$')
    or (scope_level = 'county' and scope_code ~ '^[0-9]{6}$')
    or (scope_level = 'township' and scope_code ~ '^[0-9]{9}$')
  ),
  password_hash text not null,
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- A signed-in device. The token itself is never stored, only its sha256: a leaked table does not
-- let anyone in. expires_at moves forward when the session is used (30 days after last use);
-- logging out or an admin's revocation deletes the row.
create table sessions (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null,
  last_used_at timestamptz not null,
  expires_at timestamptz not null,
  address text not null default '',
  user_agent text not null default ''
);
create index sessions_user on sessions (user_id);

-- Every sign-in attempt, for throttling by account and by address. Rows older than a day are
-- deleted by the login path.
create table login_attempts (
  id bigserial primary key,
  username text not null,
  address text not null,
  succeeded boolean not null,
  at timestamptz not null
);
create index login_attempts_username on login_attempts (username, at);
create index login_attempts_address on login_attempts (address, at);
create index login_attempts_at on login_attempts (at);
