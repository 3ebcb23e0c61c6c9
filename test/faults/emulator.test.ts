import { startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import { fixtureSnapshot, PAULA } from '../fixtures/emulator/site';

/** The emulator's scripted faults, seen from plain HTTP: each does what it says to the requests it picks, and only to them. */
let emulator: RunningEmulator;
const authorization = `Basic ${Buffer.from(`${PAULA.emailAddress}:token`).toString('base64')}`;

beforeAll(async () => {
  emulator = await startEmulator(fixtureSnapshot());
});
afterEach(() => {
  emulator.faults.clear();
  emulator.replaceSnapshot(fixtureSnapshot());
});
afterAll(async () => {
  await emulator.close();
});

async function get(path: string, timeoutMs = 2_000) {
  const response = await fetch(`${emulator.url}${path}`, {
    headers: { authorization },
    signal: AbortSignal.timeout(timeoutMs),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    retryAfter: response.headers.get('retry-after'),
    text: await response.text(),
  };
}

async function search(jql: string, nextPageToken?: string) {
  const response = await fetch(`${emulator.url}/rest/api/3/search/jql`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({ jql, fields: ['summary'], maxResults: 100, ...(nextPageToken ? { nextPageToken } : {}) }),
  });
  return (await response.json()) as { issues: Array<{ key: string }>; nextPageToken?: string; isLast?: boolean };
}

describe('scripted faults', () => {
  it('answers the next N matching requests with 429 and Retry-After, skipping the first ones, then answers normally', async () => {
    const handle = emulator.faults.add({
      method: 'GET',
      path: '/rest/api/3/field',
      skip: 1,
      times: 2,
      fault: { kind: 'throttle', retryAfterSeconds: 3 },
    });
    const statuses = [];
    for (let index = 0; index < 4; index++) statuses.push(await get('/rest/api/3/field'));
    expect(statuses.map((answer) => answer.status)).toEqual([200, 429, 429, 200]);
    expect(statuses[1]!.retryAfter).toBe('3');
    expect(handle.hits).toBe(2);
    expect((await get('/rest/api/3/serverInfo')).status).toBe(200);
  });

  it.each([500, 502, 503, 504] as const)('answers %i until the rule is removed', async (status) => {
    const handle = emulator.faults.add({
      path: /\/project\/search$/,
      fault: { kind: 'status', status, retryAfterSeconds: 1 },
    });
    expect((await get('/rest/api/3/project/search')).status).toBe(status);
    expect((await get('/rest/api/3/project/search')).retryAfter).toBe('1');
    handle.remove();
    expect((await get('/rest/api/3/project/search')).status).toBe(200);
  });

  it("refuses in Jira's error envelope, and charges it as Jira does", async () => {
    emulator.faults.add({
      path: '/rest/api/3/field',
      times: 1,
      fault: { kind: 'refuse', status: 400, message: 'The token is not valid.' },
    });
    const answer = await get('/rest/api/3/field');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toEqual({ errorMessages: ['The token is not valid.'], errors: {} });
  });

  it('hangs a request, or stalls its body, until the caller gives up', async () => {
    emulator.faults.add({ path: '/rest/api/3/field', times: 1, fault: { kind: 'hang' } });
    await expect(get('/rest/api/3/field', 200)).rejects.toThrow();
    emulator.faults.add({ path: '/rest/api/3/field', times: 1, fault: { kind: 'stall' } });
    await expect(get('/rest/api/3/field', 200)).rejects.toThrow();
    expect((await get('/rest/api/3/field')).status).toBe(200);
  });

  it('delays an answer', async () => {
    emulator.faults.add({ path: '/rest/api/3/field', times: 1, fault: { kind: 'delay', ms: 300 } });
    const started = Date.now();
    expect((await get('/rest/api/3/field')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('sends bodies that are not JSON: garbage, a truncated answer, an HTML page', async () => {
    emulator.faults.add({ path: '/rest/api/3/field', times: 1, fault: { kind: 'invalid-json' } });
    emulator.faults.add({ path: '/rest/api/3/field', times: 1, fault: { kind: 'truncated-json' } });
    emulator.faults.add({ path: '/rest/api/3/field', times: 1, fault: { kind: 'html' } });
    const answers = [await get('/rest/api/3/field'), await get('/rest/api/3/field'), await get('/rest/api/3/field')];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(answers.map((answer) => answer.type.split(';')[0])).toEqual([
      'application/json',
      'application/json',
      'text/html',
    ]);
    for (const answer of answers) expect(() => JSON.parse(answer.text)).toThrow();
  });

  it('makes a search page hand back the nextPageToken it was asked with', async () => {
    emulator.faults.add({ path: '/rest/api/3/search/jql', fault: { kind: 'repeat-page-token' } });
    const first = await search('project = MOB ORDER BY key ASC');
    expect(first.nextPageToken).toBeDefined();
    const second = await search('project = MOB ORDER BY key ASC', first.nextPageToken);
    expect(second.nextPageToken).toBe(first.nextPageToken);
    expect(second.isLast).toBe(false);
    expect(second.issues.map((issue) => issue.key)).not.toEqual(first.issues.map((issue) => issue.key));
  });

  it('deletes a project just before answering the request that triggers it', async () => {
    emulator.faults.add({
      path: '/rest/api/3/search/jql',
      when: (request) => JSON.stringify(request.body).includes('WEB'),
      fault: { kind: 'remove-project', projectKey: 'WEB' },
    });
    expect(
      JSON.parse((await get('/rest/api/3/project/search')).text).values.map((project: { key: string }) => project.key),
    ).toEqual(['MOB', 'SEC', 'WEB']);
    expect((await search('project = MOB ORDER BY key ASC')).issues.length).toBeGreaterThan(0);
    const refused = await fetch(`${emulator.url}/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ jql: 'project = WEB', fields: ['summary'] }),
    });
    expect(refused.status).toBe(400);
    expect(
      JSON.parse((await get('/rest/api/3/project/search')).text).values.map((project: { key: string }) => project.key),
    ).toEqual(['MOB', 'SEC']);
    expect((await get('/rest/api/3/project/WEB/role')).status).toBe(404);
    expect(
      JSON.parse((await get('/rest/agile/1.0/board')).text).values.map((board: { id: number }) => board.id),
    ).toEqual([1, 3]);
  });

  it('refuses rules that make no sense', () => {
    expect(() => emulator.faults.add({ times: 0, fault: { kind: 'hang' } })).toThrow(RangeError);
    expect(() => emulator.faults.add({ skip: -1, fault: { kind: 'hang' } })).toThrow(RangeError);
    expect(() => emulator.faults.add({ fault: { kind: 'delay', ms: Infinity } })).toThrow(RangeError);
  });
});
