import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyValueStore } from '../store/key-value';

/**
 * The benchmark's key-value store: one file a key in a directory, so that the scan, the audit job and the
 * resolvers each run in a process of their own over the same store, as Forge functions share KVS, and the memory
 * a process reports is its own rather than the store's.
 */
export class FileStore implements KeyValueStore {
  private writes = 0;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  async get<T>(key: string): Promise<T | undefined> {
    try {
      return JSON.parse(readFileSync(this.path(key), 'utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async set<T>(key: string, value: T): Promise<void> {
    writeFileSync(this.path(key), JSON.stringify(value));
    this.writes++;
  }

  async delete(key: string): Promise<void> {
    rmSync(this.path(key), { force: true });
  }

  async keysWithPrefix(prefix: string): Promise<string[]> {
    return this.keys()
      .filter((key) => key.startsWith(prefix))
      .sort();
  }

  /** Keys, bytes and the largest value held now; writes by this process since the last call. */
  figures(): { keys: number; bytes: number; largestValueBytes: number; writes: number } {
    const sizes = readdirSync(this.dir).map((name) => statSync(join(this.dir, name)).size);
    const figures = {
      keys: sizes.length,
      bytes: sizes.reduce((sum, size) => sum + size, 0),
      largestValueBytes: Math.max(0, ...sizes),
      writes: this.writes,
    };
    this.writes = 0;
    return figures;
  }

  private keys(): string[] {
    return readdirSync(this.dir).map((name) => decodeURIComponent(name));
  }

  private path(key: string): string {
    return join(this.dir, encodeURIComponent(key));
  }
}
