/**
 * What the Dexie-free hooks of live.ts read and write through, loaded by them with `import()`:
 * Dexie's liveQuery and the reads and writes of the first screens' hooks. The only module live.ts
 * loads, so Dexie's chunk comes after the first screen rather than before it.
 */
export { liveQuery } from 'dexie';
export { readSession, readLastSyncedAt, listRejected } from './sync-state';
export { readKeptAnswer, keepAnswer } from './kept';
export { readPaceSummary, writePaceSummary } from './notices';
export { readCountedFigures, readRecordsWithStamp, keepCountedFigures } from './stamp';
export { listRecords, newestRecords, listOutbox } from './queries';
