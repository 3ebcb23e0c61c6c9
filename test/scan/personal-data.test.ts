import {
  addAccounts,
  CONFIG_SCOPE,
  CONFIG_VALUES,
  replaceAccounts,
  scanScope,
  scanValues,
  SITE_SCOPE,
  SITE_VALUES,
} from '../../src/scan/account-index';
import { readBlob, writeBlob, type BlobRef } from '../../src/scan/blob';
import { FORMER_USER, scrubClosedAccounts, storedAccounts } from '../../src/scan/personal-data';
import { MemoryStore, type KeyValueStore } from '../../src/store/key-value';

const CLOSED = { accountId: '712020:0c1d2e3f-aaaa-bbbb-cccc-123456789abc', displayName: 'Ann Example' };
const OTHER = { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Bo Other' };

/** Everything in the store, keys and values, as stored. */
async function everything(store: MemoryStore): Promise<string> {
  const keys = await store.keysWithPrefix('');
  return (await Promise.all(keys.map(async (key) => `${key}=${JSON.stringify(await store.get(key))}`))).join('\n');
}

describe('erasing a closed account from the store', () => {
  it('rewrites a blob stored in parts under a new id, re-points what refers to it, and leaves other people alone', async () => {
    const store = new MemoryStore();
    // An issue larger than one value: cut into string parts, where an id or a name may straddle two parts.
    const comments = Array.from({ length: 3000 }, (_, index) => ({
      id: String(index),
      author: index % 2 === 0 ? { ...CLOSED, emailAddress: 'ann@example.com' } : OTHER,
      body: `${CLOSED.displayName} agreed with ${OTHER.displayName}; Annual plan unchanged (${CLOSED.accountId})`,
    }));
    const ref = await writeBlob(store, 'scan:data:PAY:', { comments });
    expect(ref.parts).toBeGreaterThan(1);
    await store.set('scan:head:PAY', { projectKey: 'PAY', table: ref, fullScanAt: '2026-11-01T00:00:00.000Z' });
    await store.set('audit:report:PAY', { people: { [CLOSED.accountId]: CLOSED, [OTHER.accountId]: OTHER } });
    // Another project that does not name the closed account: its values are neither read nor rewritten.
    const otherRef = await writeBlob(store, 'scan:data:MOB:', [{ assignee: OTHER }]);
    await store.set('scan:head:MOB', { projectKey: 'MOB', table: otherRef, fullScanAt: '2026-11-01T00:00:00.000Z' });
    // The index the scan and the audit keep as they write those values.
    const both = [CLOSED.accountId, OTHER.accountId];
    await replaceAccounts(store, scanScope('PAY'), scanValues('PAY'), both, '2026-11-01T00:00:00.000Z');
    await replaceAccounts(store, 'audit:report:PAY', { prefixes: ['audit:report:PAY'] }, both, '2026-11-02T00:00:00Z');
    await replaceAccounts(store, scanScope('MOB'), scanValues('MOB'), [OTHER.accountId], '2026-11-01T00:00:00Z');

    expect([...(await storedAccounts(store)).accounts.keys()].sort()).toEqual(
      [CLOSED.accountId, OTHER.accountId].sort(),
    );
    const read: string[] = [];
    const counting: KeyValueStore = {
      get: (key) => (read.push(key), store.get(key)),
      set: (key, value) => store.set(key, value),
      delete: (key) => store.delete(key),
      keysWithPrefix: (prefix) => store.keysWithPrefix(prefix),
    };
    await scrubClosedAccounts(counting, [CLOSED.accountId]);
    expect(read.filter((key) => key.startsWith('scan:') && key.includes('MOB'))).toEqual([]);

    const stored = await everything(store);
    for (const trace of [CLOSED.accountId, CLOSED.displayName, 'ann@example.com']) expect(stored).not.toContain(trace);
    const head = (await store.get<{ table: BlobRef }>('scan:head:PAY'))!;
    expect(head.table.id).not.toBe(ref.id);
    const issue = (await readBlob<{ comments: typeof comments }>(store, 'scan:data:PAY:', head.table))!;
    expect(issue.comments).toHaveLength(3000);
    const [first, second] = issue.comments;
    expect(first!.author).toEqual({
      accountId: expect.stringMatching(/^former-user-/) as string,
      displayName: FORMER_USER,
    });
    expect(second!.author).toEqual(OTHER);
    expect(first!.body).toBe(
      `${FORMER_USER} agreed with ${OTHER.displayName}; Annual plan unchanged (${first!.author.accountId})`,
    );
    // The same placeholder wherever the account was named, and the account no longer counted as stored.
    const report = (await store.get<{ people: Record<string, unknown> }>('audit:report:PAY'))!;
    expect(Object.keys(report.people)).toContain(first!.author.accountId);
    const { accounts } = await storedAccounts(store);
    expect([...accounts]).toEqual([[OTHER.accountId, '2026-11-01T00:00:00.000Z']]);
  });

  it('scrubs the configuration kept apart from the plain values, as Forge keeps it, as a new version', async () => {
    const values = new MemoryStore();
    const entries = new MemoryStore();
    const store: KeyValueStore = {
      get: (key) => values.get(key),
      set: (key, value) => values.set(key, value),
      delete: (key) => values.delete(key),
      keysWithPrefix: (prefix) => values.keysWithPrefix(prefix),
      entries,
    };
    await store.set('scan:data::abcdefabcdef:0', { users: [CLOSED, OTHER] });
    await entries.writeEntry('config:site', 0, {
      version: 1,
      value: { roleMapping: { accounts: { pm: [CLOSED.accountId], po: [OTHER.accountId] } } },
      savedBy: CLOSED.accountId,
    });
    await replaceAccounts(store, SITE_SCOPE, SITE_VALUES, [CLOSED.accountId, OTHER.accountId], '2026-11-01T00:00:00Z');
    await addAccounts(store, CONFIG_SCOPE, CONFIG_VALUES, [CLOSED.accountId], '2026-11-01T00:00:00Z');
    await scrubClosedAccounts(store, [CLOSED.accountId]);
    const entry = (await entries.readEntry('config:site'))!;
    expect(entry.version).toBe(2);
    expect(JSON.stringify(entry)).not.toContain(CLOSED.accountId);
    expect(entry.savedBy).toMatch(/^former-user-/);
    expect(entry.value).toEqual({ roleMapping: { accounts: { pm: [entry.savedBy], po: [OTHER.accountId] } } });
  });
});
