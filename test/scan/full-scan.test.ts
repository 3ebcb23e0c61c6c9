import { startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import { BackgroundScanner, readCachedSite } from '../../src/scan';
import { MemoryStore } from '../../src/store/key-value';
import { clientFor, comparable, demo, PROJECT_KEYS, scanToEnd } from './support';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator(demo);
});
afterAll(async () => {
  await emulator.close();
});

describe('a full scan in time-boxed steps', () => {
  it('caches exactly the site the snapshot holds, however small the steps', async () => {
    const store = new MemoryStore();
    const scanner = new BackgroundScanner();
    const client = clientFor(emulator);
    let steps = 0;
    for (const key of PROJECT_KEYS) {
      const results = await scanToEnd(scanner, client, store, key, { timeBudgetMs: 0 });
      steps += results.length;
      expect(results.every((result) => result.kind === 'full' && result.problems.length === 0)).toBe(true);
    }
    expect(steps).toBeGreaterThan(PROJECT_KEYS.length * 3);
    const snapshot = await scanner.cachedSnapshot(store);
    expect(comparable(snapshot!)).toEqual(comparable(demo));
  });
});

describe('projects scanned side by side', () => {
  it('read the site data (fields, groups) once between them', async () => {
    const store = new MemoryStore();
    const scanner = new BackgroundScanner();
    emulator.resetStats();
    await Promise.all(PROJECT_KEYS.map((key) => scanToEnd(scanner, clientFor(emulator), store, key)));
    const routes = emulator.stats().byRoute;
    expect(routes['GET /rest/api/3/serverInfo']?.requests).toBe(1);
    expect(routes['GET /rest/api/3/field']?.requests).toBe(1);
    expect(comparable((await scanner.cachedSnapshot(store))!)).toEqual(comparable(demo));
  });
});

describe('what a scan could not read', () => {
  it('is kept with the cache and reported with it until it is read again', async () => {
    const [login] = Object.entries(demo.permissions ?? {}).find(
      ([, grant]) => !grant.admin && (grant.projectAdmin?.length ?? 0) === 0,
    )!;
    const store = new MemoryStore();
    const scanner = new BackgroundScanner();
    const client = clientFor(emulator, login);
    const [first] = await scanToEnd(scanner, client, store, 'MOB');
    expect(first!.problems.map((problem) => problem.message)).toEqual([expect.stringContaining('project roles')]);
    const refresh = await scanToEnd(scanner, client, store, 'MOB');
    expect(refresh.every((result) => result.kind === 'incremental' && result.problems.length === 0)).toBe(true);
    const cached = (await readCachedSite(store))!;
    expect(cached.problems).toEqual([
      expect.objectContaining({ scope: 'project', ref: 'MOB', message: expect.stringContaining('project roles') }),
    ]);
  });
});
