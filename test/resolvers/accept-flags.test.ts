import { demoConfig, generateDemoSite } from '../../src/dev/demo';
import { startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import { JiraClient } from '../../src/jira/client';
import { HttpTransport } from '../../src/jira/transport-http';
import type { BoardPanel, ResolverApi, ResolverName, RoadmapView } from '../../src/resolvers/api';
import { runHandler } from '../../src/resolvers/registry';
import type { AppServices } from '../../src/resolvers/services';
import { RULE_METAS } from '../../src/rules';
import { ConfigRepository } from '../../src/store/config-store';
import { MemoryStore } from '../../src/store/key-value';
import { copyStore, scanAndAudit, shown } from './cached-site';

/**
 * Accepting and snoozing a flag from the view it is on (issue 14, item 3): site admins and the project's admins only,
 * checked on the server as the caller; the flag leaves every view at once, is listed as accepted, and comes back when
 * restored or when its snooze ends. The real resolvers over the emulator serving the demo site, scanned once.
 */
jest.setTimeout(240_000);

const snapshot = generateDemoSite();
const NOW = new Date(snapshot.capturedAt!);
const DAY = 86_400_000;
const KEYS = snapshot.projects.map((project) => project.key);
const GRANTS = Object.entries(snapshot.permissions ?? {});
const ADMIN = GRANTS.find(([, grant]) => grant.admin)![0];
// PLAT's board flags its active sprint's work; PLAT has an admin of its own, who administers nothing else.
const OWN = 'PLAT';
const PROJECT_ADMIN = GRANTS.find(([, grant]) => !grant.admin && (grant.projectAdmin ?? []).join() === OWN)![0];
const OWN_BOARD = snapshot.boards.find((board) => board.location?.projectKey === OWN)!.id;
/** Someone who browses OWN and administers nothing. */
const VIEWER = GRANTS.find(
  ([, grant]) => !grant.admin && (grant.projectAdmin ?? []).length === 0 && (grant.projects ?? KEYS).includes(OWN),
)![0];

let emulator: RunningEmulator;
let scanned: MemoryStore;
let store: MemoryStore;

function call<K extends ResolverName>(name: K, as: string, payload: ResolverApi[K]['payload'], now = NOW) {
  const client = (login: string) =>
    new JiraClient(new HttpTransport({ baseUrl: emulator.url, email: login, apiToken: 'test' }));
  const services: AppServices = { jiraAsUser: () => client(as), jiraAsApp: () => client(ADMIN), store, now: () => now };
  return runHandler(name, services, payload, { accountId: as, moduleKey: 'test', extension: {} });
}

const panel = async (as = ADMIN, now = NOW) =>
  shown<BoardPanel>(await call('getBoardPanel', as, { boardId: OWN_BOARD }, now));
const roadmap = async (as = ADMIN, now = NOW) =>
  shown<RoadmapView>(await call('getRoadmap', as, { projectKey: OWN }, now));
const siteConfig = async () => (await new ConfigRepository(store, RULE_METAS).site()).config;

async function accepted(as = ADMIN, now = NOW) {
  const result = await call('getAcceptedFindings', as, { projectKey: OWN }, now);
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

beforeAll(async () => {
  emulator = await startEmulator(snapshot);
  scanned = new MemoryStore();
  await new ConfigRepository(scanned, RULE_METAS).saveSite(demoConfig(), 0, { at: NOW });
  await scanAndAudit(emulator, ADMIN, scanned, NOW);
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  store = await copyStore(scanned);
});

describe('accepting a flag where it is', () => {
  it("a site admin accepts a board panel's flag: it leaves the panel and the roadmap at once and is listed with the reason", async () => {
    const before = await panel();
    const flag = before.findings[0]!;
    expect(flag).toBeDefined();
    expect((await accepted()).canAct).toBe(true);

    const done = await call('acceptFinding', ADMIN, { findingId: flag.id, reason: 'Agreed with the team in review' });
    expect(done).toEqual({ ok: true, data: { findingId: flag.id } });

    const after = await panel();
    expect(after.findings.map((finding) => finding.id)).not.toContain(flag.id);
    expect(after.findings).toHaveLength(before.findings.length - 1);
    // The stored reports need no new audit for it.
    expect(after.freshness.auditPending).toBeUndefined();
    const page = await roadmap();
    expect(page.findings.map((finding) => finding.id)).not.toContain(flag.id);
    for (const item of page.items) expect(item.findings).not.toContain(flag.id);
    const list = await accepted();
    expect(list.accepted).toEqual([
      expect.objectContaining({
        finding: expect.objectContaining({ id: flag.id }),
        reason: 'Agreed with the team in review',
        acceptedBy: ADMIN,
        acceptedAt: NOW.toISOString(),
      }),
    ]);
    expect(list.accepted[0]!.until).toBeUndefined();
    expect((await siteConfig()).suppressions).toContainEqual(
      expect.objectContaining({ findingId: flag.id, reason: 'Agreed with the team in review' }),
    );
  });

  it('refuses someone who administers nothing (FORBIDDEN) and saves nothing', async () => {
    const flag = (await panel(VIEWER)).findings[0]!;
    const before = await siteConfig();
    expect((await accepted(VIEWER)).canAct).toBe(false);
    expect(
      await call('acceptFinding', VIEWER, { findingId: flag.id, reason: 'Not my call, but hide it' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('restoreFinding', VIEWER, { findingId: flag.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await siteConfig()).toEqual(before);
    expect((await panel(VIEWER)).findings.map((finding) => finding.id)).toContain(flag.id);
  });

  it("lets a project's admin act on their project's flags only", async () => {
    const flag = (await panel(PROJECT_ADMIN)).findings[0]!;
    expect((await accepted(PROJECT_ADMIN)).canAct).toBe(true);
    expect(await call('acceptFinding', PROJECT_ADMIN, { findingId: flag.id, reason: 'Known, planned for Q3' })).toEqual(
      { ok: true, data: { findingId: flag.id } },
    );
    expect((await panel(PROJECT_ADMIN)).findings.map((finding) => finding.id)).not.toContain(flag.id);

    const other = KEYS.find((key) => key !== OWN)!;
    const elsewhere = `owner/project-missing-role|project:${other}|po`;
    expect(
      await call('acceptFinding', PROJECT_ADMIN, { findingId: elsewhere, reason: 'Not my project at all' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await siteConfig()).suppressions.map((entry) => entry.findingId)).not.toContain(elsewhere);
  });

  it('a snooze hides the flag until its day, then it comes back by itself', async () => {
    const flag = (await panel()).findings[0]!;
    const until = new Date(NOW.getTime() + 2 * DAY).toISOString().slice(0, 10);
    expect(
      await call('acceptFinding', ADMIN, { findingId: flag.id, reason: 'After the release', until }),
    ).toMatchObject({ ok: true });
    expect((await panel()).findings.map((finding) => finding.id)).not.toContain(flag.id);
    expect((await accepted()).accepted).toEqual([expect.objectContaining({ until, reason: 'After the release' })]);

    const later = new Date(`${until}T00:00:00Z`);
    expect((await panel(ADMIN, later)).findings.map((finding) => finding.id)).toContain(flag.id);
    expect((await roadmap(ADMIN, later)).findings.map((finding) => finding.id)).toContain(flag.id);
    expect((await accepted(ADMIN, later)).accepted).toEqual([]);
  });

  it('a snooze saved with a past day hides nothing, and a snooze must end after today', async () => {
    const flag = (await panel()).findings[0]!;
    const repository = new ConfigRepository(store, RULE_METAS);
    const { config, version } = await repository.site();
    const yesterday = new Date(NOW.getTime() - DAY).toISOString().slice(0, 10);
    await repository.saveSite(
      { ...config, suppressions: [{ findingId: flag.id, reason: 'Was until yesterday', until: yesterday }] },
      version,
      { at: NOW },
    );
    expect((await panel()).findings.map((finding) => finding.id)).toContain(flag.id);
    expect((await accepted()).accepted).toEqual([]);

    for (const until of [yesterday, NOW.toISOString().slice(0, 10), '2027-02-30', 'next week'])
      expect(await call('acceptFinding', ADMIN, { findingId: flag.id, reason: 'Later', until })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    expect(await call('acceptFinding', ADMIN, { findingId: flag.id, reason: ' ' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('restoring brings the flag back and takes it off the list', async () => {
    const flag = (await panel()).findings[0]!;
    await call('acceptFinding', ADMIN, { findingId: flag.id, reason: 'Agreed with the team' });
    expect((await panel()).findings.map((finding) => finding.id)).not.toContain(flag.id);
    expect(await call('restoreFinding', ADMIN, { findingId: flag.id })).toEqual({
      ok: true,
      data: { findingId: flag.id },
    });
    expect((await panel()).findings.map((finding) => finding.id)).toContain(flag.id);
    expect((await accepted()).accepted).toEqual([]);
    expect((await siteConfig()).suppressions.map((entry) => entry.findingId)).not.toContain(flag.id);
  });
});
