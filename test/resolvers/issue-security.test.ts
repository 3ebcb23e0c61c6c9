import { auditSite } from '../../src/audit';
import type { SecuredIssue } from '../../src/audit/report';
import { demoConfig, DEMO_USERS, generateDemoSite } from '../../src/dev/demo';
import { APP_LOGIN } from '../../src/dev/emulator';
import { JiraClient } from '../../src/jira/client';
import { ISSUE_BULKFETCH_MAX } from '../../src/jira/api/issues';
import { normaliseSite } from '../../src/jira/normalise';
import type { ResolverApi, ResolverName, ResolverResponse } from '../../src/resolvers/api';
import { SECURED_ISSUE_REQUESTS, withViewersIssues } from '../../src/resolvers/issue-visibility';
import type { ViewerAudit } from '../../src/resolvers/viewer-audit';
import { MemoryStore } from '../../src/store/key-value';
import { json, ScriptedTransport } from '../jira/fake-transport';
import { serveSite, type ServedSite } from './visibility';

/**
 * Issue security through the real resolvers over the emulator: the background scan reads the demo site as the app,
 * which sees its "Leadership only" epic; Claire (a member of the level) sees it in every view, Marek (who browses
 * its project but is not listed) sees nothing of it, in any answer, and the check costs one request per view.
 */
jest.setTimeout(240_000);

const DEMO = generateDemoSite();
const SECURED = DEMO.issues.find((issue) => issue.fields['security'])!;
const SUMMARY = String(SECURED.fields['summary']);
const PROJECT = SECURED.key.slice(0, SECURED.key.lastIndexOf('-'));
const accountOf = (name: string) => DEMO_USERS.find((user) => user.displayName.startsWith(name))!.accountId;
const PERMITTED = accountOf('Claire');
const RESTRICTED = accountOf('Marek');
const BULKFETCH = 'POST /rest/api/3/issue/bulkfetch';

type Answer = ResolverResponse<unknown>;

/** Every read that returns findings, items or counts, as the viewer would make them. */
async function reads(site: ServedSite, as: string): Promise<Array<[string, Answer]>> {
  const answers: Array<[string, Answer]> = [];
  const ask = async <K extends ResolverName>(label: string, name: K, payload: ResolverApi[K]['payload']) => {
    answers.push([label, await site.call(name, as, payload)]);
  };
  for (const board of DEMO.boards.filter((entry) => entry.location?.projectKey === PROJECT))
    await ask(`getBoardPanel ${board.id}`, 'getBoardPanel', { boardId: Number(board.id) });
  await ask('getRoadmap (all projects)', 'getRoadmap', {});
  for (const project of DEMO.projects)
    await ask(`getRoadmap ${project.key}`, 'getRoadmap', { projectKey: project.key });
  await ask('getFindings (all projects)', 'getFindings', { scope: {}, query: {}, offset: 0, limit: 500 });
  await ask(`getFindings ${PROJECT}`, 'getFindings', {
    scope: { projectKey: PROJECT },
    query: {},
    offset: 0,
    limit: 500,
  });
  await ask(`getFindings about ${SECURED.key}`, 'getFindings', {
    scope: {},
    query: { issueKey: SECURED.key },
    offset: 0,
    limit: 500,
  });
  return answers;
}

const coverage = (answer: Answer) => (answer as { data: { coverage: { issues: number } } }).data.coverage.issues;

describe('a secured issue in the views', () => {
  let site: ServedSite;
  let permitted: Array<[string, Answer]>;
  let restricted: Array<[string, Answer]>;
  let checksPerView: number;

  beforeAll(async () => {
    site = await serveSite(DEMO, APP_LOGIN);
    await site.fillCache();
    permitted = await reads(site, PERMITTED);
    const before = site.emulator.stats().byRoute[BULKFETCH]?.requests ?? 0;
    await site.call('getRoadmap', RESTRICTED, { projectKey: PROJECT });
    checksPerView = (site.emulator.stats().byRoute[BULKFETCH]?.requests ?? 0) - before;
    restricted = await reads(site, RESTRICTED);
  });
  afterAll(() => site?.close());

  it('answers every read of both viewers', () => {
    const failed = [...permitted, ...restricted].filter(([, answer]) => !answer.ok);
    expect(failed).toEqual([]);
  });

  it('shows the secured issue, its findings and its counts to a member of its level', () => {
    const text = JSON.stringify(permitted);
    expect(text).toContain(SECURED.key);
    expect(text).toContain(SUMMARY);
  });

  it('shows nothing of it to a viewer its level does not list, who browses its project', () => {
    const leaks = restricted.filter(([, answer]) => {
      const text = JSON.stringify(answer);
      return new RegExp(`\\b${SECURED.key}\\b`).test(text) || text.includes(SUMMARY);
    });
    expect(leaks.map(([label]) => label)).toEqual([]);
  });

  it('counts one issue fewer for the restricted viewer', () => {
    const roadmap = (answers: Array<[string, Answer]>) =>
      answers.find(([label]) => label === `getRoadmap ${PROJECT}`)![1];
    expect(coverage(roadmap(restricted))).toBe(coverage(roadmap(permitted)) - 1);
  });

  it('asks Jira once per view which secured issues the viewer may see', () => {
    expect(checksPerView).toBe(1);
  });
});

