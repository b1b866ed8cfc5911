/** What a first screen reads before its first render (firstAnswers.ts), either way it is read. */
import type { EntityName } from '../domain/entities';
import type { KeptAnswer } from './kept';
import type { PaceSummary } from './notices';
import type { NewestPage } from './queries';
import type { CountedState } from './stamp';
import type { RejectedEntry, StoredSession } from './sync-state';

/**
 * The reads a first screen can make, without Dexie (rawFirst.ts) or through it
 * (dexieFirstReader.ts); each keeps its answer for the hook that starts from it.
 */
export interface FirstReader {
  session(): Promise<StoredSession | null>;
  lastSyncedAt(): Promise<string | null>;
  keptAnswer<T>(key: string): Promise<KeptAnswer<T> | null>;
  countedFigures<T>(name: string): Promise<CountedState<T>>;
  newestRecords<E extends EntityName>(entity: E, limit: number): Promise<NewestPage<E>>;
  rejected(): Promise<RejectedEntry[]>;
  paceSummary(): Promise<PaceSummary | null>;
}
