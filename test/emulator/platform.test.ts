/** @needs-shared jira-openapi */
import { STATS_PATH } from '../../src/dev/emulator';
import { DEV, fixtureSnapshot, FORMER, MEMBERS, OSCAR, PAULA, RITA } from '../fixtures/emulator/site';
import { conformanceErrors, rawRequest, type Reply } from './http';
import { useEmulator } from './setup';

const harness = useEmulator();
const ALL_USERS = 6 + MEMBERS.length;

interface Page<T> {
  startAt: number;
  maxResults: number;
  total: number;
  isLast: boolean;
  nextPage?: string;
  values: T[];
}

const pageOf = <T>(reply: Reply) => reply.body as Page<T>;
const keysOf = (reply: Reply) => pageOf<{ key: string }>(reply).values.map((project) => project.key);

describe('authentication', () => {
  it.each([
    ['no credentials', undefined],
    ['an unknown e-mail address', 'nobody@example.com'],
  ])('answers 401 to %s', async (_label, login) => {
    const reply = await rawRequest(`${harness().emulator.url}/rest/api/3/myself`, { login });
    expect(reply.status).toBe(401);
    expect(reply.body).toBe('Client must be authenticated to access this resource.');
  });

  it('accepts an e-mail address (any case) or an account id as the user, whatever the token', async () => {
    const { jira } = harness();
    expect(
      ((await jira.as('PAULA@example.com').get('/rest/api/3/myself')).body as { accountId: string }).accountId,
    ).toBe(PAULA.accountId);
    // Atlassian account ids may hold a colon, which is also Basic auth's separator.
    expect(((await jira.as(PAULA.accountId).get('/rest/api/3/myself')).body as { accountId: string }).accountId).toBe(
      PAULA.accountId,
    );
    const dev = await jira.as(DEV.accountId).get('/rest/api/3/myself?expand=groups');
    expect(dev.body).toMatchObject({
      accountId: DEV.accountId,
      groups: { size: 1, items: [{ name: 'product-owners' }] },
    });
  });
});

describe('serverInfo', () => {
  it("names the recorded site's base URL and the site's clock", async () => {
    const { jira } = harness();
    const snapshot = fixtureSnapshot();
    const info = (await jira.as(PAULA.accountId).get('/rest/api/3/serverInfo')).body as {
      baseUrl: string;
      serverTime: string;
      deploymentType: string;
    };
    expect(info.baseUrl).toBe(snapshot.baseUrl);
    expect(info.deploymentType).toBe('Cloud');
    expect(Date.parse(info.serverTime.replace(/(\d{2})(\d{2})$/, '$1:$2'))).toBeGreaterThanOrEqual(
      Date.parse(snapshot.capturedAt ?? ''),
    );
  });
});

describe('the spec check itself', () => {
  it('rejects answers Jira would not send', () => {
    const { specs } = harness();
    const bogusProject = {
      status: 200,
      headers: {},
      body: { values: [{ id: '1', key: 'X', colour: 'red' }], isLast: true },
    };
    expect(conformanceErrors(specs, 'GET', '/rest/api/3/project/search', bogusProject)).not.toEqual([]);
    const badHistory = { status: 200, headers: {}, body: { values: [{ id: '1', created: 'yesterday', items: [] }] } };
    expect(conformanceErrors(specs, 'GET', '/rest/api/3/issue/MOB-2/changelog', badHistory)).not.toEqual([]);
    const badError = { status: 404, headers: {}, body: { message: 'nope' } };
    expect(conformanceErrors(specs, 'GET', '/rest/api/3/issue/MOB-2/changelog', badError)).not.toEqual([]);
    const badSprintIssues = { status: 200, headers: {}, body: { startAt: 0, issues: [{ id: 20002, fields: {} }] } };
    expect(conformanceErrors(specs, 'GET', '/rest/agile/1.0/sprint/12/issue', badSprintIssues)).not.toEqual([]);
    const badSprint = { status: 200, headers: {}, body: { id: 12, name: 'S', state: 'active', colour: 'red' } };
    expect(conformanceErrors(specs, 'GET', '/rest/agile/1.0/sprint/12', badSprint)).not.toEqual([]);
  });
});

describe('/rest/api/3/field', () => {
  it('lists the snapshot’s fields', async () => {
    const reply = await harness().jira.get('/rest/api/3/field');
    expect((reply.body as { id: string }[]).map((field) => field.id)).toContain('customfield_10020');
  });
});

