import { DEMO_LONG_HISTORY_KEY, DEMO_USERS, generateDemoSite } from '../../src/dev/demo';
import { startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import { JiraClient } from '../../src/jira/client';
import { normaliseSite } from '../../src/jira/normalise';
import { readSite } from '../../src/jira/read-site';
import type { SiteSnapshot } from '../../src/jira/snapshot';
import { HttpTransport } from '../../src/jira/transport-http';

/**
 * The data layer against the emulator serving the demo site: what it reads must be exactly what the snapshot
 * holds, at a cost close to the minimum, and must survive throttling and failing servers.
 */
const demo = generateDemoSite();
const adminId = Object.entries(demo.permissions ?? {}).find(([, grant]) => grant.admin)![0];
const groups = demo.groups.map((group) => group.name);

function clientFor(
  emulator: RunningEmulator,
  login: string,
  options: ConstructorParameters<typeof JiraClient>[1] = {},
) {
  return new JiraClient(new HttpTransport({ baseUrl: emulator.url, email: login, apiToken: 'any' }), options);
}

function comparable(snapshot: SiteSnapshot) {
  const { capturedAt: _capturedAt, ...site } = normaliseSite(snapshot);
  return site;
}

describe('reading the demo site through the emulator', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator(demo);
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('gives the same normalised site as the snapshot itself, at a cost near the minimum', async () => {
    const client = clientFor(emulator, adminId);
    emulator.resetStats();
    const read = await readSite(client, { baseUrl: emulator.url, groups });
    expect(read.problems).toEqual([]);
    expect(comparable(read.snapshot)).toEqual(comparable(demo));

    const stats = emulator.stats();
    expect(client.usage.requests).toBe(stats.requests);
    expect(client.usage.points).toBe(stats.points);
    // One search page per 100 issues of each project and one bulkfetch per 1000 issues set the floor.
    const issuesByProject = new Map<string, number>();
    for (const issue of demo.issues)
      issuesByProject.set(issue.key.split('-')[0]!, (issuesByProject.get(issue.key.split('-')[0]!) ?? 0) + 1);
    const searchPages = [...issuesByProject.values()].reduce((sum, count) => sum + Math.ceil(count / 100), 0);
    expect(stats.byRoute['POST /rest/api/3/search/jql']?.requests).toBe(searchPages);
    expect(stats.byRoute['POST /rest/api/3/changelog/bulkfetch']?.requests).toBe(Math.ceil(demo.issues.length / 1000));
  });

  it(`brings back all 120 histories of ${DEMO_LONG_HISTORY_KEY}, not the 40 expand=changelog gives`, async () => {
    const read = await readSite(clientFor(emulator, adminId), {
      baseUrl: emulator.url,
      projectKeys: [DEMO_LONG_HISTORY_KEY.split('-')[0]!],
    });
    const issue = read.snapshot.issues.find((candidate) => candidate.key === DEMO_LONG_HISTORY_KEY)!;
    expect(issue.changelog?.histories).toHaveLength(120);
    const ids = issue.changelog!.histories.map((history) => history.id);
    expect(new Set(ids).size).toBe(120);
  });

  // Two whole reads of the demo site, one of them an issue at a time: more than jest's default 5 s on a busy machine.
  it('costs far fewer requests than a naive reader, for the same site', async () => {
    emulator.resetStats();
    const bulk = clientFor(emulator, adminId);
    const bulkRead = await readSite(bulk, { baseUrl: emulator.url, groups });
    const naive = clientFor(emulator, adminId);
    const naiveRead = await readSite(naive, { baseUrl: emulator.url, groups, changelogs: 'per-issue' });
    expect(comparable(naiveRead.snapshot)).toEqual(comparable(bulkRead.snapshot));
    expect(naive.usage.requests).toBeGreaterThan(demo.issues.length);
    expect(bulk.usage.requests * 5).toBeLessThan(naive.usage.requests);
    process.stdout.write(
      `demo site read: bulk ${bulk.usage.requests} requests / ${bulk.usage.points} points; naive ${naive.usage.requests} requests / ${naive.usage.points} points\n`,
    );
  }, 60_000);

  it('shows a user only what their permissions allow, and records what it could not read', async () => {
    const restricted = Object.entries(demo.permissions ?? {}).find(
      ([, grant]) => !grant.admin && (grant.projects?.length ?? 0) < demo.projects.length,
    )!;
    const [accountId, grant] = restricted;
    const read = await readSite(clientFor(emulator, accountId), { baseUrl: emulator.url });
    expect(read.snapshot.projects.map((project) => project.key).sort()).toEqual([...(grant.projects ?? [])].sort());
    const hidden = demo.projects.map((project) => project.key).filter((key) => !grant.projects?.includes(key));
    expect(read.snapshot.issues.some((issue) => hidden.some((key) => issue.key.startsWith(`${key}-`)))).toBe(false);
    // Without Administer Projects, Jira refuses the role lists: said, not silently empty.
    expect(read.problems.filter((problem) => problem.message.includes('project roles')).length).toBeGreaterThan(0);
  });

  it('refuses a login the site does not know, with a clear message', async () => {
    await expect(readSite(clientFor(emulator, 'nobody@example.com'), { baseUrl: emulator.url })).rejects.toThrow(/401/);
    expect(DEMO_USERS.length).toBeGreaterThan(10);
  });
});

describe('reading under failures and a points budget', () => {
  it('completes with the same site when a fifth of answers are 5xx and the budget runs out on the way', async () => {
    let now = Date.parse(demo.capturedAt ?? '2026-11-22T08:00:00.000Z');
    const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
    // A budget of a few thousand points an hour: its one-minute bucket empties several times during the read.
    const emulator = await startEmulator(demo, { failRate: 0.2, pointsPerHour: 60_000, now: clock.now });
    try {
      const client = clientFor(emulator, adminId, {
        sleep: clock.sleep,
        now: clock.now,
        retry: { maxTries: 12, baseDelayMs: 200 },
      });
      const read = await readSite(client, { baseUrl: emulator.url, groups });
      expect(comparable(read.snapshot)).toEqual(comparable(demo));
      const stats = emulator.stats();
      expect(stats.failed).toBeGreaterThan(0);
      expect(stats.throttled).toBeGreaterThan(0);
      expect(client.usage.throttled).toBe(stats.throttled);
      expect(client.usage.requests).toBe(stats.requests);
      process.stdout.write(
        `under failures: ${client.usage.requests} requests (${stats.failed} failed, ${stats.throttled} throttled), ${client.usage.points} points, ${Math.round((now - Date.parse(demo.capturedAt!)) / 1000)} s of waiting on the site clock\n`,
      );
    } finally {
      await emulator.close();
    }
  });
});
