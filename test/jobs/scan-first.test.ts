import { auditSite } from '../../src/audit';
import { demoConfig } from '../../src/dev/demo';
import { normaliseSite } from '../../src/jira/normalise';
import { JiraClient } from '../../src/jira/client';
import { HttpTransport } from '../../src/jira/transport-http';
import { runJob, scheduleScans } from '../../src/jobs';
import type { PartialProject, ResolverApi, ResolverName } from '../../src/resolvers/api';
import { runHandler } from '../../src/resolvers/registry';
import type { AppServices } from '../../src/resolvers/services';
import {
  askToScanFirst,
  cachedProjectKeys,
  readCachedSite,
  readStoredReport,
  scanFirstKeys,
  type StoredReport,
} from '../../src/scan';
import { readHead } from '../../src/scan/state';
import { ADMIN, demo, startPipeline, type Pipeline } from './support';

const ids = (findings: ReadonlyArray<{ id: string }>) => findings.map((finding) => finding.id).sort();

/** The audit of the whole cache, as a one-shot audit of the same data gives it, for one project's findings. */
async function wholeAuditOf(pipeline: Pipeline, projectKey: string) {
  const cached = (await readCachedSite(pipeline.store))!;
  const whole = auditSite(normaliseSite(cached.snapshot), demoConfig(), { now: pipeline.services.now() });
  return whole.findings.filter((finding) => finding.projectKeys.includes(projectKey));
}

function call<K extends ResolverName>(pipeline: Pipeline, name: K, payload: ResolverApi[K]['payload']) {
  const client = () =>
    new JiraClient(new HttpTransport({ baseUrl: pipeline.emulator.url, email: ADMIN, apiToken: 't' }));
  const services: AppServices = {
    jiraAsUser: client,
    jiraAsApp: client,
    store: pipeline.store,
    now: pipeline.services.now,
  };
  return runHandler(name, services, payload, { accountId: ADMIN, moduleKey: 'test', extension: {} });
}

describe('a project a viewer opened before it was scanned', () => {
  let pipeline: Pipeline;
  beforeAll(async () => {
    pipeline = await startPipeline({ stepBudgetMs: 0 });
  });
  afterAll(async () => {
    await pipeline.close();
  });

  it('is scanned and audited alone first, so its report does not wait for the whole site’s scan', async () => {
    const projectKeys = demo.projects.map((project) => project.key).sort();
    // The portfolio project has no board: nothing to read first, it is read whole.
    const opened = projectKeys[projectKeys.length - 1]!;
    await askToScanFirst(pipeline.store, opened);

    const first = await scheduleScans(pipeline.services);
    expect(first.queued.map((entry) => entry.projectKey)).toEqual([opened]);
    await pipeline.drain();
    expect(await cachedProjectKeys(pipeline.store)).toEqual([opened]);
    expect(await readStoredReport(pipeline.store, opened)).toBeDefined();
    expect(await scanFirstKeys(pipeline.store)).toEqual([opened]);

    // The next run finds the ask done with and queues the rest; once they are scanned, the audit covers them all.
    const rest = await scheduleScans(pipeline.services);
    expect(rest.queued.map((entry) => entry.projectKey)).toEqual(projectKeys.filter((key) => key !== opened));
    expect(await scanFirstKeys(pipeline.store)).toEqual([]);
    await pipeline.drain();
    expect((await cachedProjectKeys(pipeline.store)).sort()).toEqual(projectKeys);
    for (const key of projectKeys) expect(await readStoredReport(pipeline.store, key)).toBeDefined();
    // The opened project's report, made from it alone at first, now says what an audit of the whole cache says of it.
    const stored = (await readStoredReport(pipeline.store, opened))!.report.findings;
    expect(ids(stored)).toEqual(ids(await wholeAuditOf(pipeline, opened)));
    expect(stored.length).toBeGreaterThan(0);
  });
});