describe('/rest/api/3/project/search', () => {
  it('lists only the projects the caller may view', async () => {
    const { jira } = harness();
    expect(keysOf(await jira.get('/rest/api/3/project/search'))).toEqual(['MOB', 'SEC', 'WEB']);
    expect(keysOf(await jira.as(RITA.emailAddress ?? '').get('/rest/api/3/project/search'))).toEqual(['MOB', 'WEB']);
  });

  it('pages with startAt/maxResults to an isLast end', async () => {
    const { jira } = harness();
    const first = pageOf(await jira.get('/rest/api/3/project/search?maxResults=2'));
    expect(first).toMatchObject({ startAt: 0, maxResults: 2, total: 3, isLast: false });
    expect(first.nextPage).toContain('startAt=2');
    const last = pageOf(await jira.get('/rest/api/3/project/search?maxResults=2&startAt=2'));
    expect(last).toMatchObject({ startAt: 2, total: 3, isLast: true });
    expect(last.values).toHaveLength(1);
    expect(last.nextPage).toBeUndefined();
    expect(pageOf(await jira.get('/rest/api/3/project/search?maxResults=500')).maxResults).toBe(100);
  });

  it('filters by keys and query, and keeps expandable properties back unless expanded', async () => {
    const { jira } = harness();
    expect(keysOf(await jira.get('/rest/api/3/project/search?keys=MOB&keys=WEB'))).toEqual(['MOB', 'WEB']);
    expect(keysOf(await jira.get('/rest/api/3/project/search?query=shop'))).toEqual(['WEB']);
    const plain = pageOf<Record<string, unknown>>(await jira.get('/rest/api/3/project/search?keys=MOB')).values[0];
    expect(plain).not.toHaveProperty('lead');
    expect(plain).not.toHaveProperty('description');
    const expanded = pageOf<Record<string, unknown>>(
      await jira.get('/rest/api/3/project/search?keys=MOB&expand=lead,description'),
    ).values[0];
    expect(expanded).toMatchObject({ lead: { accountId: PAULA.accountId }, description: 'Mobile App project' });
  });
});

describe('project roles', () => {
  it('maps role names to role URLs for a project administrator', async () => {
    const { jira, emulator } = harness();
    const reply = await jira.get('/rest/api/3/project/MOB/role');
    expect(reply.body).toEqual({
      Administrators: `${emulator.url}/rest/api/3/project/MOB/role/10002`,
      Developers: `${emulator.url}/rest/api/3/project/MOB/role/10001`,
    });
  });

  it('returns a role with its actors, sorted by display name, optionally without inactive users', async () => {
    const { jira } = harness();
    const role = (await jira.get('/rest/api/3/project/MOB/role/10001')).body as { actors: { displayName: string }[] };
    expect(role.actors.map((actor) => actor.displayName)).toEqual(['Dana Dev', 'Former user', 'Oscar Owens']);
    const active = (await jira.get('/rest/api/3/project/MOB/role/10001?excludeInactiveUsers=true')).body as {
      actors: { displayName: string }[];
    };
    expect(active.actors.map((actor) => actor.displayName)).not.toContain(FORMER.displayName);
  });

  it('refuses callers without administrative rights as Jira does', async () => {
    const { jira } = harness();
    expect((await jira.as(DEV.accountId).get('/rest/api/3/project/MOB/role')).status).toBe(401);
    expect((await jira.as(OSCAR.emailAddress ?? '').get('/rest/api/3/project/MOB/role/10001')).status).toBe(404);
    expect((await jira.as(OSCAR.emailAddress ?? '').get('/rest/api/3/project/WEB/role/10002')).status).toBe(200);
    expect((await jira.as(RITA.emailAddress ?? '').get('/rest/api/3/project/SEC/role')).status).toBe(404);
    expect((await jira.get('/rest/api/3/project/MOB/role/99999')).status).toBe(404);
  });
});

describe('/rest/api/3/mypermissions', () => {
  type Permissions = { permissions: Record<string, { havePermission: boolean; key: string; type: string }> };
  const ask = (login: string, query: string) => harness().jira.as(login).get(`/rest/api/3/mypermissions?${query}`);

  it('answers each requested permission for the global or the project context', async () => {
    const rita = RITA.emailAddress ?? '';
    const global = (await ask(rita, 'permissions=BROWSE_PROJECTS,ADMINISTER_PROJECTS,ADMINISTER')).body as Permissions;
    expect(global.permissions['BROWSE_PROJECTS']).toMatchObject({
      key: 'BROWSE_PROJECTS',
      type: 'PROJECT',
      havePermission: true,
    });
    expect(global.permissions['ADMINISTER_PROJECTS']?.havePermission).toBe(false);
    expect(global.permissions['ADMINISTER']).toMatchObject({ type: 'GLOBAL', havePermission: false });

    const oscarOnMob = (await ask(OSCAR.emailAddress ?? '', 'projectKey=MOB&permissions=ADMINISTER_PROJECTS'))
      .body as Permissions;
    expect(oscarOnMob.permissions['ADMINISTER_PROJECTS']?.havePermission).toBe(false);
    const oscarOnWeb = (await ask(OSCAR.emailAddress ?? '', 'projectKey=WEB&permissions=ADMINISTER_PROJECTS'))
      .body as Permissions;
    expect(oscarOnWeb.permissions['ADMINISTER_PROJECTS']?.havePermission).toBe(true);
    const paula = (await ask(PAULA.emailAddress ?? '', 'permissions=ADMINISTER')).body as Permissions;
    expect(paula.permissions['ADMINISTER']?.havePermission).toBe(true);
  });

  it('answers 404 for a project the caller cannot see and 400 without permission keys', async () => {
    expect((await ask(RITA.emailAddress ?? '', 'projectKey=SEC&permissions=BROWSE_PROJECTS')).status).toBe(404);
    expect((await ask(RITA.emailAddress ?? '', 'projectKey=MOB')).status).toBe(400);
  });
});

