import { Filter, FilterConditions, ForgeKvsAPIError, kvs, WhereConditions } from '@forge/kvs';
import { StaleVersionError, type KeyValueStore, type VersionedEntry, type VersionedEntryStore } from './key-value';

/** The custom entity that holds versioned entries; manifest.yml declares it under `app.storage.entities`. */
export const ENTRY_ENTITY = 'config-entry';
/** The index on `entryKey` that lists entries by key prefix (an entity query can only go through an index). */
export const ENTRY_KEY_INDEX = 'entryKey';

/** An entry as the entity stores it: its own key repeated as an attribute, so that it can be listed by prefix. */
type StoredEntry = VersionedEntry & { entryKey: string };

/** The entity's attributes and their types, as manifest.yml must declare them (test/manifest checks). */
export const ENTRY_ATTRIBUTES: Record<keyof StoredEntry, 'string' | 'integer' | 'any'> = {
  entryKey: 'string',
  version: 'integer',
  formatVersion: 'integer',
  value: 'any',
  savedBy: 'string',
  savedAt: 'string',
};

/** Forge's key-value storage (`storage:app`), paged through with its cursor when listing keys. */
export class ForgeKvsStore implements KeyValueStore {
  readonly entries: VersionedEntryStore = new ForgeEntityEntries();

  async get<T>(key: string): Promise<T | undefined> {
    return kvs.get<T>(key);
  }

  async set<T>(key: string, value: T): Promise<void> {
    await kvs.set(key, value);
  }

  async delete(key: string): Promise<void> {
    await kvs.delete(key);
  }

  keysWithPrefix(prefix: string): Promise<string[]> {
    return plainKeysWithPrefix(prefix);
  }
}

/**
 * Versioned entries in a custom entity, because plain KVS keys have no compare-and-set. An update is a transaction
 * whose one `set` holds the condition `version = expected`; the first version is created with the key policy
 * FAIL_IF_EXISTS. Either way the storage service decides atomically, so of two invocations saving from the same
 * version one is refused, whichever container it runs on.
 *
 * Entries used to be plain KVS values under the same keys. One is still read from there until its first write
 * creates the entity (from the version it had), after which the plain value is deleted and never read again.
 */
class ForgeEntityEntries implements VersionedEntryStore {
  private readonly entity = kvs.entity<StoredEntry>(ENTRY_ENTITY);

  async readEntry(key: string): Promise<VersionedEntry | undefined> {
    // A plain value is deleted only once the entity holds it: if both reads miss, it moved in between.
    const stored = (await this.entity.get(key)) ?? (await kvs.get<VersionedEntry>(key)) ?? (await this.entity.get(key));
    return stored && withoutEntryKey(stored);
  }

  async writeEntry(key: string, expectedVersion: number, entry: VersionedEntry): Promise<void> {
    const stored: StoredEntry = { ...entry, entryKey: key };
    const existing = await this.entity.get(key);
    if (existing) {
      if (existing.version !== expectedVersion) throw new StaleVersionError(existing.version);
      const conditions = new Filter<StoredEntry>().and('version', FilterConditions.equalTo(expectedVersion));
      await this.refusedAsStale(key, expectedVersion, () =>
        kvs.transact().set(key, stored, { entityName: ENTRY_ENTITY, conditions }).execute(),
      );
      return;
    }
    const legacy = await kvs.get<VersionedEntry>(key);
    const current = legacy?.version ?? 0;
    if (current !== expectedVersion) throw new StaleVersionError(current);
    await this.refusedAsStale(key, expectedVersion, () =>
      this.entity.set(key, stored, { keyPolicy: 'FAIL_IF_EXISTS' }),
    );
    if (legacy) await kvs.delete(key);
  }

  async entryKeysWithPrefix(prefix: string): Promise<string[]> {
    const keys = new Set(await plainKeysWithPrefix(prefix));
    let cursor: string | undefined;
    do {
      let query = this.entity.query().index(ENTRY_KEY_INDEX).where(WhereConditions.beginsWith(prefix)).limit(100);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany();
      for (const result of page.results) keys.add(result.key);
      cursor = page.nextCursor;
    } while (cursor);
    return [...keys].sort();
  }

  /**
   * The storage service refuses a conditional write with an API error whose code its documentation does not list,
   * and refuses for other reasons too (rate limits, outages). What was stored decides: if the entry's version moved
   * on, someone else's write won; if not, the refusal had another cause and is passed on as it was.
   */
  private async refusedAsStale(key: string, expectedVersion: number, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (!(error instanceof ForgeKvsAPIError)) throw error;
      const current = (await this.entity.get(key))?.version ?? expectedVersion;
      if (current !== expectedVersion) throw new StaleVersionError(current);
      throw error;
    }
  }
}

/** Plain KVS keys, paged through with the query's cursor. */
async function plainKeysWithPrefix(prefix: string): Promise<string[]> {
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

function withoutEntryKey(stored: VersionedEntry & { entryKey?: string }): VersionedEntry {
  const { entryKey: _, ...entry } = stored;
  return entry;
}
