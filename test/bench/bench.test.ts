import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateBenchSite } from '../../src/bench/generate';
import { CountingStore, NO_TRAFFIC } from '../../src/bench/counting-store';
import { FUNCTION_KEYS, functionMemoryMb, usdPerMonth } from '../../src/bench/economy';
import {
  minimumRequests,
  partOfRoute,
  REQUEST_PARTS,
  windowMinimum,
  type RequestBreakdown,
} from '../../src/bench/minimum';
import { MemoryStore } from '../../src/store/key-value';
import { formatResults } from '../../src/bench/report';
import { runBench, type BenchResults } from '../../src/bench/run';
import { SNAPSHOT_FORMAT, type RestIssue, type SiteSnapshot } from '../../src/jira/snapshot';

/** The benchmark's machinery on tiny sites, in this process: shapes and accounting, never timings. */

const ECONOMY_KEYS = [
  'issues',
  'firstScanPoints',
  'firstScanMinimumPoints',
  'steadyPointsPerHour',
  'firstPanelMinutes',
  'kvsReadGBPerDay',
  'kvsWriteGBPerDay',
  'functionGBSecondsPerDay',
  'usdPerSiteMonth',
  'panelOpenRequests',
  'panelOpenKvsKB',
];

const sum = (breakdown: RequestBreakdown) => REQUEST_PARTS.reduce((total, part) => total + breakdown[part], 0);

describe('the synthetic site generator', () => {
  it('is deterministic and builds the hierarchy, sprints and about ten histories per issue', () => {
    const first = generateBenchSite({ issues: 200 });
    expect(JSON.stringify(generateBenchSite({ issues: 200 }).snapshot)).toBe(JSON.stringify(first.snapshot));
    const { snapshot, facts } = first;
    expect(facts.issues).toBe(200);
    expect(snapshot.issues).toHaveLength(200);
    expect(facts.histories / facts.issues).toBeGreaterThan(8);
    expect(facts.histories / facts.issues).toBeLessThan(12);
    const levels = new Set(
      snapshot.issues.map((issue) => (issue.fields['issuetype'] as { hierarchyLevel: number }).hierarchyLevel),
    );
    expect([...levels].sort()).toEqual([-1, 0, 1, 2]);
    const keys = new Set(snapshot.issues.map((issue) => issue.key));
    const parents = snapshot.issues.flatMap((issue) =>
      (issue.fields['parent'] as { key?: string } | undefined)?.key
        ? [(issue.fields['parent'] as { key: string }).key]
        : [],
    );
    expect(parents.length).toBeGreaterThan(100);
    expect(parents.every((key) => keys.has(key))).toBe(true);
    expect(facts.sprints).toBeGreaterThan(0);
    expect(snapshot.permissions?.[facts.adminAccountId]).toEqual({ admin: true });
  });
});

