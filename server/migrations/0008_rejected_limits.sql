-- Limits on what refused mutations leave on the server (server/sync/kept-rejections.ts,
-- docs/PROTOCOL.md "Limits"). rejected_bytes: the size of what this batch kept of its refused
-- mutations (rejected_mutations, as JSON text), counted against its user's allowance for any 24
-- hours. Batches stored before this migration count 0.
alter table push_results add column rejected_bytes integer not null default 0;

-- The allowance is summed per user over the last day: only batches that kept something.
create index push_results_kept on push_results (client_id, processed_at) where rejected_bytes > 0;
