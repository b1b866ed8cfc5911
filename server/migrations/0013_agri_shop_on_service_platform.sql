-- Record migration 2 (src/domain/recordMigrations.ts; docs/ARCHITECTURE.md "Record migrations"):
-- agriShop.onPlatform is renamed onServicePlatform. The flag says the shop was brought onto the
-- rural e-commerce PUBLIC SERVICE platform (农村电子商务公共服务平台), not that it is on its own
-- `platform` (Taobao, JD…) beside it.
--
-- Every place the server keeps an agriShop's field by name is rewritten, in this one transaction,
-- exactly as the domain's step does it (server/db/record-migrations.test.ts compares the two):
-- the record itself, its per-field stamps (who changed the field at which version: the merge
-- decides on them), the change log's field lists (the history view), and the conflicts kept for
-- review (a field's name; the fields an update carried when it lost to a delete).
--
-- Not rewritten, on purpose: push_results.rejected_mutations and rescued_outboxes keep what a
-- device sent, as it sent it (evidence, never applied); reading one of schema version 1 means
-- reading the old name. Pushes from apps still on version 1 are upgraded on the way in
-- (server/sync/push.ts), so nothing of the old shape is written after this.

-- The record: the old key goes; its value moves to the new one (a record that somehow already
-- holds the new key keeps that value, as the domain's renameField does).
update records
set data = case
    when data ? 'onServicePlatform' then data - 'onPlatform'
    else (data - 'onPlatform') || jsonb_build_object('onServicePlatform', data -> 'onPlatform')
  end
where entity = 'agriShop' and data ? 'onPlatform';

-- field_stamps.v: {field: version it was last changed at}.
update records
set field_stamps = jsonb_set(
    field_stamps,
    '{v}',
    case
      when field_stamps -> 'v' ? 'onServicePlatform' then (field_stamps -> 'v') - 'onPlatform'
      else ((field_stamps -> 'v') - 'onPlatform')
        || jsonb_build_object('onServicePlatform', field_stamps -> 'v' -> 'onPlatform')
    end
  )
where entity = 'agriShop' and jsonb_typeof(field_stamps -> 'v') = 'object'
  and field_stamps -> 'v' ? 'onPlatform';

-- The change log: which fields each change touched.
update change_log
set fields = array_replace(fields, 'onPlatform', 'onServicePlatform')
where entity = 'agriShop' and 'onPlatform' = any (fields);

-- Conflicts: the field that two people changed …
update conflicts
set field = 'onServicePlatform'
where entity = 'agriShop' and field = 'onPlatform';

-- … and the fields an update carried when it lost to a delete ({"value": {field: value}}).
update conflicts
set losing_value = jsonb_build_object(
    'value',
    case
      when losing_value -> 'value' ? 'onServicePlatform' then (losing_value -> 'value') - 'onPlatform'
      else ((losing_value -> 'value') - 'onPlatform')
        || jsonb_build_object('onServicePlatform', losing_value -> 'value' -> 'onPlatform')
    end
  )
where entity = 'agriShop' and kind = 'deleted'
  and jsonb_typeof(losing_value -> 'value') = 'object'
  and losing_value -> 'value' ? 'onPlatform';