describe('the minimum requests', () => {
  function issue(key: string, id: number, histories: number, comments: number): RestIssue {
    return {
      id: String(id),
      key,
      fields: {
        comment: {
          comments: Array.from({ length: comments }, (_, index) => ({
            id: `${id}-${index}`,
            created: '2026-01-01T00:00:00.000Z',
          })),
        },
      },
      changelog: {
        histories: Array.from({ length: histories }, (_, index) => ({
          id: `${id}${index}`,
          created: '2026-01-01T00:00:00.000Z',
          items: [],
        })),
      },
    };
  }

  it('counts pages from what the site holds', () => {
    const snapshot: SiteSnapshot = {
      format: SNAPSHOT_FORMAT,
      baseUrl: 'https://example.test',
      fields: [],
      users: [],
      groups: [{ name: 'pms', members: Array.from({ length: 51 }, (_, index) => `user-${index}`) }],
      projects: [
        { id: '1', key: 'A', name: 'A' },
        { id: '2', key: 'B', name: 'B' },
      ],
      projectRoles: {
        A: [
          {
            id: 1,
            name: 'Product Manager',
            actors: [{ type: 'atlassian-group-role-actor', actorGroup: { name: 'pms' } }],
          },
          { id: 2, name: 'Product Owner' },
        ],
        B: [],
      },
      boards: [
        { id: 1, name: 'A board', type: 'scrum' },
        { id: 2, name: 'A kanban', type: 'kanban' },
      ],
      sprints: {
        '1': Array.from({ length: 60 }, (_, index) => ({ id: index + 1, state: 'closed', name: `S${index}` })),
      },
      issues: [
        ...Array.from({ length: 250 }, (_, index) => issue(`A-${index + 1}`, 1000 + index, 50, 0)),
        issue('A-251', 5000, 0, 250),
      ],
    };
    expect(minimumRequests(snapshot)).toEqual({
      site: 4, // serverInfo, fields, one page of projects, one of boards
      roles: 1 + 2 + 1, // A: its list and two roles; B: its list
      groups: 1 + 2, // the group's id looked up (the role names it only by name), 51 members on two pages
      sprints: 2, // 60 sprints of the scrum board, 50 a page
      search: 3 + 1, // 251 issues in A, none in B (still searched)
      changelogs: 2, // 251 issues fit one bulkfetch, but 12,500 histories need two pages
      comments: 2, // 150 comments beyond the 100 search embeds
      total: 4 + 4 + 3 + 2 + 4 + 2 + 2,
    });
  });

  it('files every emulator route under a part of the read', () => {
    expect(partOfRoute('POST /rest/api/3/search/jql')).toBe('search');
    expect(partOfRoute('POST /rest/api/3/changelog/bulkfetch')).toBe('changelogs');
    expect(partOfRoute('GET /rest/api/3/issue/:issueIdOrKey/changelog')).toBe('changelogs');
    expect(partOfRoute('GET /rest/api/3/issue/:issueIdOrKey/comment')).toBe('comments');
    expect(partOfRoute('GET /rest/api/3/project/:projectIdOrKey/role/:id')).toBe('roles');
    expect(partOfRoute('GET /rest/api/3/group/member')).toBe('groups');
    expect(partOfRoute('GET /rest/agile/1.0/board/:boardId/sprint')).toBe('sprints');
    expect(partOfRoute('GET /rest/api/3/serverInfo')).toBe('site');
  });
});

