import { APP_LOGIN, startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import { DEV, fixtureSnapshot, PAULA } from '../fixtures/emulator/site';
import { rawRequest, type Reply } from './http';

/**
 * Issue security as the snapshot format states it: MOB-2 sits behind a level whose only member is Dana; Paula, a
 * site admin not listed, must not see it on any route, as on Jira; the app, reading as itself, sees it.
 */
const LEVEL = '10100';
let emulator: RunningEmulator;

beforeAll(async () => {
  const snapshot = fixtureSnapshot();
  snapshot.issueSecurity = { [LEVEL]: { name: 'Leadership only', members: [DEV.accountId] } };
  const secured = snapshot.issues.find((issue) => issue.key === 'MOB-2')!;
  secured.fields['security'] = { id: LEVEL, name: 'Leadership only' };
  emulator = await startEmulator(snapshot);
});
afterAll(() => emulator.close());

const PERMITTED = [DEV.accountId, APP_LOGIN];
const as = (login: string) => ({
  get: (path: string) => rawRequest(`${emulator.url}${path}`, { login }),
  post: (path: string, body: unknown) => rawRequest(`${emulator.url}${path}`, { login, method: 'POST', body }),
});
const keys = (reply: Reply) => (reply.body as { issues: { key: string }[] }).issues.map((issue) => issue.key);

describe('issue security in the emulator', () => {
  it.each([
    [
      'GET search/jql',
      (login: string) => as(login).get('/rest/api/3/search/jql?jql=project%3DMOB&fields=key&maxResults=1000'),
    ],
    [
      'POST issue/bulkfetch',
      (login: string) => as(login).post('/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: ['MOB-1', 'MOB-2'] }),
    ],
    ['the sprint’s issues', (login: string) => as(login).get('/rest/agile/1.0/sprint/11/issue?fields=key')],
  ])('%s leaves the secured issue out for whoever the level does not list', async (_route, read) => {
    expect(keys(await read(PAULA.emailAddress!))).not.toContain('MOB-2');
    for (const login of PERMITTED) expect(keys(await read(login))).toContain('MOB-2');
  });

  it('JQL naming the secured issue is refused as naming no issue, as Jira does', async () => {
    const reply = await as(PAULA.emailAddress!).post('/rest/api/3/search/jql', { jql: 'key in (MOB-1, MOB-2)' });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      errorMessages: ["An issue with key 'MOB-2' does not exist for field 'key'."],
      errors: {},
    });
  });

  it('issue/bulkfetch takes at most 100 issues and answers them in id order', async () => {
    const many = Array.from({ length: 101 }, (_, index) => `MOB-${index + 1}`);
    expect((await as(DEV.accountId).post('/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: many })).status).toBe(400);
    const reply = await as(DEV.accountId).post('/rest/api/3/issue/bulkfetch', {
      issueIdsOrKeys: ['MOB-3', 'MOB-2'],
      fields: ['security'],
    });
    expect(reply.body).toEqual({
      issues: [
        expect.objectContaining({ key: 'MOB-2', fields: { security: { id: LEVEL, name: 'Leadership only' } } }),
        expect.objectContaining({ key: 'MOB-3', fields: {} }),
      ],
      issueErrors: [],
    });
  });

  it('counts only what the caller may see on a sprint', async () => {
    const total = async (login: string) =>
      ((await as(login).get('/rest/agile/1.0/sprint/11/issue')).body as { total: number }).total;
    expect(await total(PAULA.emailAddress!)).toBe((await total(DEV.accountId)) - 1);
  });

  it.each(['/rest/api/3/issue/MOB-2', '/rest/api/3/issue/MOB-2/changelog', '/rest/api/3/issue/MOB-2/comment'])(
    'GET %s is a 404 for whoever the level does not list',
    async (path) => {
      const refused = await as(PAULA.emailAddress!).get(path);
      expect(refused.status).toBe(404);
      expect(JSON.stringify(refused.body)).not.toContain('Pay with saved card');
      for (const login of PERMITTED) expect((await as(login).get(path)).status).toBe(200);
    },
  );

  it('answers the issue with its fields to those who may see it', async () => {
    const reply = await as(DEV.accountId).get('/rest/api/3/issue/MOB-2?fields=summary,security');
    expect(reply.body).toMatchObject({
      key: 'MOB-2',
      fields: { summary: 'Pay with saved card', security: { id: LEVEL } },
    });
  });

  it('bulkfetch gives no history of the secured issue to whoever the level does not list', async () => {
    const fetch = async (login: string) =>
      (
        (await as(login).post('/rest/api/3/changelog/bulkfetch', { issueIdsOrKeys: ['MOB-2', 'MOB-3'] })).body as {
          issueChangeLogs: { issueId: string; changeHistories: unknown[] }[];
        }
      ).issueChangeLogs;
    const refused = await fetch(PAULA.emailAddress!);
    expect(refused.map((log) => log.issueId)).not.toContain('20002');
    const permitted = await fetch(DEV.accountId);
    expect(permitted.find((log) => log.issueId === '20002')?.changeHistories.length).toBeGreaterThan(0);
  });

  it('a permission check against the secured issue is a 404 for whoever the level does not list', async () => {
    const path = '/rest/api/3/mypermissions?issueKey=MOB-2&permissions=BROWSE_PROJECTS';
    expect((await as(PAULA.emailAddress!).get(path)).status).toBe(404);
    expect((await as(DEV.accountId).get(path)).status).toBe(200);
  });
});
