-- A user's area may be a province (issue 16; src/domain/levels.ts, docs/REGIONS.md "A province
-- deployment"): REGION=33 has a province admin over its prefectures. Only the checks of 0002
-- change: a province's code has 2 digits. Nothing else stores a scope level.
alter table users drop constraint users_scope_level_check;
alter table users drop constraint users_check;
alter table users add constraint users_scope_level_check
  check (scope_level in ('province', 'prefecture', 'county', 'township'));
alter table users add constraint users_scope_code_check check (
  (scope_level = 'province' and scope_code ~ '^[0-9]{2}$')
  or (scope_level = 'prefecture' and scope_code ~ '^[0-9]{4}$')
  or (scope_level = 'county' and scope_code ~ '^[0-9]{6}$')
  or (scope_level = 'township' and scope_code ~ '^[0-9]{9}$')
);
