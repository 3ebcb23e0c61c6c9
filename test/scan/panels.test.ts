import { demoConfig } from '../../src/dev/demo';
import { startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import { JiraClient } from '../../src/jira/client';
import { HttpTransport } from '../../src/jira/transport-http';
import { MemoryJobQueue, runScheduledLocally, type JobServices } from '../../src/jobs';
import type { ResolverApi, ResolverName } from '../../src/resolvers/api';
import { runHandler } from '../../src/resolvers/registry';
import type { AppServices } from '../../src/resolvers/services';
import { RULE_METAS } from '../../src/rules';
import { BackgroundScanner } from '../../src/scan';
import { ConfigRepository } from '../../src/store/config-store';
import { MemoryStore } from '../../src/store/key-value';
import { withoutIssueSecurity } from '../resolvers/visibility';
import { ADMIN, demo } from './support';

/** The panels' resolvers over the cache the background pipeline filled, each call as one of the demo's people. */
const permissions = Object.entries(demo.permissions ?? {});
const [RESTRICTED, RESTRICTED_GRANT] = permissions.find(
  ([, grant]) => !grant.admin && (grant.projects?.length ?? 0) < demo.projects.length,
)!;
const HIDDEN = demo.projects.map((project) => project.key).filter((key) => !RESTRICTED_GRANT.projects!.includes(key));
const PAY_PO = demo.projectRoles
  .PAY!.find((role) => role.name === 'Product Owner')!
  .actors!.find((actor) => actor.actorUser)!.actorUser!.accountId;
const PAY_BOARD = demo.boards.find((board) => board.location?.projectKey === 'PAY')!;

let emulator: RunningEmulator;

async function freshStore(): Promise<MemoryStore> {
  const store = new MemoryStore();
  await new ConfigRepository(store, RULE_METAS).saveSite(demoConfig(), 0, { at: new Date(demo.capturedAt!) });
  return store;
}

async function fillCache(store: MemoryStore): Promise<void> {
  const queue = new MemoryJobQueue();
  const services: JobServices = {
    jira: () => new JiraClient(new HttpTransport({ baseUrl: emulator.url, email: ADMIN, apiToken: 'app' })),
    store,
    queue,
    scanner: new BackgroundScanner(),
    now: () => new Date(demo.capturedAt!),
    stepBudgetMs: 60_000,
  };
  await runScheduledLocally({ ...services, queue });
}

function call<K extends ResolverName>(store: MemoryStore, name: K, as: string, payload: ResolverApi[K]['payload']) {
  const services: AppServices = {
    jiraAsUser: () => new JiraClient(new HttpTransport({ baseUrl: emulator.url, email: as, apiToken: 'user' })),
    jiraAsApp: () => new JiraClient(new HttpTransport({ baseUrl: emulator.url, email: ADMIN, apiToken: 'app' })),
    store,
    now: () => new Date(demo.capturedAt!),
  };
  return runHandler(name, services, payload, { accountId: as, moduleKey: 'test', extension: {} });
}

async function data<T>(
  response: Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>,
): Promise<T> {
  const result = await response;
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

beforeEach(async () => {
  // Issue security costs a view one more request and its trend for whoever a level leaves out (its own suite,
  // test/resolvers/issue-security.test.ts): here a project's issues are all seen by who browses it.
  emulator = await startEmulator(withoutIssueSecurity(demo));
});
afterEach(async () => {
  await emulator.close();
});

describe('panels over the cache', () => {
  it('show what a live read shows, say they come from the cache, and read Jira only to list what the viewer may see', async () => {
    const live = await data(call(await freshStore(), 'getBoardPanel', PAY_PO, { boardId: PAY_BOARD.id }));
    expect(live.freshness).toMatchObject({ source: 'live', pending: [] });
    expect(live.trend).toEqual([]);

    const store = await freshStore();
    await fillCache(store);
    emulator.resetStats();
    const cached = await data(call(store, 'getBoardPanel', PAY_PO, { boardId: PAY_BOARD.id }));
    expect(cached.freshness).toEqual({ source: 'cache', scannedAt: expect.any(String), pending: [] });
    expect(Object.keys(emulator.stats().byRoute).sort()).toEqual([
      'GET /rest/agile/1.0/board',
      'GET /rest/api/3/project/search',
    ]);
    expect(cached.findings).toEqual(live.findings);
    expect(cached.people).toEqual(live.people);
    expect(cached.sprint).toEqual(live.sprint);
    expect(cached.trend).toHaveLength(1);
    expect(cached.trend[0]!.findings).toBeGreaterThan(0);
  });

  it('never show a viewer anything of a project they cannot browse', async () => {
    const store = await freshStore();
    await fillCache(store);
    expect(HIDDEN.length).toBeGreaterThan(0);
    const view = await data(call(store, 'getRoadmap', RESTRICTED, {}));
    expect(view.freshness.source).toBe('cache');
    const json = JSON.stringify(view);
    for (const key of HIDDEN) {
      expect(view.projects.some((project) => project.key === key)).toBe(false);
      expect(json).not.toContain(`"${key}-`);
      expect(json).not.toContain(`"${key}"`);
    }
    expect(await call(store, 'getRoadmap', RESTRICTED, { projectKey: HIDDEN[0]! })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call(store, 'refreshProject', RESTRICTED, { projectKey: HIDDEN[0]! })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('refresh the viewer’s project on demand and show the change', async () => {
    const store = await freshStore();
    await fillCache(store);
    const epic = demo.issues.find(
      (issue) =>
        issue.key.startsWith('PAY-') && (issue.fields.issuetype as { hierarchyLevel?: number }).hierarchyLevel === 1,
    )!;
    const site = structuredClone(demo);
    const edited = site.issues.find((issue) => issue.id === epic.id)!;
    edited.fields.summary = 'Refunds, renamed';
    edited.fields.updated = emulator.siteNow().toISOString();
    emulator.replaceSnapshot(site);

    const before = await data(call(store, 'getRoadmap', PAY_PO, { projectKey: 'PAY' }));
    expect(before.items.find((item) => item.key === epic.key)?.summary).not.toBe('Refunds, renamed');
    const refreshed = await data(call(store, 'refreshProject', PAY_PO, { projectKey: 'PAY' }));
    expect(refreshed.refresh).toMatchObject({ done: true, busy: false, issuesWritten: 1 });
    expect(refreshed.view.kind).toBe('roadmap');
    const roadmap = refreshed.view.kind === 'roadmap' ? refreshed.view.roadmap : undefined;
    expect(roadmap?.freshness.source).toBe('cache');
    expect(roadmap?.items.find((item) => item.key === epic.key)?.summary).toBe('Refunds, renamed');

    const fromBoard = await data(call(store, 'refreshProject', PAY_PO, { boardId: PAY_BOARD.id }));
    expect(fromBoard).toMatchObject({
      projectKey: 'PAY',
      refresh: { done: true, issuesWritten: 0 },
      view: { kind: 'board', panel: { board: { id: PAY_BOARD.id } } },
    });
    expect(await call(store, 'refreshProject', PAY_PO, {})).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
