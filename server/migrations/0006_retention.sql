-- Retention of push answers (server/maintenance.ts, docs/PROTOCOL.md "Retention").
-- results_pruned_through: the highest mutation id of a device whose batch answer was pruned. A
-- retried push of a mutation at or below it is told that its answer is no longer kept, rather
-- than that it was never processed. The device's last_mutation_id is never pruned, so nothing is
-- ever applied twice.
alter table clients add column results_pruned_through bigint not null default 0;

-- The maintenance step finds old answers by age.
create index push_results_processed on push_results (processed_at);