describe('a whole benchmark run on tiny sites', () => {
  let bundleDir: string;
  let results: BenchResults;

  beforeAll(async () => {
    bundleDir = mkdtempSync(join(tmpdir(), 'bench-bundle-'));
    mkdirSync(join(bundleDir, 'assets'));
    writeFileSync(
      join(bundleDir, 'index.html'),
      '<script type="module" src="./assets/app.js"></script><link rel="stylesheet" href="./assets/app.css">',
    );
    writeFileSync(join(bundleDir, 'assets', 'app.js'), 'console.log("app");'.repeat(200));
    writeFileSync(join(bundleDir, 'assets', 'app.css'), 'body{margin:0}'.repeat(100));
    writeFileSync(join(bundleDir, 'assets', 'theme.js'), 'export const theme = 1;');
    results = await runBench({
      sizes: [100, 200],
      latencyMs: 0,
      concurrency: 4,
      naiveMaxIssues: 100,
      classifierMinMs: 1,
      classifierSources: [{ issues: 100 }],
      refreshShare: 0.01,
      stepBudgetMs: 60_000,
      bundleDir,
      placement: 'in-process',
      economy: { exactMaxIssues: 100, samples: 1, days: 1, editShare: 0.01, panelOpensPerDay: 50 },
    });
  }, 600_000);

  afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

  it('reads every issue and history of each site, and its requests add up against the minimum', () => {
    for (const size of results.sizes) {
      const { read } = size.full;
      expect(read).toMatchObject({
        issues: size.issues,
        histories: size.site.facts.histories,
        problems: 0,
        retries: 0,
      });
      expect(sum(size.minimum)).toBe(size.minimum.total);
      expect(sum(read.emulator.byPart)).toBe(read.emulator.requests);
      expect(read.emulator.requests).toBe(read.requests);
      expect(read.emulator.points).toBe(read.points);
      for (const part of REQUEST_PARTS) expect(read.emulator.byPart[part]).toBeGreaterThanOrEqual(size.minimum[part]);
      expect(size.ratios.actualOverMinimum).toBeCloseTo(read.emulator.requests / size.minimum.total, 10);
      expect(size.full.audit.actions).toBeGreaterThan(size.issues);
    }
  });

  it('measures the naive reader where asked and works it out above', () => {
    const [small, large] = results.sizes;
    if (!small?.naive.measured || !large || large.naive.measured)
      throw new Error('expected the naive read measured at 100 issues and worked out at 200');
    // One changelog request per issue (none has over 100 histories); everything else as the bulk read.
    expect(small.naive.emulator.byPart.changelogs).toBe(small.issues);
    expect(small.naive.requests - small.naive.emulator.byPart.changelogs).toBe(
      small.full.read.emulator.requests - small.full.read.emulator.byPart.changelogs,
    );
    expect(large.naive.requests).toBe(
      large.full.read.emulator.requests - large.full.read.emulator.byPart.changelogs + large.issues,
    );
    expect(large.ratios.naiveOverBulk).toBeCloseTo(large.naive.requests / large.full.read.emulator.requests, 10);
  });

  it('scans, refreshes after a change and after none, and audits the cache', () => {
    for (const size of results.sizes) {
      const { full, changed, unchanged, auditJob } = size.refresh;
      expect(full.issuesWritten).toBe(size.issues);
      expect(full.store.bytes).toBeGreaterThan(0);
      expect(changed.touched).toBe(Math.round(size.issues * 0.01));
      expect(changed.issuesWritten).toBe(changed.touched);
      expect(changed.minimum.total).toBe(changed.minimum.search + changed.minimum.changelogs);
      expect(unchanged.issuesWritten).toBe(0);
      expect(unchanged.emulator.byPart.changelogs).toBe(0);
      expect(unchanged.maxProjectRequests * unchanged.projects).toBeGreaterThanOrEqual(unchanged.requests);
      expect(auditJob.issues).toBe(size.issues);
      expect(auditJob.projects).toBe(size.site.facts.projects);
    }
  });

  it('weighs the resolvers, the classifier and the bundle, and checks the targets', () => {
    for (const size of results.sizes) {
      expect(size.refresh.resolvers.map((response) => [response.name, response.answer])).toEqual([
        ['getRoadmap', 'report'],
        ['getBoardPanel', 'report'],
      ]);
      expect(size.freshInstallResolvers.map((response) => [response.name, response.answer])).toEqual([
        ['getRoadmap', 'first scan'],
        ['getBoardPanel', 'first scan'],
      ]);
      expect(size.refresh.resolvers.every((response) => response.bytes > 0)).toBe(true);
    }
    // A panel open costs the same few requests and points at every size, fresh install or cached.
    const opens = results.sizes.map((size) => size.panelOpen);
    expect(opens[1]).toEqual(opens[0]);
    expect(opens[0]!.cached.panelOpenRequests).toBeGreaterThan(0);
    expect(opens[0]!.cached.panelOpenRequests).toBeLessThanOrEqual(5);
    expect(opens[0]!.freshInstall.panelOpenRequests).toBeLessThanOrEqual(5);
    expect(formatResults(results)).toContain('panel open, fresh install / cached');
    const [classifier] = results.classifier;
    expect(classifier!.mix.create + classifier!.mix.change + classifier!.mix.comment).toBe(classifier!.actions);
    expect(classifier!.classified % classifier!.actions).toBe(0);
    expect(results.bundle?.initial.map((file) => file.path)).toEqual(['assets/app.js', 'assets/app.css']);
    expect(results.bundle?.allFiles).toBe(3);
    expect(results.targets.length).toBeGreaterThan(5);
    expect(results.targets.every((check) => check.met === undefined || typeof check.met === 'boolean')).toBe(true);
    expect(JSON.parse(JSON.stringify(results))).toEqual(results);
    expect(formatResults(results)).toContain('200 issues');
  });

  it('simulates a day of a busy site through the real jobs and resolvers, and accounts for every part', () => {
    expect(results.economy.map((entry) => entry.issues)).toEqual([100, 200]);
    for (const entry of results.economy) {
      expect(Object.keys(entry).sort()).toEqual([...ECONOMY_KEYS].sort());
      const details = results.economyDetails.find((more) => more.issues === entry.issues)!;
      expect(entry.firstScanPoints).toBeGreaterThan(0);
      expect(entry.firstScanMinimumPoints).toBeGreaterThan(0);
      expect(entry.firstScanMinimumPoints).toBeLessThanOrEqual(details.window.fullReadPoints);
      expect(details.window.inWindow + details.window.openOutside + details.window.closedOutside).toBe(entry.issues);
      expect(details.firstPanelReady).toBe(true);
      // Opened right after install, the panel answered the first scan's progress and asked for its project first.
      expect(details.firstPanelOpenedOnProgress).toBe(true);
      // One day measured: 288 runs of the 5-minute scheduler, 1% of the issues edited, 50 panel opens.
      const { functions } = details.week;
      expect(functions['scan-scheduler'].invocations).toBe(288);
      expect(details.week.edits).toBe(Math.round(entry.issues * 0.01));
      expect(functions['product-events'].invocations).toBe(details.week.edits);
      expect(details.week.panelOpens).toBe(50);
      expect(functions.resolver.invocations).toBe(50);
      expect(functions['personal-data-report'].invocations).toBe(24);
      const byPrefix = (side: 'readBytes' | 'writeBytes') =>
        details.kvsByPrefix.reduce((sum, entry) => sum + entry[side], 0);
      expect(byPrefix('readBytes')).toBeCloseTo(details.week.kvs.readBytes, 0);
      expect(byPrefix('writeBytes')).toBeCloseTo(details.week.kvs.writeBytes, 0);
      expect(details.kvsByPrefix.some((entry) => entry.prefix === 'scan:data')).toBe(true);
      expect(entry.steadyPointsPerHour).toBeCloseTo(details.week.points / 24, 10);
      const gbSeconds = Object.values(functions).reduce((sum, use) => sum + use.gbSeconds, 0);
      expect(entry.functionGBSecondsPerDay).toBeCloseTo(gbSeconds, 10);
      for (const use of Object.values(functions))
        expect(use.gbSeconds).toBeCloseTo(use.wallS * (use.memoryMb / 1024), 10);
      expect(entry.kvsReadGBPerDay).toBeCloseTo(details.week.kvs.readBytes / 1e9, 15);
      expect(entry.kvsWriteGBPerDay).toBeCloseTo(details.week.kvs.writeBytes / 1e9, 15);
      expect(entry.usdPerSiteMonth).toBeCloseTo(
        usdPerMonth({
          gbSeconds: entry.functionGBSecondsPerDay,
          kvsReadGb: entry.kvsReadGBPerDay,
          kvsWriteGb: entry.kvsWriteGBPerDay,
        }),
        10,
      );
      expect(entry.panelOpenRequests).toBe(details.panelOpenMaxRequests);
      expect(entry.panelOpenKvsKB).toBeGreaterThan(0);
      expect(details.auditJobPeakMb).toBeGreaterThan(0);
      // Every audit that audited is counted under one kind, run or at that kind's mean; the week starts on a Monday,
      // whose first audit re-audits every project (a new week).
      const measuredDays = details.audits.filter((kind) => !kind.installDay);
      expect(measuredDays.reduce((sum, kind) => sum + kind.measured + kind.counted, 0)).toBe(
        details.week.auditJobsAuditing,
      );
      const full = measuredDays.find((kind) => kind.kind === 'audit: full re-audit')!;
      expect(full.measured).toBeGreaterThan(0);
      expect(full.meanReaudited).toBe(full.projects);
      for (const kind of details.audits) if (kind.counted > 0) expect(kind.measured).toBeGreaterThan(0);
    }
    const [exact, sampled] = results.economyDetails;
    expect(exact!.sampled).toEqual([]);
    expect(exact!.week.functions.resolver.measured).toBe(50);
    expect(sampled!.method).toMatch(/measured 1× per kind/);
    expect(sampled!.sampled.length).toBeGreaterThan(0);
    expect(sampled!.week.functions.resolver.measured).toBeLessThan(50);
    expect(formatResults(results)).toContain('steadyPointsPerHour');
    expect(results.targets.some((check) => check.target.startsWith('economy at 200'))).toBe(true);
  });
});

