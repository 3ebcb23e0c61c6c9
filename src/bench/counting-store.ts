import type { KeyValueStore } from '../store/key-value';

/**
 * What a piece of work read from and wrote to the key-value store, as Forge bills KVS: bytes of the values read and
 * written (as JSON, UTF-8), and of the keys a prefix query returned. A delete writes nothing but is counted.
 */
export interface KvsTraffic {
  reads: number;
  readBytes: number;
  writes: number;
  writeBytes: number;
  deletes: number;
  queries: number;
}

export const NO_TRAFFIC: KvsTraffic = { reads: 0, readBytes: 0, writes: 0, writeBytes: 0, deletes: 0, queries: 0 };

export function addTraffic(a: KvsTraffic, b: KvsTraffic, times = 1): KvsTraffic {
  return {
    reads: a.reads + b.reads * times,
    readBytes: a.readBytes + b.readBytes * times,
    writes: a.writes + b.writes * times,
    writeBytes: a.writeBytes + b.writeBytes * times,
    deletes: a.deletes + b.deletes * times,
    queries: a.queries + b.queries * times,
  };
}

/** A store that counts the traffic through it; `take` hands over what was counted since the last call. */
export class CountingStore implements KeyValueStore {
  private traffic: KvsTraffic = { ...NO_TRAFFIC };

  constructor(private readonly inner: KeyValueStore) {}

  async get<T>(key: string): Promise<T | undefined> {
    const value = await this.inner.get<T>(key);
    this.traffic.reads++;
    if (value !== undefined) this.traffic.readBytes += Buffer.byteLength(JSON.stringify(value));
    return value;
  }

  async set<T>(key: string, value: T): Promise<void> {
    await this.inner.set(key, value);
    this.traffic.writes++;
    this.traffic.writeBytes += Buffer.byteLength(JSON.stringify(value));
  }

  async delete(key: string): Promise<void> {
    await this.inner.delete(key);
    this.traffic.deletes++;
  }

  async keysWithPrefix(prefix: string): Promise<string[]> {
    const keys = await this.inner.keysWithPrefix(prefix);
    this.traffic.queries++;
    this.traffic.readBytes += keys.reduce((sum, key) => sum + Buffer.byteLength(key), 0);
    return keys;
  }

  take(): KvsTraffic {
    const taken = this.traffic;
    this.traffic = { ...NO_TRAFFIC };
    return taken;
  }
}
