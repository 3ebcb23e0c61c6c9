import { generateBenchSite } from '../../src/bench/generate';
import { startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import { JiraClient } from '../../src/jira/client';
import type { SiteSnapshot } from '../../src/jira/snapshot';
import { HttpTransport } from '../../src/jira/transport-http';
import { MemoryJobQueue, runScheduledLocally, scheduleScans, type JobServices } from '../../src/jobs';
import type { ResolverApi, ResolverName } from '../../src/resolvers/api';
import { HANDLERS, runHandler } from '../../src/resolvers/registry';
import type { AppServices } from '../../src/resolvers/services';
import { BackgroundScanner } from '../../src/scan';
import { MemoryStore } from '../../src/store/key-value';

/**
 * Issue 12 (Forge's limits): a resolver costs the same few Jira requests whatever the site's size, reads nothing of
 * the site's issues as the viewer, and answers a fresh install with the first scan's progress. Counted by the
 * emulator on a site and on one ten times bigger, with more projects and boards than one page of Jira's lists holds.
 */
jest.setTimeout(240_000);

const PANEL_OPEN_MAX_REQUESTS = 5;

interface Served {
  snapshot: SiteSnapshot;
  emulator: RunningEmulator;
  admin: string;
  restricted: string;
  /** A team project, its scrum board, and a project that is not the first in key order. */
  projectKey: string;
  boardId: number;
  laterProjectKey: string;
  cached: MemoryStore;
}

/** A synthetic site with `padding` more empty projects, each with a kanban board, and a viewer of one project. */
function siteOf(issues: number, padding: number): SiteSnapshot {
  const { snapshot } = generateBenchSite({ issues, seed: 7 });
  for (let index = 0; index < padding; index++) {
    const key = `PAD${index}`;
    snapshot.projects.push({ id: String(90_000 + index), key, name: `Padding ${index}` });
    snapshot.projectRoles[key] = [];
    snapshot.boards.push({
      id: 90_000 + index,
      name: `${key} board`,
      type: 'kanban',
      location: { projectKey: key, projectId: 90_000 + index },
    });
  }
  return snapshot;
}

async function serve(issues: number, padding: number): Promise<Served> {
  const snapshot = siteOf(issues, padding);
  const admin = Object.entries(snapshot.permissions ?? {}).find(([, grant]) => grant.admin)![0];
  const board = snapshot.boards.find((candidate) => candidate.type === 'scrum')!;
  const projectKey = board.location!.projectKey!;
  const restricted = snapshot.users.find((user) => user.accountId !== admin && user.accountType === 'atlassian')!;
  snapshot.permissions = { ...snapshot.permissions, [restricted.accountId]: { projects: [projectKey] } };
  const emulator = await startEmulator(snapshot);
  const cached = new MemoryStore();
  const laterProjectKey = snapshot.projects.map((project) => project.key).sort()[1]!;
  const served = {
    snapshot,
    emulator,
    admin,
    restricted: restricted.accountId,
    projectKey,
    boardId: Number(board.id),
    laterProjectKey,
    cached,
  };
  await runScheduledLocally({ ...jobServices(served, cached), queue: new MemoryJobQueue() });
  return served;
}

function jobServices(site: Served, store: MemoryStore): JobServices & { queue: MemoryJobQueue } {
  return {
    jira: () => new JiraClient(new HttpTransport({ baseUrl: site.emulator.url, email: site.admin, apiToken: 'app' })),
    store,
    queue: new MemoryJobQueue(),
    scanner: new BackgroundScanner(),
    now: () => new Date(site.snapshot.capturedAt!),
    stepBudgetMs: 600_000,
  };
}

/** One resolver call as `as`, with what it asked of Jira (as the viewer or as the app) by route. */
async function counted<K extends ResolverName>(
  site: Served,
  store: MemoryStore,
  name: K,
  as: string,
  payload: ResolverApi[K]['payload'],
) {
  const services: AppServices = {
    jiraAsUser: () => new JiraClient(new HttpTransport({ baseUrl: site.emulator.url, email: as, apiToken: 'user' })),
    jiraAsApp: () =>
      new JiraClient(new HttpTransport({ baseUrl: site.emulator.url, email: site.admin, apiToken: 'app' })),
    store,
    now: () => new Date(site.snapshot.capturedAt!),
  };
  site.emulator.resetStats();
  const result = await runHandler(name, services, payload, { accountId: as, moduleKey: 'test', extension: {} });
  return { result, stats: site.emulator.stats() };
}

/** Every view resolver of the registry (refreshProject reads the project's changes on purpose, as the app). */
function viewCalls(site: Served): Array<[ResolverName, ResolverApi[ResolverName]['payload']]> {
  const calls: {
    [
      K in Exclude<
        ResolverName,
        'saveSettings' | 'importSettings' | 'refreshProject' | 'acceptFinding' | 'restoreFinding'
      >
    ]: Array<ResolverApi[K]['payload']>;
  } = {
    getContext: [{}],
    getBoardPanel: [{ boardId: site.boardId }],
    getRoadmap: [{ projectKey: site.projectKey }, {}],
    getFindings: [{ scope: { projectKey: site.projectKey }, query: {}, offset: 0, limit: 50 }],
    getSettings: [{}, { projectKey: site.projectKey }],
    getRoleProposal: [{}],
    exportSettings: [{}],
    getIssueDecisions: [{ issueKey: `${site.projectKey}-1` }],
    getAcceptedFindings: [{ projectKey: site.projectKey }, {}],
  };
  return Object.entries(calls).flatMap(([name, payloads]) =>
    payloads.map((payload) => [name as ResolverName, payload] as [ResolverName, ResolverApi[ResolverName]['payload']]),
  );
}

let small: Served;
let big: Served;

beforeAll(async () => {
  small = await serve(150, 0);
  big = await serve(1_500, 160);
});
afterAll(async () => {
  await small?.emulator.close();
  await big?.emulator.close();
});

describe('what a view costs in Jira requests', () => {
  it('covers every resolver of the registry but those that write or refresh', () => {
    const listed = new Set(viewCalls(small).map(([name]) => name));
    expect(
      Object.keys(HANDLERS)
        .filter((name) => !listed.has(name as ResolverName))
        .sort(),
    ).toEqual(['acceptFinding', 'importSettings', 'refreshProject', 'restoreFinding', 'saveSettings']);
  });

  it.each([
    ['cached', (site: Served) => site.cached],
    ['on a fresh install', () => new MemoryStore()],
  ])(
    'is the same few requests %s on a site and on one ten times bigger, for an admin and a one-project viewer',
    async (_, storeOf) => {
      const costs = async (site: Served) => {
        const figures: string[] = [];
        for (const as of [site.admin, site.restricted])
          for (const [name, payload] of viewCalls(site)) {
            const { result, stats } = await counted(site, storeOf(site), name, as, payload);
            figures.push(
              `${name} ${JSON.stringify(payload)} as ${as === site.admin ? 'admin' : 'viewer'}: ${result.ok ? 'ok' : result.error.code} in ${stats.requests}`,
            );
            expect(stats.requests).toBeLessThanOrEqual(PANEL_OPEN_MAX_REQUESTS);
          }
        return figures;
      };
      expect(big.snapshot.projects.length).toBeGreaterThan(100);
      expect(big.snapshot.boards.length).toBeGreaterThan(50);
      expect(await costs(big)).toEqual(await costs(small));
    },
  );

  it('answers NOT_FOUND for a project key or board id nobody has, in at most 2 requests, cached or not', async () => {
    for (const store of [big.cached, new MemoryStore()]) {
      const project = await counted(big, store, 'getRoadmap', big.admin, { projectKey: 'NOPE' });
      expect(project.result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(project.stats.requests).toBeLessThanOrEqual(2);
      const board = await counted(big, store, 'getBoardPanel', big.admin, { boardId: 987_654 });
      expect(board.result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      expect(board.stats.requests).toBeLessThanOrEqual(2);
    }
  });

  it('answers NOT_FOUND for a cached project the viewer may not browse, in one request', async () => {
    const hidden = big.snapshot.projects.find((project) => project.key !== big.projectKey)!.key;
    const { result, stats } = await counted(big, big.cached, 'getRoadmap', big.restricted, { projectKey: hidden });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(stats.requests).toBe(1);
  });
});

describe('a fresh install', () => {
  it("answers with the first scan's progress, reads no issue as the viewer, and gets the opened project scanned first", async () => {
    const store = new MemoryStore();
    const { result, stats } = await counted(big, store, 'getRoadmap', big.restricted, { projectKey: big.projectKey });
    expect(result).toEqual({
      ok: true,
      data: {
        firstScan: {
          projectsScanned: 0,
          projectsToScan: 1,
          issuesRead: 0,
          project: { key: big.projectKey, stage: 'queued', issuesRead: 0 },
        },
      },
    });
    const issueReads = Object.keys(stats.byRoute).filter((route) => /search|changelog|issue/.test(route));
    expect(issueReads).toEqual([]);

    const services = jobServices(big, store);
    await scheduleScans(services);
    expect(services.queue.pushed[0]?.job).toEqual({ type: 'scan', projectKey: big.projectKey });
    expect(big.projectKey).not.toBe(big.snapshot.projects.map((project) => project.key).sort()[0]);

    // Once the scheduler has listed the site, progress counts every project to scan.
    const again = await counted(big, store, 'getBoardPanel', big.admin, { boardId: big.boardId });
    expect(again.result).toMatchObject({
      ok: true,
      data: { firstScan: { projectsScanned: 0, projectsToScan: big.snapshot.projects.length } },
    });
  });

  it('asks for the project of a board panel too, and shows the report once the scan and audit are done', async () => {
    const store = new MemoryStore();
    const first = await counted(small, store, 'getBoardPanel', small.admin, { boardId: small.boardId });
    expect(first.result).toMatchObject({ ok: true, data: { firstScan: { project: { key: small.projectKey } } } });
    await runScheduledLocally(jobServices(small, store));
    const ready = await counted(small, store, 'getBoardPanel', small.admin, { boardId: small.boardId });
    expect(ready.result).toMatchObject({
      ok: true,
      data: { board: { id: small.boardId }, freshness: { pending: [] } },
    });
  });
});