describe('users', () => {
  it('pages /users/search with startAt and maxResults', async () => {
    const { jira } = harness();
    expect((await jira.get('/rest/api/3/users/search')).body).toHaveLength(50);
    const tail = (await jira.get('/rest/api/3/users/search?startAt=50&maxResults=1000')).body as {
      accountId: string;
    }[];
    expect(tail).toHaveLength(ALL_USERS - 50);
    expect((await jira.get(`/rest/api/3/users/search?startAt=${ALL_USERS}`)).body).toEqual([]);
  });

  it('finds one user by account id and answers 404 for an unknown one', async () => {
    const { jira } = harness();
    const dev = (await jira.get(`/rest/api/3/user?accountId=${DEV.accountId}`)).body as Record<string, unknown>;
    expect(dev).toMatchObject({ accountId: DEV.accountId, displayName: 'Dana Dev' });
    expect(dev).not.toHaveProperty('emailAddress');
    expect((await jira.get('/rest/api/3/user?accountId=nobody')).status).toBe(404);
  });
});

describe('groups', () => {
  it('pages /group/bulk and filters it by name', async () => {
    const { jira } = harness();
    const first = pageOf<{ name: string }>(await jira.get('/rest/api/3/group/bulk?maxResults=2'));
    expect(first).toMatchObject({ total: 3, isLast: false });
    const last = pageOf<{ name: string }>(await jira.get('/rest/api/3/group/bulk?maxResults=2&startAt=2'));
    expect(last.isLast).toBe(true);
    expect(pageOf<{ name: string }>(await jira.get('/rest/api/3/group/bulk?groupName=product-owners')).values).toEqual([
      { name: 'product-owners', groupId: 'a1b2c3d4-0000-4000-8000-000000000002' },
    ]);
  });

  it('pages /group/member 50 at most, by name or id, without inactive users unless asked', async () => {
    const { jira } = harness();
    const first = pageOf<{ accountId: string }>(
      await jira.get('/rest/api/3/group/member?groupname=jira-software-users&maxResults=100'),
    );
    expect(first).toMatchObject({ maxResults: 50, total: 57, isLast: false });
    const rest = pageOf<{ accountId: string }>(
      await jira.get('/rest/api/3/group/member?groupname=jira-software-users&startAt=50'),
    );
    expect(rest.values).toHaveLength(7);
    expect(rest.isLast).toBe(true);
    const owners = pageOf<{ accountId: string }>(
      await jira.get('/rest/api/3/group/member?groupId=a1b2c3d4-0000-4000-8000-000000000002'),
    );
    expect(owners.values.map((user) => user.accountId)).toEqual([OSCAR.accountId, DEV.accountId]);
    const withInactive = pageOf<{ accountId: string }>(
      await jira.get('/rest/api/3/group/member?groupname=product-owners&includeInactiveUsers=true'),
    );
    expect(withInactive.total).toBe(3);
  });

  it('answers 400 without a group and 404 for an unknown one', async () => {
    const { jira } = harness();
    expect((await jira.get('/rest/api/3/group/member')).status).toBe(400);
    expect((await jira.get('/rest/api/3/group/member?groupname=nobody')).status).toBe(404);
  });
});

describe('paths the emulator does not serve', () => {
  it('answers 404', async () => {
    const { emulator } = harness();
    const reply = await rawRequest(`${emulator.url}/rest/api/3/issue/MOB-1/worklog`, { login: PAULA.accountId });
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ status: 404, detail: 'No endpoint GET /rest/api/3/issue/MOB-1/worklog.' });
  });

  it('serves its own stats at /__emulator/stats without credentials', async () => {
    const { emulator } = harness();
    const reply = await rawRequest(`${emulator.url}${STATS_PATH}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(emulator.stats());
  });
});
