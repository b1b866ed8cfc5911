-- Passwords to the standard of MLPS 2.0 level 2 (docs/SECURITY.md "身份鉴别 / Identity and
-- authentication", issue 14).

-- An admin set or reset this password (the admin knows it): until the user chooses their own,
-- a session of this user works only for changing the password (and /api/me, sign-out).
alter table users add column must_change_password boolean not null default false;

-- When the password was last set, for the optional expiry (PASSWORD_EXPIRY_DAYS, default 180).
-- Accounts that exist already count from this migration: an upgrade does not expire them at once.
alter table users add column password_changed_at timestamptz not null default now();
