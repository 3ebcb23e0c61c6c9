/**
 * The app's storage seam: Forge's KVS in production, an in-memory stand-in for tests and the local preview.
 * Values are JSON; Forge KVS limits keys to 500 characters and values to 240 KiB.
 */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  keysWithPrefix(prefix: string): Promise<string[]>;
  /**
   * Versioned entries with an atomic compare-and-set, when the store has one of its own. A store without
   * (a plain file store) is given `serialisedEntries`, atomic only within one process.
   */
  readonly entries?: VersionedEntryStore;
}

/**
 * One versioned entry (a configuration part). `version` counts writes and is what compare-and-set compares;
 * `formatVersion` is the format of `value`, absent in entries written before formats were numbered.
 */
export interface VersionedEntry {
  version: number;
  formatVersion?: number;
  value: unknown;
  savedBy?: string;
  savedAt?: string;
}

/** A compare-and-set lost: the entry's version was no longer the one the writer had read. Nothing was written. */
export class StaleVersionError extends Error {
  constructor(readonly current: number) {
    super(
      `The settings were changed by someone else (now version ${current}); reload them and make your change again.`,
    );
    this.name = 'StaleVersionError';
  }
}

export interface VersionedEntryStore {
  readEntry(key: string): Promise<VersionedEntry | undefined>;
  /**
   * Writes `entry` under `key` if, at the moment of writing, the stored entry's version is `expectedVersion` (0: there
   * is no entry yet); otherwise writes nothing and throws StaleVersionError with the version stored now. Of any
   * number of writers racing from the same version, exactly one succeeds.
   */
  writeEntry(key: string, expectedVersion: number, entry: VersionedEntry): Promise<void>;
  entryKeysWithPrefix(prefix: string): Promise<string[]>;
}

/** The store's own versioned entries, or compare-and-set made one at a time per store within this process. */
export function versionedEntries(store: KeyValueStore): VersionedEntryStore {
  return store.entries ?? serialisedEntries(store);
}

const serialised = new WeakMap<KeyValueStore, VersionedEntryStore>();

/**
 * Versioned entries kept as plain values of a store that has no compare-and-set: each check-and-write runs after
 * the ones already started on the same store, so it is atomic within this process only.
 */
function serialisedEntries(store: KeyValueStore): VersionedEntryStore {
  const existing = serialised.get(store);
  if (existing) return existing;
  let queue: Promise<unknown> = Promise.resolve();
  const entries: VersionedEntryStore = {
    readEntry: (key) => store.get<VersionedEntry>(key),
    writeEntry: (key, expectedVersion, entry) => {
      const write = async () => {
        const current = (await store.get<VersionedEntry>(key))?.version ?? 0;
        if (current !== expectedVersion) throw new StaleVersionError(current);
        await store.set(key, entry);
      };
      const run = queue.then(write, write);
      queue = run.catch(() => undefined);
      return run;
    },
    entryKeysWithPrefix: (prefix) => store.keysWithPrefix(prefix),
  };
  serialised.set(store, entries);
  return entries;
}

/**
 * The local stand-in: same behaviour, values deep-copied so callers cannot mutate what is stored. Versioned entries
 * are kept under their keys among the plain values (Forge keeps them apart, see ForgeKvsStore); a compare-and-set
 * checks and writes in one synchronous step, so it is atomic however many callers race.
 */
export class MemoryStore implements KeyValueStore, VersionedEntryStore {
  private readonly values = new Map<string, string>();
  readonly entries: VersionedEntryStore = this;

  async get<T>(key: string): Promise<T | undefined> {
    const text = this.values.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async set<T>(key: string, value: T): Promise<void> {
    this.values.set(key, JSON.stringify(value));
  }

  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }

  async keysWithPrefix(prefix: string): Promise<string[]> {
    return [...this.values.keys()].filter((key) => key.startsWith(prefix)).sort();
  }

  readEntry(key: string): Promise<VersionedEntry | undefined> {
    return this.get<VersionedEntry>(key);
  }

  async writeEntry(key: string, expectedVersion: number, entry: VersionedEntry): Promise<void> {
    const text = this.values.get(key);
    const current = text === undefined ? 0 : (JSON.parse(text) as VersionedEntry).version;
    if (current !== expectedVersion) throw new StaleVersionError(current);
    this.values.set(key, JSON.stringify(entry));
  }

  entryKeysWithPrefix(prefix: string): Promise<string[]> {
    return this.keysWithPrefix(prefix);
  }
}