describe('a board’s project opened before it was scanned', () => {
  const OPENED = 'PAY';
  const board = demo.boards.find((candidate) => candidate.location?.projectKey === OPENED)!;
  const activeSprints = (demo.sprints[String(board.id)] ?? []).filter((sprint) => sprint.state === 'active');
  const inActiveSprint = (issue: (typeof demo.issues)[number]) =>
    Object.values(issue.fields).some(
      (value) =>
        Array.isArray(value) &&
        value.some((entry) => activeSprints.some((sprint) => (entry as { id?: unknown } | null)?.id === sprint.id)),
    );
  /** What the first stage must read: the active sprint's issues of the project and the parents above them there. */
  function firstStageKeys(): string[] {
    const byKey = new Map(demo.issues.map((issue) => [issue.key, issue]));
    const keys = new Set(
      demo.issues
        .filter((issue) => issue.key.startsWith(`${OPENED}-`) && inActiveSprint(issue))
        .map((issue) => issue.key),
    );
    for (let added = true; added;) {
      added = false;
      for (const key of [...keys]) {
        const parent = (byKey.get(key)!.fields.parent as { key?: string } | undefined)?.key;
        if (parent?.startsWith(`${OPENED}-`) && !keys.has(parent)) added = keys.add(parent).size > 0;
      }
    }
    return [...keys].sort();
  }

  /** Runs the queue, taking what is stored and spent when the opened project's first report appears. */
  async function drainWatchingFirstReport(pipeline: Pipeline) {
    let atFirstReport: { stored: StoredReport; points: number; requests: number; partial?: PartialProject } | undefined;
    await pipeline.queue.drain(async (job) => {
      pipeline.outcomes.push(await runJob(job, pipeline.services));
      const stored = atFirstReport ? undefined : await readStoredReport(pipeline.store, OPENED);
      if (stored) {
        const { points, requests } = pipeline.emulator.stats();
        const panel = await call(pipeline, 'getBoardPanel', { boardId: Number(board.id) });
        if (!panel.ok || 'firstScan' in panel.data) throw new Error('the panel does not show the stored report');
        const partial = panel.data.freshness.partial?.find((entry) => entry.projectKey === OPENED);
        atFirstReport = { stored, points, requests, ...(partial ? { partial } : {}) };
        // The other projects still wait for the opened one to be read whole.
        expect((await scheduleScans(pipeline.services)).queued).toEqual([]);
      }
    });
    return atFirstReport!;
  }

  it('reads the active sprint and the parents above it first, reports on that as partial, then the whole project replaces it', async () => {
    expect(activeSprints.length).toBeGreaterThan(0);
    const expected = firstStageKeys();
    expect(expected.length).toBeGreaterThan(10);

    // The same project's first scan, read whole at once, for what it costs.
    const plain = await startPipeline({ stepBudgetMs: 0 });
    let wholeScanPoints: number;
    try {
      await plain.queue.push({ type: 'scan', projectKey: OPENED });
      await plain.drain();
      wholeScanPoints = plain.emulator.stats().points;
    } finally {
      await plain.close();
    }

    const pipeline = await startPipeline({ stepBudgetMs: 0 });
    try {
      await askToScanFirst(pipeline.store, OPENED);
      const first = await scheduleScans(pipeline.services);
      expect(first.queued.map((entry) => entry.projectKey)).toEqual([OPENED]);
      const scheduled = pipeline.emulator.stats();

      const atFirstReport = await drainWatchingFirstReport(pipeline);
      // The first report rests on the active sprint's issues and their parents, read from far fewer points.
      const stage = atFirstReport.stored;
      expect(atFirstReport.partial).toMatchObject({ stageIssues: expected.length, issuesRead: expected.length });
      expect(stage.coverage.issues).toBe(expected.length);
      expect(atFirstReport.points - scheduled.points).toBeLessThan(wholeScanPoints / 2);
      const unread = stage.report.coverage.unread.filter((problem) => problem.ref === OPENED);
      expect(unread.some((problem) => problem.unread === 'issues' && /active sprint/.test(problem.message))).toBe(true);
      const wholeProjectRules = [
        'owner/project-missing-role',
        'owner/roadmap-item-unowned',
        'owner/sprint-without-po',
        'trace/roadmap-item-not-broken-down',
        'trace/sprint-item-without-roadmap-link',
      ];
      for (const rule of wholeProjectRules) {
        expect(
          unread.some((problem) => problem.message.startsWith(`${rule} did not check ${OPENED}: not checked yet`)),
        ).toBe(true);
        expect(stage.report.findings.filter((finding) => finding.rule === rule)).toEqual([]);
      }
      // What it did judge, it judged on the sprint's work.
      expect(stage.report.findings.length).toBeGreaterThan(0);

      // The whole project's report replaces it: no longer partial, what a one-shot audit of the cache says.
      expect(await cachedProjectKeys(pipeline.store)).toEqual([OPENED]);
      expect((await readHead(pipeline.store, OPENED))?.partial).toBeUndefined();
      const whole = (await readStoredReport(pipeline.store, OPENED))!;
      expect(whole.coverage.issues).toBeGreaterThan(stage.coverage.issues);
      // The progress shown meanwhile was "N of about M": M, Jira's count of what the rest's search matches, is what
      // the scan read but the closed old parents and children it looked up besides.
      const linkedOnly = whole.coverage.issues - atFirstReport.partial!.issuesToRead!;
      expect(linkedOnly).toBeGreaterThanOrEqual(0);
      expect(linkedOnly).toBeLessThan(whole.coverage.issues / 10);
      expect(whole.report.coverage.unread.some((problem) => /active sprint/.test(problem.message))).toBe(false);
      expect(ids(whole.report.findings)).toEqual(ids(await wholeAuditOf(pipeline, OPENED)));
      expect(whole.report.findings.some((finding) => wholeProjectRules.includes(finding.rule))).toBe(true);
      const panel = await call(pipeline, 'getBoardPanel', { boardId: Number(board.id) });
      expect(panel.ok && !('firstScan' in panel.data) && panel.data.freshness.partial).toBeUndefined();
      // Staging read nothing twice: the first scan cost what reading the project whole does, within 10 %.
      const stagedPoints = pipeline.emulator.stats().points - scheduled.points;
      expect(stagedPoints).toBeLessThanOrEqual(wholeScanPoints * 1.1);
      // The ask stands until the project is whole: the others waited for it.
      expect(await scanFirstKeys(pipeline.store)).toEqual([OPENED]);
    } finally {
      await pipeline.close();
    }
  });

  it('shows the roadmap page the scan’s progress until the whole project is read', async () => {
    const pipeline = await startPipeline({ stepBudgetMs: 0 });
    try {
      await askToScanFirst(pipeline.store, OPENED);
      await scheduleScans(pipeline.services);
      let sawPartial = false;
      await pipeline.queue.drain(async (job) => {
        pipeline.outcomes.push(await runJob(job, pipeline.services));
        if (!(await readHead(pipeline.store, OPENED))?.partial || !(await readStoredReport(pipeline.store, OPENED)))
          return;
        sawPartial = true;
        const roadmap = await call(pipeline, 'getRoadmap', { projectKey: OPENED });
        expect(roadmap.ok && 'firstScan' in roadmap.data && roadmap.data.firstScan.project?.stage).toBe('scanning');
      });
      expect(sawPartial).toBe(true);
      const roadmap = await call(pipeline, 'getRoadmap', { projectKey: OPENED });
      expect(roadmap.ok && !('firstScan' in roadmap.data)).toBe(true);
    } finally {
      await pipeline.close();
    }
  });
});
