/** The studio's KeyValueStorage in IndexedDB: one database, one object store of records by key. */
import type { KeyValueStorage } from './store.ts';

const STORE = 'records';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

export async function indexedDbStorage(name = 'doudi-studio'): Promise<KeyValueStorage> {
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    if (!open.result.objectStoreNames.contains(STORE)) open.result.createObjectStore(STORE);
  };
  const db = await request(open);
  const tx = (mode: IDBTransactionMode) => db.transaction(STORE, mode).objectStore(STORE);
  const done = (t: IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onerror = () => reject(t.error);
      t.onabort = () => reject(t.error);
    });
  return {
    get: (key) => request(tx('readonly').get(key)),
    async set(key, value) {
      const s = tx('readwrite');
      s.put(value, key);
      await done(s.transaction);
    },
    async delete(key) {
      const s = tx('readwrite');
      s.delete(key);
      await done(s.transaction);
    },
  };
}
