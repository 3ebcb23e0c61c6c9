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

export interface PrefixBytes {
  prefix: string;
  readBytes: number;
  writeBytes: number;
}

/** Bytes by prefix of `a` and `times` × `b`, most first. */
export function addPrefixBytes(a: readonly PrefixBytes[], b: readonly PrefixBytes[], times = 1): PrefixBytes[] {
  const sums = new Map<string, PrefixBytes>();
  for (const [entries, factor] of [
    [a, 1],
    [b, times],
  ] as const)
    for (const entry of entries) {
      const sum = sums.get(entry.prefix) ?? { prefix: entry.prefix, readBytes: 0, writeBytes: 0 };
      sum.readBytes += entry.readBytes * factor;
      sum.writeBytes += entry.writeBytes * factor;
      sums.set(entry.prefix, sum);
    }
  return [...sums.values()].sort((x, y) => y.readBytes + y.writeBytes - (x.readBytes + x.writeBytes));
}

/** A store that counts the traffic through it; `take` hands over what was counted since the last call. */
export class CountingStore implements KeyValueStore {
  private traffic: KvsTraffic = { ...NO_TRAFFIC };
  /** Bytes read and written since `takeByPrefix`, by key prefix (the key's first two `:`-separated parts). */
  private prefixes = new Map<string, { readBytes: number; writeBytes: number }>();

  constructor(private readonly inner: KeyValueStore) {}

  async get<T>(key: string): Promise<T | undefined> {
    const value = await this.inner.get<T>(key);
    this.traffic.reads++;
    if (value !== undefined) this.count(key, Buffer.byteLength(JSON.stringify(value)), 0);
    return value;
  }

  async set<T>(key: string, value: T): Promise<void> {
    await this.inner.set(key, value);
    this.traffic.writes++;
    this.count(key, 0, Buffer.byteLength(JSON.stringify(value)));
  }

  async delete(key: string): Promise<void> {
    await this.inner.delete(key);
    this.traffic.deletes++;
  }

  async keysWithPrefix(prefix: string): Promise<string[]> {
    const keys = await this.inner.keysWithPrefix(prefix);
    this.traffic.queries++;
    this.count(
      prefix,
      keys.reduce((sum, key) => sum + Buffer.byteLength(key), 0),
      0,
    );
    return keys;
  }

  /** The bytes by key prefix counted since the last call, most first. */
  takeByPrefix(): PrefixBytes[] {
    const taken = addPrefixBytes(
      [...this.prefixes].map(([prefix, bytes]) => ({ prefix, ...bytes })),
      [],
    );
    this.prefixes = new Map();
    return taken;
  }

  private count(key: string, readBytes: number, writeBytes: number): void {
    this.traffic.readBytes += readBytes;
    this.traffic.writeBytes += writeBytes;
    const prefix = key.split(':').slice(0, 2).join(':');
    const bytes = this.prefixes.get(prefix) ?? { readBytes: 0, writeBytes: 0 };
    bytes.readBytes += readBytes;
    bytes.writeBytes += writeBytes;
    this.prefixes.set(prefix, bytes);
  }

  take(): KvsTraffic {
    const taken = this.traffic;
    this.traffic = { ...NO_TRAFFIC };
    return taken;
  }
}
