/**
 * Page model of what the phone keeps in its own database (IndexedDB 'cundian'): the few raw reads
 * a story needs to prove something the screen cannot show, such as how many changes wait in the
 * outbox. Read straight from IndexedDB (not through the app), so it sees what a reload would.
 */
import type { Page } from 'playwright-core';
import { ENTITY_TABLES } from '../../../src/db/schema';
import { ENTITY_NAMES } from '../../../src/domain/entities';

/** entity → record id → version. */
export type Holdings = Record<string, Record<string, number>>;

export class PhoneStore {
  constructor(readonly page: Page) {}

  /** Rows in one store of the app's database. */
  count(store: string): Promise<number> {
    return this.page.evaluate(
      (name) =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('cundian');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(name, 'readonly');
            const count = tx.objectStore(name).count();
            count.onsuccess = () => {
              resolve(count.result);
              open.result.close();
            };
            count.onerror = () => reject(count.error);
          };
        }),
      store,
    );
  }

  /** Changes waiting on the phone to be uploaded. */
  outboxCount(): Promise<number> {
    return this.count('outbox');
  }

  /** The photos kept on the phone: size in bytes, pixels and type of each. */
  attachments(): Promise<{ size: number; width: number; height: number; type: string }[]> {
    return this.page.evaluate(
      () =>
        new Promise<{ size: number; width: number; height: number; type: string }[]>(
          (resolve, reject) => {
            const open = indexedDB.open('cundian');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const all = open.result
                .transaction('attachments')
                .objectStore('attachments')
                .getAll();
              all.onsuccess = () => {
                resolve(
                  all.result.map(
                    (a: { size: number; width: number; height: number; type: string }) => ({
                      size: a.size,
                      width: a.width,
                      height: a.height,
                      type: a.type,
                    }),
                  ),
                );
                open.result.close();
              };
            };
          },
        ),
    );
  }

  /** What the phone holds of every synced entity: entity → id → version of its live records. */
  liveVersions(): Promise<Holdings> {
    const tables = Object.fromEntries(ENTITY_NAMES.map((e) => [e, ENTITY_TABLES[e]]));
    return this.page.evaluate(
      (stores) =>
        new Promise<Record<string, Record<string, number>>>((resolve, reject) => {
          const open = indexedDB.open('cundian');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(Object.values(stores), 'readonly');
            const out: Record<string, Record<string, number>> = {};
            for (const [entity, store] of Object.entries(stores)) {
              const request = tx.objectStore(store).getAll();
              request.onsuccess = () => {
                for (const row of request.result as {
                  id: string;
                  version: number;
                  deleted: boolean;
                }[]) {
                  if (!row.deleted) (out[entity] ??= {})[row.id] = row.version;
                }
              };
            }
            tx.oncomplete = () => {
              db.close();
              resolve(out);
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      tables,
    );
  }

  /**
   * Marks one record deleted in the phone's database, as a pull of a merge or a deletion leaves
   * it — without the server, to see what the screens do with a record that is gone.
   */
  markDeleted(store: string, id: string): Promise<void> {
    return this.page.evaluate(
      ([name, recordId]) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('cundian');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const table = open.result.transaction(name, 'readwrite').objectStore(name);
            const get = table.get(recordId);
            get.onsuccess = () => {
              table.put({ ...get.result, deleted: true });
              table.transaction.oncomplete = () => {
                open.result.close();
                resolve();
              };
            };
          };
        }),
      [store, id] as const,
    );
  }
}
