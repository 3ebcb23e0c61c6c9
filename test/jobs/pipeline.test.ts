import { auditSite } from '../../src/audit';
import { demoConfig } from '../../src/dev/demo';
import { JiraClient } from '../../src/jira/client';
import { normaliseSite } from '../../src/jira/normalise';
import { readSite } from '../../src/jira/read-site';
import { HttpTransport } from '../../src/jira/transport-http';
import { roleMappingGroups } from '../../src/config/role-mapping';
import { scheduleScans } from '../../src/jobs';
import { readCachedSite, readStoredReport } from '../../src/scan';
import { projectSlice } from '../../src/scan/reports';
import { ADMIN, demo, startPipeline, type Pipeline } from './support';

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = await startPipeline({ stepBudgetMs: 0 });
});
afterAll(async () => {
  await pipeline.close();
});

const HOUR = 60 * 60_000;

describe('scheduled trigger → queue → consumer, on the in-memory queue', () => {
  it('scans every project in many small steps, audits once at the end, and caches what the audit of a live read needs', async () => {
    const scheduled = await scheduleScans(pipeline.services);
    expect(scheduled.listedProjects).toBe(true);
    expect(scheduled.queued.map((entry) => entry.projectKey)).toEqual(
      demo.projects.map((project) => project.key).sort(),
    );
    expect(scheduled.queued.every((entry) => entry.reason === 'first scan')).toBe(true);

    const jobs = await pipeline.drain();
    expect(jobs).toBeGreaterThan(demo.projects.length * 3);
    const pushed = pipeline.queue.pushed.map((entry) => entry.job.type);
    expect(pushed.filter((type) => type === 'audit')).toHaveLength(demo.projects.length);
    // Audits queued while scans still ran waited; of those queued once all were done, one did the work.
    expect(pipeline.outcomes.filter((outcome) => outcome === 'audited')).toHaveLength(1);
    expect(pipeline.outcomes.filter((outcome) => outcome === 'audit deferred').length).toBeGreaterThan(0);

    const live = await readSite(
      new JiraClient(new HttpTransport({ baseUrl: pipeline.emulator.url, email: ADMIN, apiToken: 'x' })),
      {
        baseUrl: pipeline.emulator.url,
        groups: roleMappingGroups(demoConfig()),
      },
    );
    const cached = (await readCachedSite(pipeline.store))!;
    // The cache holds what the audit window needs (test/scan/window-equivalence.test.ts): fewer issues, same findings.
    expect(cached.snapshot.issues.length).toBeLessThan(live.snapshot.issues.length);
    const findingsOf = (snapshot: typeof live.snapshot) =>
      auditSite(normaliseSite(snapshot), demoConfig(), { now: pipeline.services.now() }).findings;
    expect(findingsOf(cached.snapshot)).toEqual(findingsOf(live.snapshot));

    // Only the last audit, when no scan was left running, did the work.
    const report = (await readStoredReport(pipeline.store, 'PAY'))!;
    expect(report.report.findings.length).toBeGreaterThan(0);
    expect(report.report.findings.every((finding) => finding.projectKeys.includes('PAY'))).toBe(true);
    expect(Date.parse(report.validUntil)).toBeGreaterThan(Date.parse(report.generatedAt));
    // The trend is the report's: twelve weeks worked out from the histories, ending with the audit's week.
    const weeks = report.report.projects.find((project) => project.key === 'PAY')!.weeks;
    expect(weeks).toHaveLength(12);
    expect(weeks[11]).toMatchObject({ weekStart: '2026-11-16', countedUntil: expect.stringMatching(/^2026-11-/) });

    // The job audits a project at a time; what it stores is what an audit of the whole cached site at once gives.
    const whole = auditSite(normaliseSite(cached.snapshot, cached.problems), demoConfig(), {
      now: pipeline.services.now(),
    });
    for (const project of demo.projects) {
      expect((await readStoredReport(pipeline.store, project.key))!.report).toEqual(projectSlice(whole, project.key));
    }
  });

  it('queues nothing and reads nothing from Jira while nothing is due', async () => {
    pipeline.clock.advance(10 * 60_000);
    pipeline.emulator.resetStats();
    const scheduled = await scheduleScans(pipeline.services);
    expect(scheduled).toMatchObject({ queued: [], listedProjects: false });
    expect(pipeline.emulator.stats().requests).toBe(0);
  });

  it('refreshes every project hourly for at most 3 requests each', async () => {
    pipeline.clock.advance(HOUR);
    pipeline.emulator.resetStats();
    const scheduled = await scheduleScans(pipeline.services);
    expect(scheduled.queued.every((entry) => entry.reason === 'periodic')).toBe(true);
    expect(scheduled.queued).toHaveLength(demo.projects.length);
    const listing = pipeline.emulator.stats().requests;
    await pipeline.drain();
    const refreshRequests = pipeline.emulator.stats().requests - listing;
    // The first refresh after a full scan lists ids once: one search and one ids page per project.
    expect(refreshRequests).toBeLessThanOrEqual(3 * demo.projects.length);
  });

  it('moves the trend on by a week a week later', async () => {
    pipeline.clock.advance(7 * 24 * HOUR);
    await scheduleScans(pipeline.services);
    await pipeline.drain();
    const weeks = (await readStoredReport(pipeline.store, 'PAY'))!.report.projects[0]!.weeks;
    expect(weeks.map((week) => week.weekStart).slice(-2)).toEqual(['2026-11-16', '2026-11-23']);
  });

  it('queues no audit after refreshes that found nothing new, hourly or daily (directory and site data read again)', async () => {
    const digests = () =>
      Promise.all(demo.projects.map((project) => pipeline.store.get(`audit:digest:${project.key}`)));
    const refresh = async () => {
      const pushed = pipeline.queue.pushed.length;
      expect((await scheduleScans(pipeline.services)).queued).toHaveLength(demo.projects.length);
      await pipeline.drain();
      return pipeline.queue.pushed.slice(pushed).filter((entry) => entry.job.type === 'audit');
    };
    pipeline.clock.advance(HOUR);
    const before = await digests();
    expect(await refresh()).toEqual([]);
    // Into the next week (the site clock starts on a Sunday): its audit runs; then a day on, nothing new again.
    pipeline.clock.advance(2 * 24 * HOUR);
    expect((await refresh()).length).toBeGreaterThan(0);
    expect(await digests()).not.toEqual(before);
    const weekAudited = await digests();
    pipeline.clock.advance(24 * HOUR);
    expect(await refresh()).toEqual([]);
    expect(await scheduleScans(pipeline.services)).toMatchObject({ queued: [], auditQueued: false });
    expect(await digests()).toEqual(weekAudited);
  });
});
