import { auditSite } from '../../src/audit';
import { defaultConfig } from '../../src/config/defaults';
import { startEmulator, type FaultRule, type RunningEmulator } from '../../src/dev/emulator';
import { normaliseSite } from '../../src/jira/normalise';
import { readSite, type SiteRead } from '../../src/jira/read-site';
import {
  differences,
  faultClient,
  GROUPS,
  PROJECT_KEYS,
  RETRY,
  script,
  searchOf,
  SITE,
  timed,
  TIMEOUT_MS,
  unreadTags,
} from './support';

/**
 * The `role-audit audit` path under faults: readSite through the HTTP transport, normalise, audit. Every read ends
 * within its bound, the report's unread list names exactly what the faults kept from it (and nothing it read),
 * and whatever it lacks compared with the site is on that list.
 */
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator(SITE);
});
afterEach(() => {
  emulator.faults.clear();
  emulator.replaceSnapshot(SITE);
});
afterAll(async () => {
  await emulator.close();
});

const JIRA_SOFTWARE_USERS = SITE.groups.find((group) => group.name === 'jira-software-users')!;
const SEARCH = '/rest/api/3/search/jql';
const BULKFETCH = '/rest/api/3/changelog/bulkfetch';
/** One request that fails every try: MAX_TRIES timeouts, or the throttle budget, plus generous slack for a loaded machine. */
const ONE_FAILING_REQUEST_MS = RETRY.maxTries * TIMEOUT_MS + 3_000;
const CLEAN_READ_MS = 3_000;

interface Scenario {
  name: string;
  faults: FaultRule[];
  /** What the report must say it could not read (see unreadTags). */
  unread: string[];
  withinMs: number;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'a burst of 429s with Retry-After on the issue search',
    faults: [{ path: SEARCH, times: 3, fault: { kind: 'throttle', retryAfterSeconds: 1 } }],
    unread: [],
    withinMs: CLEAN_READ_MS,
  },
  {
    name: '429s on a group listing for longer than the throttle budget',
    faults: [
      {
        path: '/rest/api/3/group/member',
        when: (request) => request.query['groupId'] === JIRA_SOFTWARE_USERS.groupId,
        fault: { kind: 'throttle', retryAfterSeconds: 1 },
      },
    ],
    unread: ['group:jira-software-users'],
    withinMs: ONE_FAILING_REQUEST_MS,
  },
  {
    name: 'two 502s on the project list',
    faults: [{ path: '/rest/api/3/project/search', times: 2, fault: { kind: 'status', status: 502 } }],
    unread: [],
    withinMs: CLEAN_READ_MS,
  },
  {
    name: "503s on every search of WEB's issues",
    faults: [{ path: SEARCH, when: searchOf('WEB'), fault: { kind: 'status', status: 503, retryAfterSeconds: 1 } }],
    unread: ['issues:WEB'],
    withinMs: ONE_FAILING_REQUEST_MS,
  },
  {
    name: '500s on every changelog bulkfetch',
    faults: [{ path: BULKFETCH, fault: { kind: 'status', status: 500 } }],
    unread: SITE.issues.map((issue) => `history:${issue.key}`),
    withinMs: ONE_FAILING_REQUEST_MS,
  },
  {
    name: "a hung connection on SEC's roles, once",
    faults: [{ path: '/rest/api/3/project/SEC/role', times: 1, fault: { kind: 'hang' } }],
    unread: [],
    withinMs: CLEAN_READ_MS + TIMEOUT_MS,
  },
  {
    name: "hung connections on every read of board 1's sprints",
    faults: [{ path: '/rest/agile/1.0/board/1/sprint', fault: { kind: 'hang' } }],
    unread: ['sprints:1'],
    withinMs: ONE_FAILING_REQUEST_MS,
  },
  {
    name: "stalled bodies on every read of MOB-4's comments",
    faults: [{ path: '/rest/api/3/issue/MOB-4/comment', fault: { kind: 'stall' } }],
    unread: ['comments:MOB-4'],
    withinMs: ONE_FAILING_REQUEST_MS,
  },
  {
    name: 'the field catalogue answered later than the request timeout, once',
    faults: [{ path: '/rest/api/3/field', times: 1, fault: { kind: 'delay', ms: TIMEOUT_MS * 4 } }],
    unread: [],
    withinMs: CLEAN_READ_MS + TIMEOUT_MS,
  },
  {
    name: "invalid JSON on every read of WEB's roles",
    faults: [{ path: '/rest/api/3/project/WEB/role', fault: { kind: 'invalid-json' } }],
    unread: ['roles:WEB'],
    withinMs: ONE_FAILING_REQUEST_MS,
  },
  {
    name: 'a truncated search page, once',
    faults: [{ path: SEARCH, when: searchOf('MOB'), skip: 1, times: 1, fault: { kind: 'truncated-json' } }],
    unread: [],
    withinMs: CLEAN_READ_MS,
  },
  {
    name: "an HTML page instead of MOB-4's comments",
    faults: [{ path: '/rest/api/3/issue/MOB-4/comment', fault: { kind: 'html' } }],
    unread: ['comments:MOB-4'],
    withinMs: ONE_FAILING_REQUEST_MS,
  },
  {
    name: "an HTML page instead of WEB's search results",
    faults: [{ path: SEARCH, when: searchOf('WEB'), fault: { kind: 'html' } }],
    unread: ['issues:WEB'],
    withinMs: ONE_FAILING_REQUEST_MS,
  },
  {
    name: 'a search of MOB whose nextPageToken repeats',
    faults: [{ path: SEARCH, when: searchOf('MOB'), fault: { kind: 'repeat-page-token' } }],
    unread: ['issues:MOB'],
    withinMs: CLEAN_READ_MS,
  },
  {
    name: 'WEB deleted after the project list was read',
    faults: [{ path: SEARCH, when: searchOf('WEB'), times: 1, fault: { kind: 'remove-project', projectKey: 'WEB' } }],
    unread: ['issues:WEB'],
    withinMs: CLEAN_READ_MS,
  },
];

