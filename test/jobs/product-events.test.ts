import type { RestIssue } from '../../src/jira/snapshot';
import { recordProductEvent, scheduleScans } from '../../src/jobs';
import { readCachedDirectory, readCachedProject } from '../../src/scan';
import { demo, startPipeline, type Pipeline } from './support';

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = await startPipeline();
  await scheduleScans(pipeline.services);
  await pipeline.drain();
  // The refresh after the full scans (it lists ids once), so that what follows is the steady state.
  pipeline.clock.advance(2 * 60 * 60_000);
  await scheduleScans(pipeline.services);
  await pipeline.drain();
  pipeline.clock.advance(5 * 60_000);
});
afterAll(async () => {
  await pipeline.close();
});

const issueEvent = (eventType: string, issue: RestIssue) => ({
  eventType,
  issue: {
    id: issue.id,
    key: issue.key,
    fields: { summary: issue.fields.summary, project: issue.fields.project, updated: issue.fields.updated },
  },
  atlassianId: 'someone',
});

describe('product events', () => {
  it('mark an edited issue, so that only its project is refreshed and only it is read again', async () => {
    const target = demo.issues.find((issue) => issue.key === 'MOB-7')!;
    const site = structuredClone(demo);
    const edited = site.issues.find((issue) => issue.id === target.id)!;
    edited.fields.summary = 'Offline checkout, reworded';
    edited.fields.updated = pipeline.emulator.siteNow().toISOString();
    pipeline.emulator.replaceSnapshot(site);

    expect(await recordProductEvent(issueEvent('avi:jira:updated:issue', edited), pipeline.services)).toEqual({
      marked: 'issue',
      projectKey: 'MOB',
      issueKey: 'MOB-7',
    });
    expect(await scheduleScans(pipeline.services)).toMatchObject({ queued: [{ projectKey: 'MOB', reason: 'marked' }] });
    pipeline.emulator.resetStats();
    await pipeline.drain();
    const stats = pipeline.emulator.stats();
    expect(stats.byRoute['POST /rest/api/3/search/jql']?.requests).toBe(1);
    expect(stats.byRoute['POST /rest/api/3/changelog/bulkfetch']?.requests).toBe(1);
    const mob = (await readCachedProject(pipeline.store, 'MOB'))!;
    expect(mob.issues.find((issue) => issue.id === target.id)?.fields.summary).toBe('Offline checkout, reworded');
    expect(await pipeline.store.keysWithPrefix('scan:mark:')).toEqual([]);
    expect(await scheduleScans(pipeline.services)).toMatchObject({ queued: [] });
  });

  it('mark a board whose sprint changed, so that its sprints alone are read again', async () => {
    const board = demo.boards.find((candidate) => candidate.location?.projectKey === 'PAY')!;
    const site = structuredClone(demo);
    const sprints = site.sprints[String(board.id)]!;
    const future = sprints.find((sprint) => sprint.state === 'future') ?? sprints[sprints.length - 1]!;
    future.goal = 'Ship the new refund flow';
    pipeline.emulator.replaceSnapshot(site);

    const event = {
      eventType: 'avi:jira-software:updated:sprint',
      sprint: { ...future, originBoardId: board.id },
      atlassianId: 'someone',
    };
    expect(await recordProductEvent(event, pipeline.services)).toEqual({ marked: 'board', boardId: board.id });
    expect(await scheduleScans(pipeline.services)).toMatchObject({ queued: [{ projectKey: 'PAY', reason: 'marked' }] });
    pipeline.emulator.resetStats();
    await pipeline.drain();
    const stats = pipeline.emulator.stats();
    expect(stats.byRoute['GET /rest/agile/1.0/board/:boardId/sprint']?.requests).toBe(1);
    expect(stats.requests).toBeLessThanOrEqual(3);
    const directory = (await readCachedDirectory(pipeline.store, 'PAY'))!;
    expect(directory.sprints[String(board.id)]!.find((sprint) => sprint.id === future.id)?.goal).toBe(
      'Ship the new refund flow',
    );
  });

  it('mark a deleted issue, which leaves the cache at the next refresh without listing ids', async () => {
    const gone = demo.issues.find((issue) => issue.key === 'DATA-3')!;
    const site = structuredClone(demo);
    site.issues = site.issues.filter((issue) => issue.id !== gone.id);
    pipeline.emulator.replaceSnapshot(site);
    expect(await recordProductEvent(issueEvent('avi:jira:deleted:issue', gone), pipeline.services)).toMatchObject({
      marked: 'deleted issue',
      projectKey: 'DATA',
    });
    await scheduleScans(pipeline.services);
    pipeline.emulator.resetStats();
    await pipeline.drain();
    expect(pipeline.emulator.stats().requests).toBe(1);
    expect((await readCachedProject(pipeline.store, 'DATA'))!.issues.some((issue) => issue.id === gone.id)).toBe(false);
  });

  it('ignore events the scan does not follow, or that lack what a mark needs', async () => {
    expect(
      await recordProductEvent(
        { eventType: 'avi:jira:viewed:issue', issue: { id: '1', key: 'MOB-1' } },
        pipeline.services,
      ),
    ).toMatchObject({ marked: 'nothing' });
    expect(
      await recordProductEvent({ eventType: 'avi:jira:updated:issue', issue: { key: 'MOB-1' } }, pipeline.services),
    ).toMatchObject({ marked: 'nothing' });
    expect(
      await recordProductEvent({ eventType: 'avi:jira-software:started:sprint', sprint: { id: 3 } }, pipeline.services),
    ).toMatchObject({ marked: 'nothing' });
    expect(await recordProductEvent('not an event', pipeline.services)).toMatchObject({ marked: 'nothing' });
    expect(await pipeline.store.keysWithPrefix('scan:mark')).toEqual([]);
  });
});
