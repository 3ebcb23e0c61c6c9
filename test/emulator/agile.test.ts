/** @needs-shared jira-openapi */
import { RITA } from '../fixtures/emulator/site';
import type { Reply } from './http';
import { useEmulator } from './setup';

const harness = useEmulator();

interface AgilePage<T> {
  startAt: number;
  maxResults: number;
  total: number;
  isLast: boolean;
  values: T[];
}

const values = <T>(reply: Reply) => (reply.body as AgilePage<T>).values;
const ids = (reply: Reply) => values<{ id: number }>(reply).map((entry) => entry.id);

describe('GET /rest/agile/1.0/board', () => {
  it('lists the boards of visible projects, filtered by type or project', async () => {
    const { jira } = harness();
    expect(ids(await jira.get('/rest/agile/1.0/board'))).toEqual([1, 2, 3]);
    expect(ids(await jira.as(RITA.emailAddress ?? '').get('/rest/agile/1.0/board'))).toEqual([1, 2]);
    expect(ids(await jira.get('/rest/agile/1.0/board?type=kanban'))).toEqual([2]);
    expect(ids(await jira.get('/rest/agile/1.0/board?projectKeyOrId=10002'))).toEqual([3]);
  });

  it('pages at most 50 boards to an isLast end', async () => {
    const { jira } = harness();
    const first = (await jira.get('/rest/agile/1.0/board?maxResults=2')).body as AgilePage<unknown>;
    expect(first).toMatchObject({ startAt: 0, maxResults: 2, total: 3, isLast: false });
    expect(((await jira.get('/rest/agile/1.0/board?startAt=2')).body as AgilePage<unknown>).isLast).toBe(true);
    expect(((await jira.get('/rest/agile/1.0/board?maxResults=80')).body as AgilePage<unknown>).maxResults).toBe(50);
  });
});

describe('sprints', () => {
  it('lists a board’s sprints closed, active, future, filtered by state', async () => {
    const { jira } = harness();
    const sprints = values<{ id: number; state: string; originBoardId: number }>(
      await jira.get('/rest/agile/1.0/board/1/sprint'),
    );
    expect(sprints.map((sprint) => [sprint.id, sprint.state])).toEqual([
      [11, 'closed'],
      [12, 'active'],
      [13, 'future'],
    ]);
    expect(ids(await jira.get('/rest/agile/1.0/board/1/sprint?state=active,future'))).toEqual([12, 13]);
    const second = (await jira.get('/rest/agile/1.0/board/1/sprint?startAt=1&maxResults=1')).body as AgilePage<{
      id: number;
    }>;
    expect(second).toMatchObject({ startAt: 1, total: 3, isLast: false, values: [{ id: 12 }] });
  });

  it('refuses sprints of a kanban board and hides boards and sprints of invisible projects', async () => {
    const { jira } = harness();
    const kanban = await jira.get('/rest/agile/1.0/board/2/sprint');
    expect(kanban.status).toBe(400);
    expect(kanban.body).toEqual({ errorMessages: ['The board does not support sprints'], errors: {} });
    const rita = jira.as(RITA.emailAddress ?? '');
    expect((await rita.get('/rest/agile/1.0/board/3/sprint')).status).toBe(404);
    expect((await rita.get('/rest/agile/1.0/sprint/31')).status).toBe(404);
    expect((await jira.get('/rest/agile/1.0/sprint/999')).status).toBe(404);
  });

  it('returns one sprint', async () => {
    const reply = await harness().jira.get('/rest/agile/1.0/sprint/12');
    expect(reply.body).toMatchObject({
      id: 12,
      state: 'active',
      name: 'MOB Sprint 2',
      originBoardId: 1,
      goal: 'Checkout',
    });
  });
});

describe('GET /rest/agile/1.0/sprint/{id}/issue', () => {
  interface IssuePage {
    startAt: number;
    maxResults: number;
    total: number;
    issues: { key: string; fields: Record<string, unknown> }[];
  }

  it('returns the sprint’s issues in rank order with navigable fields', async () => {
    const page = (await harness().jira.get('/rest/agile/1.0/sprint/12/issue')).body as IssuePage;
    expect(page.issues.map((issue) => issue.key)).toEqual(['MOB-2', 'MOB-3', 'MOB-4']);
    expect(page.issues[0]?.fields).toHaveProperty('summary');
    expect(page.issues[0]?.fields).not.toHaveProperty('comment');
  });

  it('honours fields, a jql filter and paging', async () => {
    const { jira } = harness();
    const filtered = (
      await jira.get(`/rest/agile/1.0/sprint/12/issue?fields=summary&jql=${encodeURIComponent('issuetype = Subtask')}`)
    ).body as IssuePage;
    expect(filtered.issues.map((issue) => [issue.key, Object.keys(issue.fields)])).toEqual([['MOB-3', ['summary']]]);
    const future = (await jira.get('/rest/agile/1.0/sprint/13/issue?maxResults=10&fields=summary')).body as IssuePage;
    expect(future).toMatchObject({ startAt: 0, maxResults: 10, total: 13 });
    expect(future.issues).toHaveLength(10);
  });
});