describe('the cost of asking', () => {
  const snapshot = generateDemoSite();
  const report = auditSite(normaliseSite(snapshot), demoConfig(), { now: new Date(snapshot.capturedAt!) });
  const template = report.securedIssues[0]!;
  const securedKeys = (count: number) => Array.from({ length: count }, (_, index) => `SEC-${index + 1}`);
  const auditWith = (keys: string[], projectKey: string): ViewerAudit => ({
    report: {
      ...report,
      securedIssues: keys.map((key): SecuredIssue => ({ ...template, key, projectKey, byPerson: {} })),
    },
    names: new Map(),
    baseUrl: '',
    visible: [],
    freshness: { scannedAt: snapshot.capturedAt!, pending: [] },
  });
  /** Jira answering issue/bulkfetch with the odd-numbered issues asked for: the viewer may see those. */
  const ask = async (count: number, projectKey = 'SEC') => {
    const transport = new ScriptedTransport((request) => {
      const keys = (request.body as { issueIdsOrKeys: string[] }).issueIdsOrKeys;
      const issues = keys.filter((key) => Number(key.split('-')[1]) % 2 === 1).map((key) => ({ id: key, key }));
      return json(200, { issues, issueErrors: [] });
    });
    const client = new JiraClient(transport);
    const audit = await withViewersIssues(
      { jiraAsUser: () => client, jiraAsApp: () => client, store: new MemoryStore(), now: () => new Date() },
      auditWith(securedKeys(count), projectKey),
    );
    return { transport, kept: audit.report.securedIssues.map((issue) => issue.key), audit };
  };

  it.each([1, 2, 50, ISSUE_BULKFETCH_MAX])(
    'is one request for %i secured issues (up to a batch of 100)',
    async (count) => {
      const { transport, kept } = await ask(count);
      expect(transport.sent).toHaveLength(1);
      expect(transport.sent[0]).toMatchObject({ method: 'POST', path: '/rest/api/3/issue/bulkfetch' });
      expect(kept).toEqual(securedKeys(count).filter((_, index) => index % 2 === 0));
    },
  );

  it.each([ISSUE_BULKFETCH_MAX + 1, 2 * ISSUE_BULKFETCH_MAX, 5_000])(
    'never exceeds its few requests (%i secured issues), leaving out what it did not ask about',
    async (count) => {
      const { transport, kept } = await ask(count);
      const requests = Math.min(SECURED_ISSUE_REQUESTS, Math.ceil(count / ISSUE_BULKFETCH_MAX));
      expect(transport.sent).toHaveLength(requests);
      for (const request of transport.sent)
        expect((request.body as { issueIdsOrKeys: string[] }).issueIdsOrKeys.length).toBeLessThanOrEqual(
          ISSUE_BULKFETCH_MAX,
        );
      const asked = securedKeys(requests * ISSUE_BULKFETCH_MAX).filter((_, index) => index < count);
      expect(kept).toEqual(asked.filter((_, index) => index % 2 === 0));
    },
  );

  it('asks nothing when the report holds no secured issue', async () => {
    expect((await ask(0)).transport.sent).toHaveLength(0);
  });

  it('withholds the trend of a project holding a secured issue the viewer may not see, which its weeks count', async () => {
    const home = template.projectKey;
    const weeksOf = (audit: ViewerAudit, projectKey: string) =>
      audit.report.projects.find((project) => project.key === projectKey)!.weeks;
    const others = report.projects.filter((project) => project.key !== home);
    const hiding = (await ask(3, home)).audit;
    expect(weeksOf(hiding, home)).toEqual([]);
    for (const project of others) expect(weeksOf(hiding, project.key)).toEqual(project.weeks);
    // SEC-1 is one the viewer may see: nothing is withheld.
    expect(weeksOf((await ask(1, home)).audit, home)).toHaveLength(12);
  });
});