describe('the economy', () => {
  it('counts the traffic through the store in bytes of JSON and of the keys listed', async () => {
    const store = new CountingStore(new MemoryStore());
    await store.set('a:1', { name: 'é' });
    await store.get('a:1');
    await store.get('missing');
    await store.keysWithPrefix('a:');
    await store.delete('a:1');
    const bytes = Buffer.byteLength(JSON.stringify({ name: 'é' }));
    expect(store.take()).toEqual({
      reads: 2,
      readBytes: bytes + 'a:1'.length,
      writes: 1,
      writeBytes: bytes,
      deletes: 1,
      queries: 1,
    });
    expect(store.take()).toEqual(NO_TRAFFIC);
    expect(store.takeByPrefix()).toEqual([
      { prefix: 'a:1', readBytes: bytes, writeBytes: bytes },
      { prefix: 'a:', readBytes: 3, writeBytes: 0 },
    ]);
    expect(store.takeByPrefix()).toEqual([]);
  });

  it('reads each function’s memory from the manifest, prices usage beyond the free allowance', () => {
    const memory = functionMemoryMb(readFileSync(join(__dirname, '..', '..', 'manifest.yml'), 'utf8'));
    for (const key of FUNCTION_KEYS) expect(memory[key]).toBe(512);
    expect(functionMemoryMb('app:\n  function:\n    - key: a\n      memoryMB: 1024\n    - key: b\n')).toEqual({
      a: 1024,
      b: 512,
    });
    expect(usdPerMonth({ gbSeconds: 1000, kvsReadGb: 0.001, kvsWriteGb: 0.001 })).toBe(0);
    // 10,000 GB-s a day is 300,000 a month: 200,000 beyond the free 100,000; 1 GB a day of each is 30 a month.
    expect(usdPerMonth({ gbSeconds: 10_000, kvsReadGb: 1, kvsWriteGb: 1 })).toBeCloseTo(
      200_000 * 0.000025 + 29.9 * 0.055 + 29.9 * 1.09,
      10,
    );
  });

  it('works out what the audit window needs: the window with activity, open issues outside with fields only', () => {
    const issue = (key: string, updated: string, done: boolean): RestIssue => ({
      id: key.slice(2),
      key,
      fields: {
        updated,
        status: { statusCategory: { key: done ? 'done' : 'indeterminate' } },
        comment: { comments: [{ id: `${key}-c1` }, { id: `${key}-c2` }] },
      },
      changelog: {
        histories: [1, 2, 3].map((index) => ({ id: `${key}-${index}`, created: updated, items: [] })),
      },
    });
    const snapshot: SiteSnapshot = {
      format: SNAPSHOT_FORMAT,
      baseUrl: 'https://example.test',
      fields: [],
      users: [],
      groups: [],
      projects: [{ id: '1', key: 'A', name: 'A' }],
      projectRoles: { A: [] },
      boards: [],
      sprints: {},
      issues: [
        issue('A-1', '2026-12-01T00:00:00.000Z', true),
        issue('A-2', '2026-01-01T00:00:00.000Z', false),
        issue('A-3', '2026-01-01T00:00:00.000Z', true),
      ],
    };
    // The directory: serverInfo, fields, a page of projects and one of boards, A's role list (5 requests, 2 objects:
    // the server and the project); the window: a search page (A-1 and its 2 comments) and a bulkfetch (3 histories);
    // outside it: a page with A-2 alone; A-3 not at all.
    expect(windowMinimum(snapshot, new Date('2026-11-01T00:00:00.000Z'))).toEqual({
      inWindow: 1,
      openOutside: 1,
      closedOutside: 1,
      requests: 5 + 2 + 1,
      points: 5 + 2 + (2 + 1 + 2 + 3) + (1 + 1),
      fullReadPoints: 5 + 2 + (2 + 3 + 6 + 9),
    });
  });
});
