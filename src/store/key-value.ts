/**
 * The app's storage seam: Forge's KVS in production, an in-memory stand-in for tests and the local preview.
 * Values are JSON; Forge KVS limits keys to 500 characters and values to 240 KiB.
 */
export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  keysWithPrefix(prefix: string): Promise<string[]>;
}

/** The local stand-in: same behaviour, values deep-copied so callers cannot mutate what is stored. */
export class MemoryStore implements KeyValueStore {
  private readonly values = new Map<string, string>();

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
}
