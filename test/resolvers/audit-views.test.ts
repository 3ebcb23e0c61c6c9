import { scheduleScans } from '../../src/jobs';
import { JiraClient } from '../../src/jira/client';
import { HttpTransport } from '../../src/jira/transport-http';
import type { RoadmapView } from '../../src/resolvers/api';
import { runHandler } from '../../src/resolvers/registry';
import type { AppServices } from '../../src/resolvers/services';
import { registeredViews } from '../../src/scan';
import { ADMIN, demo, startPipeline, type Pipeline } from '../jobs/support';
import { shown } from './cached-site';

/**
 * A viewer who may not browse every cached project: their view is registered, the whole cache's reports (filtered)
 * stand in, and once the scheduler's job audited the view they get what an audit of only their projects says.
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

function roadmapAs(accountId: string, projectKey?: string) {
  const client = (email: string) =>
    new JiraClient(new HttpTransport({ baseUrl: pipeline.emulator.url, email, apiToken: 'test' }));
  const services: AppServices = {
    jiraAsUser: () => client(accountId),
    jiraAsApp: () => client(ADMIN),
    store: pipeline.store,
    now: pipeline.services.now,
  };
  return runHandler('getRoadmap', services, projectKey ? { projectKey } : {}, { accountId, moduleKey: 'test' });
}

const data = (answer: Awaited<ReturnType<typeof roadmapAs>>): RoadmapView => shown(answer);

function mentions(view: RoadmapView, projectKey: string): boolean {
  return new RegExp(`\\b${projectKey}(-\\d+)?\\b`).test(JSON.stringify(view));
}

describe('views of the cache for viewers who may not browse every project', () => {
  it('the viewer cannot browse the hidden project, and the demo holds it', () => {
    expect(demo.projects.some((project) => project.key === HIDDEN)).toBe(true);
    expect(demo.permissions?.[MATEO]?.projects ?? []).not.toContain(HIDDEN);
  });

  it('stands in with the whole cache’s reports, filtered, and registers the view for the scheduler', async () => {
    const first = data(await roadmapAs(MATEO));
    expect(first.freshness).toMatchObject({ auditPending: true });
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

    const fromView = data(await roadmapAs(MATEO));
    expect(fromView.freshness.auditPending).toBeUndefined();
    expect(fromView.findings.length).toBeGreaterThan(0);
    expect(mentions(fromView, HIDDEN)).toBe(false);
    const port = data(await roadmapAs(MATEO, 'PORT'));
    expect(port.freshness.auditPending).toBeUndefined();
    expect(port.findings.every((finding) => finding.projectKeys.includes('PORT'))).toBe(true);
    expect(mentions(port, HIDDEN)).toBe(false);
  });

  it('queues nothing more while neither the cache nor the configuration changed', async () => {
    expect((await scheduleScans(pipeline.services)).auditQueued).toBe(false);
  });
});
