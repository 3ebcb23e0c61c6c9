import { kvs, WhereConditions } from '@forge/kvs';
import type { KeyValueStore } from './key-value';

/** Forge's key-value storage (`storage:app`), paged through with its cursor when listing keys. */
export class ForgeKvsStore implements KeyValueStore {
  async get<T>(key: string): Promise<T | undefined> {
    return kvs.get<T>(key);
  }

  async set<T>(key: string, value: T): Promise<void> {
    await kvs.set(key, value);
  }

  async delete(key: string): Promise<void> {
    await kvs.delete(key);
  }

  async keysWithPrefix(prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let cursor: string | undefined;
    do {
      let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(100);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany<unknown>();
      keys.push(...page.results.map((result) => result.key));
      cursor = page.nextCursor;
    } while (cursor);
    return keys;
  }
}
