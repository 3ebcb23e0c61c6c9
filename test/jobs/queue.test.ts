import type { FetchMethod } from '@forge/api';
import { runJob, scheduleScans, type Job, type JobOutcome } from '../../src/jobs';
import { JobTooLargeError, MAX_EVENTS_PER_PUSH, MAX_PUSH_BYTES, parseJob, type JobEvent } from '../../src/jobs/events';
import { ForgeJobQueue } from '../../src/jobs/forge-queue';
import { readStoredReport, registeredViews, registerView, viewOf } from '../../src/scan';
import { MAX_VIEWS } from '../../src/scan/reports';
import { demo, startPipeline, type Pipeline } from './support';

/**
 * Jobs travel as Forge carries them: the real `@forge/events` Queue validates every push (its limits on events and
 * bytes a push), the consumer reads each body back through `parseJob`, and the in-memory queue of every other test
 * does the same.
 */

/** `@forge/events`' Queue, answering every push as Forge does when it accepts it, and keeping what it was sent. */
function recordingQueue(): { queue: ForgeJobQueue; pushes: JobEvent[][] } {
  const pushes: JobEvent[][] = [];
  const apiClient: FetchMethod = (_url, init) => {
    pushes.push((JSON.parse(init?.body as string) as { payload: JobEvent[] }).payload);
    return Promise.resolve(new Response('{}', { status: 201 }));
  };
  return { queue: new ForgeJobQueue('rba-scan', apiClient), pushes };
}

const scanJob = (projectKey: string): Job => ({ type: 'scan', projectKey });
const bytes = (events: JobEvent[]) => Buffer.byteLength(JSON.stringify(events));

describe("pushes within Forge's limits", () => {
  it('splits a round of more than 50 jobs into pushes of at most 50 events, in order', async () => {
    const { queue, pushes } = recordingQueue();
    const jobs = Array.from({ length: 120 }, (_, index) => scanJob(`P${index}`));
    await queue.push(jobs, { delaySeconds: 30 });
    expect(pushes.map((events) => events.length)).toEqual([MAX_EVENTS_PER_PUSH, MAX_EVENTS_PER_PUSH, 20]);
    expect(pushes.flat().map((event) => parseJob(event.body))).toEqual(jobs);
    expect(pushes.flat().every((event) => event.delayInSeconds === 30)).toBe(true);
  });

  it('splits by bytes too, each push as large as Forge takes', async () => {
    const { queue, pushes } = recordingQueue();
    const jobs = Array.from({ length: 30 }, (_, index) => scanJob(`${index}`.padEnd(20_000, 'K')));
    await queue.push(jobs);
    expect(pushes.length).toBeGreaterThan(1);
    for (const events of pushes) expect(bytes(events)).toBeLessThanOrEqual(MAX_PUSH_BYTES);
    // As few pushes as the limit allows: each push's first event would not have fitted the push before it.
    for (let index = 1; index < pushes.length; index++)
      expect(bytes([...pushes[index - 1]!, pushes[index]![0]!])).toBeGreaterThan(MAX_PUSH_BYTES);
    expect(pushes.flat().map((event) => parseJob(event.body))).toEqual(jobs);
  });

  it('refuses a job too large for any push before pushing anything of its round', async () => {
    const { queue, pushes } = recordingQueue();
    const round = [scanJob('MOB'), scanJob('K'.repeat(MAX_PUSH_BYTES))];
    await expect(queue.push(round)).rejects.toThrow(JobTooLargeError);
    await expect(queue.push(round)).rejects.toThrow(
      /scan job of \d+ bytes cannot be queued: Forge takes at most 204800 bytes/,
    );
    expect(pushes).toEqual([]);
  });
});

describe('audits of restricted viewers, through the queue as on Forge', () => {
  let pipeline: Pipeline;
  beforeAll(async () => {
    pipeline = await startPipeline();
    await scheduleScans(pipeline.services);
    await pipeline.drain();
  });
  afterAll(async () => {
    await pipeline.close();
  });

  const FIVE_MINUTES = 5 * 60_000;

  it("runs a restricted viewer's audit once, and the scheduler does not queue it again every five minutes", async () => {
    const view = viewOf(demo.projects.map((project) => project.key).filter((key) => key !== 'PAY'));
    await registerView(pipeline.store, view, pipeline.services.now());
    expect((await scheduleScans(pipeline.services)).auditQueued).toBe(true);
    const before = pipeline.outcomes.length;
    await pipeline.drain();
    expect(pipeline.outcomes.slice(before)).toEqual<JobOutcome[]>(['audited']);
    expect(await readStoredReport(pipeline.store, 'MOB', view)).toBeDefined();
    for (let round = 0; round < 3; round++) {
      pipeline.clock.advance(FIVE_MINUTES);
      expect(await scheduleScans(pipeline.services)).toMatchObject({ queued: [], auditQueued: false });
    }
  });

  it('queues the audits of as many viewers as are kept, however many projects each may browse', async () => {
    const cached = demo.projects.map((project) => project.key);
    // Each viewer browses some cached projects and thousands of others not scanned yet (a big site).
    for (let viewer = 0; viewer < MAX_VIEWS; viewer++) {
      const browsed = cached.filter((_, index) => (viewer + 1) & (1 << index));
      const others = Array.from({ length: 3_000 }, (_, index) => `V${viewer}X${index}`);
      await registerView(pipeline.store, viewOf([...browsed, ...others]), pipeline.services.now());
    }
    const views = await registeredViews(pipeline.store);
    expect(views).toHaveLength(MAX_VIEWS);
    expect(Buffer.byteLength(JSON.stringify(views))).toBeGreaterThan(MAX_PUSH_BYTES);

    const { queue, pushes } = recordingQueue();
    expect((await scheduleScans({ ...pipeline.services, queue })).auditQueued).toBe(true);
    const jobs = pushes.flat().map((event) => parseJob(event.body)!);
    expect(jobs.map((job) => (job.type === 'audit' ? job.viewId : undefined)).sort()).toEqual(
      views.map((view) => view.id).sort(),
    );
    expect(await runJob(jobs[0]!, pipeline.services)).toBe('audited');
  });
});
