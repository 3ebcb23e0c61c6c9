/** @needs-shared jira-openapi */
import { MOB2_HISTORIES, MOB3_HISTORIES, MOB4_COMMENTS, RITA } from '../fixtures/emulator/site';
import { basicAuth, type Reply } from './http';
import { useEmulator } from './setup';

const harness = useEmulator();

interface BulkPage {
  issueChangeLogs: { issueId: string; changeHistories: { id: string; items: { fieldId?: string }[] }[] }[];
  nextPageToken?: string;
}

const bulk = (body: unknown) => harness().jira.post('/rest/api/3/changelog/bulkfetch', body);
const histories = (reply: Reply) =>
  (reply.body as BulkPage).issueChangeLogs.flatMap((log) => log.changeHistories.map((history) => history.id));

describe('POST /rest/api/3/changelog/bulkfetch', () => {
  it('returns every history of the issues, oldest first and by issue id, grouped per issue', async () => {
    const reply = await bulk({ issueIdsOrKeys: ['MOB-3', 'MOB-2', 'WEB-1'] });
    const body = reply.body as BulkPage;
    expect(body.issueChangeLogs.map((log) => [log.issueId, log.changeHistories.length])).toEqual([
      ['20002', 120],
      ['20003', 2],
    ]);
    expect(body.nextPageToken).toBeUndefined();
    const mob3 = body.issueChangeLogs[1]?.changeHistories.map((history) => history.id);
    expect(mob3).toEqual(MOB3_HISTORIES.map((history) => history.id));
  });

  it('pages by history with maxResults and an opaque token, grouping each page per issue', async () => {
    const pages: [string, string[]][][] = [];
    let token: string | undefined;
    do {
      const reply = await bulk({
        issueIdsOrKeys: ['MOB-2', 'MOB-3'],
        maxResults: 50,
        ...(token ? { nextPageToken: token } : {}),
      });
      const body = reply.body as BulkPage;
      pages.push(body.issueChangeLogs.map((log) => [log.issueId, log.changeHistories.map((history) => history.id)]));
      token = body.nextPageToken;
    } while (token);
    const mob2 = MOB2_HISTORIES.map((history) => history.id);
    // MOB-3's first history ties with MOB-2's sixth (issue id decides) and its second falls before MOB-2's seventh,
    // so the first 50 histories are 48 of MOB-2 and both of MOB-3.
    expect(pages).toEqual([
      [
        ['20002', mob2.slice(0, 48)],
        ['20003', MOB3_HISTORIES.map((history) => history.id)],
      ],
      [['20002', mob2.slice(48, 98)]],
      [['20002', mob2.slice(98)]],
    ]);
    const upToTheTie = await bulk({ issueIdsOrKeys: ['MOB-3', 'MOB-2'], maxResults: 6 });
    expect((upToTheTie.body as BulkPage).issueChangeLogs).toEqual([
      { issueId: '20002', changeHistories: MOB2_HISTORIES.slice(0, 6) },
    ]);
  });

  it('keeps only items of the requested fields and drops histories left empty', async () => {
    const reply = await bulk({ issueIdsOrKeys: ['MOB-2'], fieldIds: ['customfield_10020'] });
    const changeHistories = (reply.body as BulkPage).issueChangeLogs[0]?.changeHistories ?? [];
    expect(changeHistories).toHaveLength(40);
    expect(
      changeHistories.every((history) => history.items.every((item) => item.fieldId === 'customfield_10020')),
    ).toBe(true);
  });

  it('leaves out issues the caller may not browse', async () => {
    const reply = await harness()
      .jira.as(RITA.emailAddress ?? '')
      .post('/rest/api/3/changelog/bulkfetch', { issueIdsOrKeys: ['SEC-1', 'MOB-3'] });
    expect((reply.body as BulkPage).issueChangeLogs.map((log) => log.issueId)).toEqual(['20003']);
  });

  it.each([
    ['no issues', { issueIdsOrKeys: [] }],
    ['1001 issues', { issueIdsOrKeys: Array.from({ length: 1001 }, (_, index) => `MOB-${index + 1}`) }],
    [
      '11 field ids',
      { issueIdsOrKeys: ['MOB-2'], fieldIds: Array.from({ length: 11 }, (_, index) => `customfield_${index}`) },
    ],
    ['maxResults 10001', { issueIdsOrKeys: ['MOB-2'], maxResults: 10001 }],
    ['maxResults 0', { issueIdsOrKeys: ['MOB-2'], maxResults: 0 }],
    ['an unknown property', { issueIdsOrKeys: ['MOB-2'], startAt: 5 }],
  ])('answers 400 to %s', async (_label, body) => {
    expect((await bulk(body)).status).toBe(400);
  });

  it('answers a body that is not JSON with a 400 in Jira’s envelope', async () => {
    const { emulator, specs } = harness();
    const response = await fetch(`${emulator.url}/rest/api/3/changelog/bulkfetch`, {
      method: 'POST',
      headers: { authorization: basicAuth(RITA.emailAddress ?? ''), 'content-type': 'application/json' },
      body: '{"issueIdsOrKeys": [',
    });
    expect(response.status).toBe(400);
    const body: unknown = await response.json();
    expect(specs.schemaErrors('ErrorCollection', body)).toEqual([]);
  });

  it('accepts the limits themselves: 1000 issues and 10000 histories a page', async () => {
    const reply = await bulk({
      issueIdsOrKeys: Array.from({ length: 1000 }, (_, index) => `MOB-${index + 1}`),
      maxResults: 10000,
    });
    expect(reply.status).toBe(200);
    expect(histories(reply)).toHaveLength(122);
  });
});

