import { scheduleScans } from '../../src/jobs';
import { JiraClient } from '../../src/jira/client';
import { HttpTransport } from '../../src/jira/transport-http';
import type { RoadmapView } from '../../src/resolvers/api';
import { runHandler } from '../../src/resolvers/registry';
import type { AppServices } from '../../src/resolvers/services';
import { registeredViews } from '../../src/scan';
import { ADMIN, demo, startPipeline, type Pipeline } from '../jobs/support';

/**
 * A viewer who may not browse every cached project on a site too big to audit inside a resolver call: their view
 * is registered, the whole cache's reports (filtered) stand in, and once the scheduler's job audited the view they
 * get what an audit of only their projects says — the same answer a small site gives them at once.
 */
const MATEO = '712020:a690030a-c0e0-ccdd-cb30-e3f4148c37b8';
const HIDDEN = 'PAY';

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = await startPipeline();
  await scheduleScans(pipeline.services);
  await pipeline.drain();
});
afterAll(async () => {
  await pipeline.close();
});

function roadmapAs(accountId: string, viewAuditMaxIssues: number | undefined, projectKey?: string) {
  const client = (email: string) =>
    new JiraClient(new HttpTransport({ baseUrl: pipeline.emulator.url, email, apiToken: 'test' }));
  const services: AppServices = {
    jiraAsUser: () => client(accountId),
    jiraAsApp: () => client(ADMIN),
    store: pipeline.store,
    now: pipeline.services.now,
    ...(viewAuditMaxIssues !== undefined ? { viewAuditMaxIssues } : {}),
  };
  return runHandler('getRoadmap', services, projectKey ? { projectKey } : {}, { accountId, moduleKey: 'test' });
}

function data(answer: Awaited<ReturnType<typeof roadmapAs>>): RoadmapView {
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

function mentions(view: RoadmapView, projectKey: string): boolean {
  return new RegExp(`\\b${projectKey}(-\\d+)?\\b`).test(JSON.stringify(view));
}

describe('views of the cache for viewers who may not browse every project', () => {
  it('the viewer cannot browse the hidden project, and the demo holds it', () => {
    expect(demo.projects.some((project) => project.key === HIDDEN)).toBe(true);
    expect(demo.permissions?.[MATEO]?.projects ?? []).not.toContain(HIDDEN);
  });

  it('on a big site, stands in with the whole cache’s reports, filtered, and registers the view for the scheduler', async () => {
    const first = data(await roadmapAs(MATEO, 0));
    expect(first.freshness).toMatchObject({ source: 'cache', auditPending: true });
    expect(mentions(first, HIDDEN)).toBe(false);
    expect(first.trend).toEqual([]);
    expect((await registeredViews(pipeline.store)).map((view) => view.projectKeys.includes(HIDDEN))).toEqual([false]);
  });

  it('once the scheduler’s job audited the view, answers exactly as an audit of the viewer’s projects alone', async () => {
    const scheduled = await scheduleScans(pipeline.services);
    expect(scheduled.auditQueued).toBe(true);
    const before = pipeline.outcomes.length;
    await pipeline.drain();
    expect(pipeline.outcomes.slice(before)).toContain('audited');

    const fromView = data(await roadmapAs(MATEO, 0));
    expect(fromView.freshness.auditPending).toBeUndefined();
    // A small site audits the viewer's cached projects inside the call: the same answer.
    const audited = data(await roadmapAs(MATEO, undefined));
    expect(fromView).toEqual(audited);
    expect(fromView.findings.length).toBeGreaterThan(0);
    expect(mentions(fromView, HIDDEN)).toBe(false);
    expect(data(await roadmapAs(MATEO, 0, 'PORT'))).toEqual(data(await roadmapAs(MATEO, undefined, 'PORT')));
  });

  it('queues nothing more while neither the cache nor the configuration changed', async () => {
    expect((await scheduleScans(pipeline.services)).auditQueued).toBe(false);
  });
});
