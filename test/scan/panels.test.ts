import { demoConfig } from '../../src/dev/demo';
import { startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import { JiraClient } from '../../src/jira/client';
import { HttpTransport } from '../../src/jira/transport-http';
import type { ResolverApi, ResolverName } from '../../src/resolvers/api';
import { runHandler } from '../../src/resolvers/registry';
import type { AppServices } from '../../src/resolvers/services';
import { RULE_METAS } from '../../src/rules';
import { ConfigRepository } from '../../src/store/config-store';
import { MemoryStore } from '../../src/store/key-value';
import { auditSite } from '../../src/audit';
import { normaliseSite } from '../../src/jira/normalise';
import { scanAndAudit, shown } from '../resolvers/cached-site';
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

const fillCache = (store: MemoryStore) => scanAndAudit(emulator, ADMIN, store, new Date(demo.capturedAt!));

function call<K extends ResolverName>(
  store: MemoryStore,
  name: K,
  as: string,
  payload: ResolverApi[K]['payload'],
  more: Partial<AppServices> = {},
) {
  const services: AppServices = {
    jiraAsUser: () => new JiraClient(new HttpTransport({ baseUrl: emulator.url, email: as, apiToken: 'user' })),
    jiraAsApp: () => new JiraClient(new HttpTransport({ baseUrl: emulator.url, email: ADMIN, apiToken: 'app' })),
    store,
    now: () => new Date(demo.capturedAt!),
    ...more,
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
  it("show what an audit of the whole site shows, from the stored reports, asking Jira only for the board and the viewer's permissions", async () => {
    const fresh = await data(call(await freshStore(), 'getBoardPanel', PAY_PO, { boardId: PAY_BOARD.id }));
    expect(fresh).toMatchObject({ firstScan: { projectsScanned: 0, project: { key: 'PAY', stage: 'queued' } } });

    const store = await freshStore();
    await fillCache(store);
    emulator.resetStats();
    const cached = shown(await call(store, 'getBoardPanel', PAY_PO, { boardId: PAY_BOARD.id }));
    expect(cached.freshness).toEqual({ scannedAt: expect.any(String), pending: [] });
    expect(Object.keys(emulator.stats().byRoute).sort()).toEqual([
      'GET /rest/agile/1.0/board/:boardId',
      'POST /rest/api/3/permissions/check',
    ]);
    const whole = auditSite(normaliseSite(demo), demoConfig(), { now: new Date(demo.capturedAt!) });
    const wholePay = whole.findings.filter((finding) => finding.projectKeys.includes('PAY'));
    // The board panel shows its active sprint's part of them; the project page all of them.
    expect(cached.findings.length).toBeGreaterThan(0);
    expect(wholePay).toEqual(expect.arrayContaining(cached.findings));
    expect(shown(await call(store, 'getRoadmap', PAY_PO, { projectKey: 'PAY' })).findings).toEqual(wholePay);
    // The trend is the stored report's: PAY's last twelve weeks of decisions, as the whole-site audit counts them.
    expect(cached.trend).toHaveLength(12);
    expect(cached.trend).toEqual(whole.projects.find((project) => project.key === 'PAY')!.weeks);
  });

  it('never show a viewer anything of a project they cannot browse', async () => {
    const store = await freshStore();
    await fillCache(store);
    expect(HIDDEN.length).toBeGreaterThan(0);
    const view = shown(await call(store, 'getRoadmap', RESTRICTED, {}));
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

  it('after a refresh on demand that found nothing new, queue no audit and show the report as fresh as that refresh', async () => {
    const store = await freshStore();
    await fillCache(store);
    const later = new Date(Date.parse(demo.capturedAt!) + 60 * 60_000);
    let audits = 0;
    const refreshed = await data(
      call(
        store,
        'refreshProject',
        PAY_PO,
        { projectKey: 'PAY' },
        { now: () => later, requestAudit: async () => void audits++ },
      ),
    );
    expect(refreshed.refresh).toMatchObject({ done: true, issuesWritten: 0 });
    expect(audits).toBe(0);
    const roadmap = refreshed.view.kind === 'roadmap' ? refreshed.view.roadmap : undefined;
    // Not behind the cache (no auditPending), and as fresh as the refresh, not as the audit before it.
    expect(roadmap && 'freshness' in roadmap ? roadmap.freshness : undefined).toStrictEqual({
      scannedAt: later.toISOString(),
      pending: [],
    });
  });

  it('refresh the viewer’s project on demand, say the report is behind, and show the change once audited', async () => {
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

    const before = shown(await call(store, 'getRoadmap', PAY_PO, { projectKey: 'PAY' }));
    expect(before.items.find((item) => item.key === epic.key)?.summary).not.toBe('Refunds, renamed');
    const refreshed = await data(call(store, 'refreshProject', PAY_PO, { projectKey: 'PAY' }));
    expect(refreshed.refresh).toMatchObject({ done: true, busy: false, issuesWritten: 1 });
    expect(refreshed.view).toMatchObject({ kind: 'roadmap', roadmap: { freshness: { auditPending: true } } });
    await fillCache(store);
    const audited = shown(await call(store, 'getRoadmap', PAY_PO, { projectKey: 'PAY' }));
    expect(audited.freshness.auditPending).toBeUndefined();
    expect(audited.items.find((item) => item.key === epic.key)?.summary).toBe('Refunds, renamed');

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
