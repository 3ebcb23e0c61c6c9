import { startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import type { RestIssue, SiteSnapshot } from '../../src/jira/snapshot';
import { BackgroundScanner, markIssue } from '../../src/scan';
import { ProjectCache } from '../../src/scan/cache';
import { MemoryStore } from '../../src/store/key-value';
import { clientFor, comparable, demo, PROJECT_KEYS, renamed, scanToEnd, withIssues } from './support';

let emulator: RunningEmulator;
let store: MemoryStore;
const scanner = new BackgroundScanner();

beforeEach(async () => {
  emulator = await startEmulator(demo);
  store = new MemoryStore();
  const client = clientFor(emulator);
  for (const key of PROJECT_KEYS) await scanToEnd(scanner, client, store, key);
  // The first refresh after a full scan also lists ids once; what follows is the steady state.
  for (const key of PROJECT_KEYS) await scanToEnd(scanner, client, store, key);
});
afterEach(async () => {
  await emulator.close();
});

function projectOf(issue: RestIssue): string {
  return issue.key.slice(0, issue.key.lastIndexOf('-'));
}

describe('an incremental refresh', () => {
  it('costs at most 3 requests per project when nothing changed, and changes nothing', async () => {
    const before = await scanner.cachedSnapshot(store);
    for (const key of PROJECT_KEYS) {
      const client = clientFor(emulator);
      emulator.resetStats();
      const [result, ...more] = await scanToEnd(scanner, client, store, key);
      expect(more).toEqual([]);
      expect(result).toMatchObject({ done: true, kind: 'incremental', issuesWritten: 0 });
      expect(result!.requests).toBe(emulator.stats().requests);
      expect(result!.requests).toBeLessThanOrEqual(3);
      expect(emulator.stats().byRoute['POST /rest/api/3/changelog/bulkfetch']).toBeUndefined();
    }
    const after = await scanner.cachedSnapshot(store);
    expect({ ...after, capturedAt: undefined }).toEqual({ ...before, capturedAt: undefined });
  });

  it('reads only the issues that changed, and the cache then matches the changed site', async () => {
    const at = emulator.siteNow().toISOString();
    const targets = demo.issues
      .filter((issue) => projectOf(issue) === 'MOB')
      .slice(3, 6)
      .map((issue) => issue.id);
    const changed = withIssues(demo, (issues) =>
      issues.map((issue) =>
        targets.includes(issue.id)
          ? renamed(issue, at, `Reworded ${issue.key}`, String(9_000_000 + Number(issue.id)))
          : issue,
      ),
    );
    emulator.replaceSnapshot(changed);

    const client = clientFor(emulator);
    emulator.resetStats();
    const results = await scanToEnd(scanner, client, store, 'MOB');
    const stats = emulator.stats();
    expect(results.reduce((sum, result) => sum + result.issuesWritten, 0)).toBe(3);
    expect(stats.byRoute['POST /rest/api/3/search/jql']?.requests).toBe(1);
    expect(stats.byRoute['POST /rest/api/3/changelog/bulkfetch']?.requests).toBe(1);
    // Changelogs are fetched for the 3 changed issues only: one point per request and per history returned.
    const histories = changed.issues
      .filter((issue) => targets.includes(issue.id))
      .reduce((sum, issue) => sum + issue.changelog!.histories.length, 0);
    expect(stats.byRoute['POST /rest/api/3/changelog/bulkfetch']?.points).toBe(1 + histories);
    expect(comparable((await scanner.cachedSnapshot(store))!)).toEqual(comparable(changed));
  });

  it('drops an issue a product event said was deleted, without listing ids', async () => {
    const gone = demo.issues.find((issue) => projectOf(issue) === 'PAY' && !issue.fields.parent)!;
    const remaining = withIssues(demo, (issues) => issues.filter((issue) => issue.id !== gone.id));
    emulator.replaceSnapshot(remaining);
    await markIssue(store, 'PAY', {
      kind: 'deleted',
      issueId: gone.id,
      issueKey: gone.key,
      at: new Date().toISOString(),
    });

    const client = clientFor(emulator);
    emulator.resetStats();
    await scanToEnd(scanner, client, store, 'PAY');
    expect(emulator.stats().requests).toBe(1);
    const cached = (await scanner.cachedSnapshot(store))!;
    expect(cached.issues.some((issue) => issue.id === gone.id)).toBe(false);
    expect(comparable(cached)).toEqual(comparable(remaining));
    expect(await store.keysWithPrefix('scan:mark:PAY:')).toEqual([]);
  });

  it('finds deleted and skipped issues by listing ids when asked', async () => {
    const payIssues = demo.issues.filter((issue) => projectOf(issue) === 'PAY');
    const gone = payIssues[payIssues.length - 1]!;
    const next: SiteSnapshot = withIssues(demo, (issues) => issues.filter((issue) => issue.id !== gone.id));
    emulator.replaceSnapshot(next);
    // An issue the cache lacks though Jira never said it changed, as when a page shifted during a long scan.
    const lost = payIssues[10]!;
    await (await ProjectCache.load(store, 'PAY'))!.apply([], [{ id: lost.id, key: lost.key }]);
    expect((await scanner.cachedSnapshot(store))!.issues.some((issue) => issue.id === lost.id)).toBe(false);

    const client = clientFor(emulator);
    emulator.resetStats();
    const results = await scanToEnd(scanner, client, store, 'PAY', { checkDeleted: true });
    expect(results.every((result) => result.kind === 'incremental')).toBe(true);
    // The `updated >=` search, one ids page, the lost issue by id, its changelog.
    expect(emulator.stats().requests).toBe(4);
    const cached = (await scanner.cachedSnapshot(store))!;
    expect(cached.issues.some((issue) => issue.id === gone.id)).toBe(false);
    expect(cached.issues.some((issue) => issue.id === lost.id)).toBe(true);
    expect(comparable(cached)).toEqual(comparable(next));
  });
});
