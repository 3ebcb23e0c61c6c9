/** @needs-shared jira-openapi */
import { MOB2_HISTORIES, MOB4_COMMENTS, RITA } from '../fixtures/emulator/site';
import type { Reply } from './http';
import { useEmulator } from './setup';

const harness = useEmulator();
const MOB_ISSUES = 134;

interface SearchPage {
  issues: {
    id: string;
    key?: string;
    fields?: Record<string, unknown>;
    changelog?: { startAt: number; maxResults: number; total: number; histories: { id: string }[] };
  }[];
  isLast: boolean;
  nextPageToken?: string;
}

const page = (reply: Reply) => reply.body as SearchPage;
const search = (query: string) => harness().jira.get(`/rest/api/3/search/jql?${query}`);
const jql = (text: string) => `jql=${encodeURIComponent(text)}`;

describe('GET and POST /rest/api/3/search/jql', () => {
  it('returns only issue ids by default, 50 to a page, with an opaque token for the next one', async () => {
    const reply = await search(jql('project = MOB'));
    expect(reply.status).toBe(200);
    const body = page(reply);
    expect(body.issues).toHaveLength(50);
    expect(body.issues.every((issue) => Object.keys(issue).join() === 'id')).toBe(true);
    expect(body.isLast).toBe(false);
    expect(typeof body.nextPageToken).toBe('string');
  });

  it('walks every page with the token and ends with isLast and no token', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const reply = await search(
        `${jql('project = MOB ORDER BY key')}&fields=key&maxResults=60${token ? `&nextPageToken=${token}` : ''}`,
      );
      const body = page(reply);
      seen.push(...body.issues.map((issue) => issue.key ?? ''));
      token = body.nextPageToken;
      pages += 1;
      if (!token) expect(body.isLast).toBe(true);
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(MOB_ISSUES);
    expect(new Set(seen).size).toBe(MOB_ISSUES);
    expect(seen.slice(0, 3)).toEqual(['MOB-1', 'MOB-2', 'MOB-3']);
  });

  it('serves up to 5000 issues a page when only ids or keys are asked for, 100 otherwise', async () => {
    const ids = page(await search(`${jql('project = MOB')}&fields=id,key&maxResults=5000`));
    expect(ids.issues).toHaveLength(MOB_ISSUES);
    expect(ids.isLast).toBe(true);
    expect(ids.nextPageToken).toBeUndefined();

    const withFields = page(await search(`${jql('project = MOB')}&fields=summary&maxResults=5000`));
    expect(withFields.issues).toHaveLength(100);
    expect(withFields.isLast).toBe(false);
    const rest = page(
      await search(`${jql('project = MOB')}&fields=summary&maxResults=5000&nextPageToken=${withFields.nextPageToken}`),
    );
    expect(rest.issues).toHaveLength(MOB_ISSUES - 100);
    expect(rest.isLast).toBe(true);
  });

  it.each(['0', '-1', '5001', 'ten'])('refuses maxResults=%s', async (maxResults) => {
    expect((await search(`${jql('project = MOB')}&maxResults=${maxResults}`)).status).toBe(400);
  });

  it('filters each issue’s fields to those requested', async () => {
    const only = page(await search(`${jql('key = MOB-2')}&fields=summary,status,-status`)).issues[0];
    expect(Object.keys(only?.fields ?? {})).toEqual(['summary']);
    expect(only?.key).toBe('MOB-2');

    const navigable = page(await search(`${jql('key = MOB-4')}&fields=*navigable`)).issues[0]?.fields ?? {};
    expect(navigable).toHaveProperty('summary');
    expect(navigable).not.toHaveProperty('comment');

    const all = page(await search(`${jql('key = MOB-4')}&fields=*all&fields=-summary`)).issues[0]?.fields ?? {};
    expect(all).toHaveProperty('comment');
    expect(all).not.toHaveProperty('summary');
  });

  it('embeds the 40 most recent histories, newest first, with the true total', async () => {
    const issue = page(await search(`${jql('key = MOB-2')}&fields=summary&expand=changelog`)).issues[0];
    const newestFirst = [...MOB2_HISTORIES]
      .reverse()
      .slice(0, 40)
      .map((history) => history.id);
    expect(issue?.changelog).toMatchObject({ startAt: 0, maxResults: 40, total: 120 });
    expect(issue?.changelog?.histories.map((history) => history.id)).toEqual(newestFirst);
  });

  it('embeds the 100 most recent comments, oldest first, keeping total true', async () => {
    const issue = page(await search(`${jql('key = MOB-4')}&fields=comment`)).issues[0];
    const comment = issue?.fields?.['comment'] as {
      comments: { id: string }[];
      total: number;
      maxResults: number;
      startAt: number;
    };
    expect(comment.comments).toHaveLength(100);
    expect(comment.total).toBe(120);
    expect(comment.startAt).toBe(20);
    expect(comment.comments.map((entry) => entry.id)).toEqual(MOB4_COMMENTS.slice(20).map((entry) => entry.id));
  });

  it('answers the POST form like the GET form, and refuses properties the request bean does not have', async () => {
    const { jira } = harness();
    const get = page(await search(`${jql('parent = MOB-1 ORDER BY key DESC')}&fields=key&maxResults=10`));
    const post = await jira.post('/rest/api/3/search/jql', {
      jql: 'parent = MOB-1 ORDER BY key DESC',
      fields: ['key'],
      maxResults: 10,
    });
    expect(post.status).toBe(200);
    expect(page(post).issues).toEqual(get.issues);
    expect((await jira.post('/rest/api/3/search/jql', { jql: 'project = MOB', startAt: 10 })).status).toBe(400);
  });

  it('shows only issues of projects the caller may browse', async () => {
    const { jira } = harness();
    const everyone = page(await search(`${jql('updated >= -7d')}&fields=key&maxResults=1000`)).issues.map(
      (issue) => issue.key,
    );
    expect(everyone).toContain('SEC-1');
    const rita = page(
      await jira
        .as(RITA.emailAddress ?? '')
        .get(`/rest/api/3/search/jql?${jql('updated >= -7d')}&fields=key&maxResults=1000`),
    );
    expect(rita.issues.map((issue) => issue.key)).not.toContain('SEC-1');
    expect(rita.issues).toHaveLength(everyone.length - 1);
    const named = await jira.as(RITA.emailAddress ?? '').get(`/rest/api/3/search/jql?${jql('project = SEC')}`);
    expect(named.status).toBe(400);
    expect(named.body).toEqual({
      errorMessages: ["The value 'SEC' does not exist for the field 'project'."],
      errors: {},
    });
  });

  it('refuses unbounded queries and foreign tokens as Jira does', async () => {
    for (const query of ['ORDER BY key DESC', '', '   ']) {
      const reply = await search(jql(query));
      expect(reply.status).toBe(400);
      expect(reply.body).toEqual({
        errorMessages: ['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.'],
        errors: {},
      });
    }
    const token = page(await search(jql('project = MOB'))).nextPageToken ?? '';
    expect((await search(`${jql('project = WEB')}&nextPageToken=${token}`)).status).toBe(400);
    expect((await search(`${jql('project = MOB')}&nextPageToken=not-a-token`)).status).toBe(400);
  });

  it('answers JQL it cannot parse with a 400 in Jira’s envelope', async () => {
    const reply = await search(jql('project = MOB AND'));
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      errorMessages: ['Error in the JQL Query: Expecting a field name at the end of the query.'],
      errors: {},
    });
  });

  it('charges one point plus one per issue, history and comment returned', async () => {
    const { emulator } = harness();
    emulator.resetStats();
    await search(`${jql('key = MOB-2')}&fields=summary&expand=changelog`);
    await search(`${jql('key = MOB-4')}&fields=comment`);
    const stats = emulator.stats();
    expect(stats.requests).toBe(2);
    expect(stats.points).toBe(1 + 1 + 40 + (1 + 1 + 100));
    expect(stats.byRoute['GET /rest/api/3/search/jql']).toEqual({ requests: 2, points: 144 });
  });
});

describe('POST /rest/api/3/search/approximate-count', () => {
  it('counts what a bounded query matches for one point, and refuses an unbounded one or another property', async () => {
    const { jira, emulator } = harness();
    emulator.resetStats();
    const reply = await jira.post('/rest/api/3/search/approximate-count', { jql: 'project = MOB' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ count: MOB_ISSUES });
    expect(emulator.stats().points).toBe(1);
    expect((await jira.post('/rest/api/3/search/approximate-count', { jql: 'order by key' })).status).toBe(400);
    expect((await jira.post('/rest/api/3/search/approximate-count', { jql: 'project = MOB', fields: [] })).status).toBe(
      400,
    );
  });
});

describe('the removed /rest/api/3/search', () => {
  it.each(['GET', 'POST'])('answers %s with 410 Gone and the migration message', async (method) => {
    const { jira } = harness();
    const reply =
      method === 'GET'
        ? await jira.get(`/rest/api/3/search?${jql('project = MOB')}`)
        : await jira.post('/rest/api/3/search', { jql: 'project = MOB' });
    expect(reply.status).toBe(410);
    expect(reply.body).toEqual({
      errorMessages: [
        'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046',
      ],
      errors: {},
    });
  });
});
