/**
 * The sync engine's part of the local database: applying the server's answers (sync-apply.ts)
 * and the completeness check with its digests (completeness.ts, with @noble/hashes and the
 * protocol's schemas). Apart from ./index.ts so the screens, whose first read goes through
 * index.ts, do not load it before their data (docs/PERFORMANCE.md, "Size"); src/sync imports it.
 */
export {
  applyPullPage,
  finishRebootstrap,
  recordRejections,
  rebaseOnServerRow,
  type PullPage,
  type ApplySummary,
  type RejectionOutcome,
} from './sync-apply';
export {
  applyRepair,
  localBucketDigests,
  localDigests,
  pendingRecordKeys,
  readCompletenessCheck,
  useCompletenessCheck,
  writeCompletenessCheck,
  type CompletenessCheck,
} from './completeness';
