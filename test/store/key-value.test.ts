import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  MemoryStore,
  StaleVersionError,
  versionedEntries,
  type KeyValueStore,
  type VersionedEntry,
} from '../../src/store/key-value';

const entry = (version: number, value: unknown): VersionedEntry => ({ version, value });

/** A store with no compare-and-set of its own whose every call waits a turn, so racing callers interleave. */
class PlainSlowStore implements KeyValueStore {
  private readonly inner = new Map<string, string>();
  async get<T>(key: string) {
    await nextTurn();
    const text = this.inner.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }
  async set<T>(key: string, value: T) {
    await nextTurn();
    this.inner.set(key, JSON.stringify(value));
  }
  async delete(key: string) {
    this.inner.delete(key);
  }
  async keysWithPrefix(prefix: string) {
    return [...this.inner.keys()].filter((key) => key.startsWith(prefix)).sort();
  }
}

/** Races `writers` compare-and-sets from `expected` and reports who won and what the others were told. */
async function race(store: KeyValueStore, writers: number, expected: number) {
  const entries = versionedEntries(store);
  const outcomes = await Promise.allSettled(
    Array.from({ length: writers }, (_, index) =>
      entries.writeEntry('k', expected, entry(expected + 1, `writer-${index}`)),
    ),
  );
  const winners = outcomes.flatMap((outcome, index) => (outcome.status === 'fulfilled' ? [index] : []));
  const told = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  return { winners, told, stored: await entries.readEntry('k') };
}

describe.each([
  ['MemoryStore (its own compare-and-set)', () => new MemoryStore()],
  ['a plain store (compare-and-set serialised in this process)', () => new PlainSlowStore()],
])('versioned entries of %s', (_name, makeStore) => {
  it('creates an entry once when a hundred writers race from version 0', async () => {
    const { winners, told, stored } = await race(makeStore(), 100, 0);
    expect(winners).toHaveLength(1);
    expect(told).toEqual(Array<StaleVersionError>(99).fill(new StaleVersionError(1)));
    expect(stored).toEqual(entry(1, `writer-${winners[0]}`));
  });

  it('moves an entry on once when a hundred writers race from its version, and the winner is what is stored', async () => {
    const store = makeStore();
    const entries = versionedEntries(store);
    await entries.writeEntry('k', 0, entry(1, 'first'));
    await entries.writeEntry('k', 1, entry(2, 'second'));
    const { winners, told, stored } = await race(store, 100, 2);
    expect(winners).toHaveLength(1);
    expect(told).toEqual(Array<StaleVersionError>(99).fill(new StaleVersionError(3)));
    expect(stored).toEqual(entry(3, `writer-${winners[0]}`));
  });

  it('refuses a write from a version that is not the stored one, and writes nothing', async () => {
    const entries = versionedEntries(makeStore());
    await expect(entries.writeEntry('k', 1, entry(2, 'ahead'))).rejects.toEqual(new StaleVersionError(0));
    await entries.writeEntry('k', 0, entry(1, 'first'));
    await expect(entries.writeEntry('k', 0, entry(1, 'again'))).rejects.toEqual(new StaleVersionError(1));
    await expect(entries.writeEntry('k', 2, entry(3, 'ahead'))).rejects.toEqual(new StaleVersionError(1));
    expect(await entries.readEntry('k')).toEqual(entry(1, 'first'));
    expect(await entries.entryKeysWithPrefix('')).toEqual(['k']);
  });
});

describe('MemoryStore', () => {
  it('is its own versioned entry store, its entries read as plain values under the same keys', async () => {
    const store = new MemoryStore();
    expect(versionedEntries(store)).toBe(store);
    await store.writeEntry('config:site', 0, entry(1, { a: 1 }));
    expect(await store.get('config:site')).toEqual(entry(1, { a: 1 }));
    expect(await store.keysWithPrefix('config:')).toEqual(['config:site']);
  });
});
