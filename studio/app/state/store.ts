/**
 * What the studio keeps between visits, behind a small key-value interface (IndexedDB in the
 * browser, a Map in tests). Every record is an envelope with a schema version; a record of an
 * older version is migrated when read, one of a newer version (written by a newer studio) is left
 * alone. Writes are "latest wins": a burst of edits is written as its last state, and a write
 * never waits for more than the one in flight.
 */
import type { Scenario } from './scenario.ts';

export interface KeyValueStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

export const SCHEMA_VERSION = 1;

export interface SavedWorkspace {
  /** files that differ from the shipped ones, and new files, by path */
  readonly files: Readonly<Record<string, string>>;
  /** shipped files the user closed for good */
  readonly removed: readonly string[];
  /** open tabs, in order, and the active one */
  readonly open: readonly string[];
  readonly active: string;
}

export interface SavedScenarios {
  readonly current: Scenario;
  readonly saved: readonly Scenario[];
}

interface Envelope<T> {
  readonly schema: number;
  readonly savedAt: string;
  readonly data: T;
}

const KEYS = { workspace: 'workspace', scenarios: 'scenarios' } as const;

/** Brings a stored record to the current schema, or undefined when it cannot be read. */
export function migrate<T>(key: string, raw: unknown): T | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Partial<Envelope<unknown>> & Record<string, unknown>;
  // Schema 0 (before envelopes): the data itself.
  let schema = typeof r.schema === 'number' ? r.schema : 0;
  let data: unknown = schema === 0 ? raw : r.data;
  if (schema > SCHEMA_VERSION) return undefined;
  if (schema === 0) {
    if (key === KEYS.workspace) {
      const w = data as { files?: Record<string, string>; open?: string[]; active?: string };
      data = { files: w.files ?? {}, removed: [], open: w.open ?? [], active: w.active ?? w.open?.[0] ?? '' };
    }
    schema = 1;
  }
  return valid(key, data) ? (data as T) : undefined;
}

function valid(key: string, data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return false;
  if (key === KEYS.workspace) {
    const w = data as SavedWorkspace;
    return typeof w.files === 'object' && w.files !== null && Object.values(w.files).every((t) => typeof t === 'string') && Array.isArray(w.open) && typeof w.active === 'string' && Array.isArray(w.removed);
  }
  if (key === KEYS.scenarios) {
    const s = data as SavedScenarios;
    return typeof s.current === 'object' && s.current !== null && Array.isArray(s.saved);
  }
  return true;
}

/** Writes the latest value given, one write at a time. */
export class LatestWriter<T> {
  private inflight: Promise<void> | undefined;
  private pending: { value: T } | undefined;
  private waiters: (() => void)[] = [];
  /** set when a write failed (the studio shows it) */
  lastError: unknown;

  constructor(private readonly write: (value: T) => Promise<void>) {}

  /** Resolves once this value, or a later one, is written. */
  put(value: T): Promise<void> {
    this.pending = { value };
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    if (!this.inflight) this.inflight = this.drain();
    return done;
  }

  private async drain(): Promise<void> {
    while (this.pending) {
      const { value } = this.pending;
      const waiters = this.waiters;
      this.pending = undefined;
      this.waiters = [];
      try {
        await this.write(value);
        this.lastError = undefined;
      } catch (e) {
        this.lastError = e;
      }
      waiters.forEach((w) => w());
    }
    this.inflight = undefined;
  }

  /** Resolves when nothing is left to write. */
  async flush(): Promise<void> {
    while (this.inflight) await this.inflight;
  }
}

export class StudioStore {
  private readonly writers = new Map<string, LatestWriter<unknown>>();

  constructor(private readonly storage: KeyValueStorage) {}

  private writer(key: string): LatestWriter<unknown> {
    let w = this.writers.get(key);
    if (!w) {
      w = new LatestWriter((data) => this.storage.set(key, { schema: SCHEMA_VERSION, savedAt: new Date().toISOString(), data } satisfies Envelope<unknown>));
      this.writers.set(key, w);
    }
    return w;
  }

  private async read<T>(key: string): Promise<T | undefined> {
    try {
      return migrate<T>(key, await this.storage.get(key));
    } catch {
      return undefined;
    }
  }

  loadWorkspace(): Promise<SavedWorkspace | undefined> {
    return this.read(KEYS.workspace);
  }

  saveWorkspace(w: SavedWorkspace): Promise<void> {
    return this.writer(KEYS.workspace).put(w);
  }

  loadScenarios(): Promise<SavedScenarios | undefined> {
    return this.read(KEYS.scenarios);
  }

  saveScenarios(s: SavedScenarios): Promise<void> {
    return this.writer(KEYS.scenarios).put(s);
  }

  async clear(): Promise<void> {
    await this.flush();
    await Promise.all(Object.values(KEYS).map((k) => this.storage.delete(k)));
  }

  async flush(): Promise<void> {
    await Promise.all([...this.writers.values()].map((w) => w.flush()));
  }

  /** The error of the last failed write, if the last write failed. */
  get writeError(): unknown {
    for (const w of this.writers.values()) if (w.lastError) return w.lastError;
    return undefined;
  }
}

/** Storage in memory (tests, and a browser without IndexedDB). */
export function memoryStorage(): KeyValueStorage & { readonly map: Map<string, unknown> } {
  const map = new Map<string, unknown>();
  return {
    map,
    get: async (k) => structuredClone(map.get(k)),
    set: async (k, v) => void map.set(k, structuredClone(v)),
    delete: async (k) => void map.delete(k),
  };
}