describe('an audit of a live site under faults', () => {
  it.each(SCENARIOS)('$name', async ({ faults, unread, withinMs }) => {
    const everyRuleHit = script(emulator, faults);
    const { client, waitedMs } = faultClient(emulator);
    const { ms, outcome } = await timed(() => readSite(client, { baseUrl: emulator.url, groups: GROUPS }));
    if (outcome.status === 'rejected') throw outcome.reason;
    const read: SiteRead = outcome.value;
    expect(ms).toBeLessThan(withinMs);
    expect(waitedMs()).toBeLessThanOrEqual(RETRY.maxThrottleWaitMs + RETRY.maxTries * RETRY.maxDelayMs);
    everyRuleHit();

    const report = auditSite(normaliseSite(read.snapshot, read.problems), defaultConfig(), {
      now: new Date(SITE.capturedAt!),
    });
    // Every read problem names the part it left out; the rest of the coverage is what rules could not check for it,
    // and a project whose roles were not read gets no missing-role finding.
    const [readProblems, notChecked] = [
      report.coverage.unread.filter((problem) => problem.unread !== undefined),
      report.coverage.unread.filter((problem) => problem.unread === undefined),
    ];
    expect(unreadTags(readProblems)).toEqual([...unread].sort());
    for (const key of unread.flatMap((tag) => (tag.startsWith('roles:') ? [tag.slice('roles:'.length)] : [])))
      expect(
        report.findings.filter(
          (finding) => finding.rule === 'owner/project-missing-role' && finding.subject.id === key,
        ),
      ).toEqual([]);
    expect(notChecked.every((problem) => problem.message.includes(' did not check '))).toBe(true);
    expect(differences(read.snapshot, SITE).filter((tag) => !unread.includes(tag))).toEqual([]);
    // A project whose issues could not be read is left out rather than audited half-read; the others are audited.
    const audited = PROJECT_KEYS.filter((key) => !unread.includes(`issues:${key}`));
    expect(read.snapshot.projects.map((project) => project.key).sort()).toEqual(audited);
    expect(report.coverage.projects).toBe(audited.length);
    expect(report.coverage.issues).toBe(
      SITE.issues.filter((issue) => audited.some((key) => issue.key.startsWith(`${key}-`))).length,
    );
  });

  it('ends with an error naming the request when what every part needs (the field catalogue) cannot be read', async () => {
    const everyRuleHit = script(emulator, [{ path: '/rest/api/3/field', fault: { kind: 'status', status: 503 } }]);
    const { client } = faultClient(emulator);
    const { ms, outcome } = await timed(() => readSite(client, { baseUrl: emulator.url, groups: GROUPS }));
    expect(outcome).toMatchObject({ status: 'rejected', reason: { name: 'JiraError', status: 503, transient: true } });
    expect(String((outcome as PromiseRejectedResult).reason.message)).toMatch(/GET \/rest\/api\/3\/field answered 503/);
    expect(ms).toBeLessThan(ONE_FAILING_REQUEST_MS);
    everyRuleHit();
  });
});