describe('GET /rest/api/3/issue/{key}/changelog', () => {
  interface ChangelogPage {
    startAt: number;
    maxResults: number;
    total: number;
    isLast: boolean;
    nextPage?: string;
    values: { id: string }[];
  }

  it('pages the full history oldest first, at most 100 at a time', async () => {
    const { jira } = harness();
    const first = (await jira.get('/rest/api/3/issue/MOB-2/changelog?maxResults=500')).body as ChangelogPage;
    expect(first).toMatchObject({ startAt: 0, maxResults: 100, total: 120, isLast: false });
    expect(first.values.map((history) => history.id)).toEqual(
      MOB2_HISTORIES.slice(0, 100).map((history) => history.id),
    );
    expect(first.nextPage).toContain('startAt=100');
    const last = (await jira.get('/rest/api/3/issue/MOB-2/changelog?startAt=100')).body as ChangelogPage;
    expect(last).toMatchObject({ startAt: 100, total: 120, isLast: true });
    expect(last.values).toHaveLength(20);
  });

  it('answers 404 for an issue the caller cannot see, as for one that does not exist', async () => {
    const { jira } = harness();
    expect((await jira.as(RITA.emailAddress ?? '').get('/rest/api/3/issue/SEC-1/changelog')).status).toBe(404);
    expect((await jira.get('/rest/api/3/issue/NOPE-1/changelog')).status).toBe(404);
    expect((await jira.get('/rest/api/3/issue/SEC-1/changelog')).status).toBe(200);
  });
});

describe('GET /rest/api/3/issue/{key}/comment', () => {
  interface CommentPage {
    startAt: number;
    maxResults: number;
    total: number;
    comments: { id: string }[];
  }

  it('pages comments oldest first, at most 100 at a time, or newest first on request', async () => {
    const { jira } = harness();
    const first = (await jira.get('/rest/api/3/issue/MOB-4/comment')).body as CommentPage;
    expect(first).toMatchObject({ startAt: 0, maxResults: 100, total: 120 });
    expect(first.comments[0]?.id).toBe(MOB4_COMMENTS[0]?.id);
    const rest = (await jira.get('/rest/api/3/issue/MOB-4/comment?startAt=100&maxResults=1000')).body as CommentPage;
    expect(rest.comments).toHaveLength(20);
    const newest = (await jira.get('/rest/api/3/issue/MOB-4/comment?orderBy=-created&maxResults=2'))
      .body as CommentPage;
    expect(newest.comments.map((comment) => comment.id)).toEqual([MOB4_COMMENTS[119]?.id, MOB4_COMMENTS[118]?.id]);
  });

  it('refuses an order other than created, and 404s an invisible issue', async () => {
    const { jira } = harness();
    expect((await jira.get('/rest/api/3/issue/MOB-4/comment?orderBy=updated')).status).toBe(400);
    expect((await jira.as(RITA.emailAddress ?? '').get('/rest/api/3/issue/SEC-1/comment')).status).toBe(404);
  });
});
