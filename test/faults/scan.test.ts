import { auditSite } from '../../src/audit';
import { defaultConfig } from '../../src/config/defaults';
import { startEmulator, type FaultRule, type RunningEmulator } from '../../src/dev/emulator';
import type { JiraClient } from '../../src/jira/client';
import { normaliseSite } from '../../src/jira/normalise';
import type { RestIssue, SiteSnapshot } from '../../src/jira/snapshot';
import { BackgroundScanner, readCachedSite, type ScanFreshness } from '../../src/scan';
import { jobKey } from '../../src/scan/state';
import { MemoryStore } from '../../src/store/key-value';
import { PAULA } from '../fixtures/emulator/site';
import {
  differences,
  faultClient,
  GROUPS,
  PROJECT_KEYS,
  projectOf,
  RETRY,
  script,
  searchOf,
  SITE,
  TIMEOUT_MS,
  unreadTags,
} from './support';

/**
 * The background scan under faults, stepped as the job queue steps it (one unit of work a step, so every
 * checkpoint is crossed; a step that throws is tried again, as a redelivered event would be). Before each
 * scenario every project holds a good complete scan, and the site has changed since. After it, each project's
 * cache is either the complete new state or, when the refresh could not finish, exactly the previous one, with
 * freshness saying so; never a mix that lost what the previous scan had. Every scan ends within its bound.
 */
// Hung connections cost real time: a scenario that times out every try of every step of three projects takes seconds.
jest.setTimeout(30_000);

const MAX_FAILURES = 3;
/** Steps a project may take in all: a scan of the fixture site needs under 20, and one that fails gives up after MAX_FAILURES. */
const MAX_STEPS = 40;
const scanner = new BackgroundScanner({ maxFailures: MAX_FAILURES });
const SEARCH = '/rest/api/3/search/jql';
const BULKFETCH = '/rest/api/3/changelog/bulkfetch';
const PROJECT_LIST = '/rest/api/3/project/search';
/** Wall time of a refresh of the three projects when MAX_FAILURES steps each fail after all their tries, timeouts included. */
const FAILING_SCAN_MS = PROJECT_KEYS.length * MAX_FAILURES * RETRY.maxTries * TIMEOUT_MS + 5_000;

type Outcome = 'refreshed' | 'kept' | 'forgotten';

interface Scenario {
  name: string;
  kind: 'full' | 'incremental';
  faults: FaultRule[];
  /** Per project; `refreshed` when not named. */
  outcomes?: Partial<Record<string, Outcome>>;
  /** What the cached site must say it could not read, besides what forgotten projects lack. */
  unread?: string[];
}

const SCENARIOS: Scenario[] = [
  {
    name: 'a burst of 429s with Retry-After on the searches',
    kind: 'incremental',
    faults: [{ path: SEARCH, times: 3, fault: { kind: 'throttle', retryAfterSeconds: 1 } }],
  },
  {
    name: '429s on every bulkfetch for longer than the throttle budget',
    kind: 'incremental',
    faults: [{ path: BULKFETCH, fault: { kind: 'throttle', retryAfterSeconds: 1 } }],
    outcomes: { MOB: 'kept', WEB: 'kept', SEC: 'kept' },
  },
  {
    name: 'two 503s with Retry-After on the bulkfetch',
    kind: 'full',
    faults: [{ path: BULKFETCH, times: 2, fault: { kind: 'status', status: 503, retryAfterSeconds: 1 } }],
  },
  {
    name: "500s on every search of WEB's issues",
    kind: 'full',
    faults: [{ path: SEARCH, when: searchOf('WEB'), fault: { kind: 'status', status: 500 } }],
    outcomes: { WEB: 'kept' },
  },
  { name: 'a hung search, once', kind: 'incremental', faults: [{ path: SEARCH, times: 1, fault: { kind: 'hang' } }] },
  {
    name: 'hung connections on every bulkfetch',
    kind: 'full',
    faults: [{ path: BULKFETCH, fault: { kind: 'hang' } }],
    outcomes: { MOB: 'kept', WEB: 'kept', SEC: 'kept' },
  },
  {
    name: "stalled bodies on every read of MOB-4's comments",
    kind: 'full',
    faults: [{ path: '/rest/api/3/issue/MOB-4/comment', fault: { kind: 'stall' } }],
    outcomes: { MOB: 'kept' },
  },
  {
    name: 'the project list answered later than the request timeout, once',
    kind: 'full',
    faults: [{ path: PROJECT_LIST, times: 1, fault: { kind: 'delay', ms: TIMEOUT_MS * 4 } }],
  },
  {
    name: 'invalid JSON on every search of SEC',
    kind: 'incremental',
    faults: [{ path: SEARCH, when: searchOf('SEC'), fault: { kind: 'invalid-json' } }],
    outcomes: { SEC: 'kept' },
  },
  {
    name: 'a truncated bulkfetch answer, once',
    kind: 'full',
    faults: [{ path: BULKFETCH, times: 1, fault: { kind: 'truncated-json' } }],
  },
  {
    name: "an HTML page instead of MOB's search results",
    kind: 'full',
    faults: [{ path: SEARCH, when: searchOf('MOB'), fault: { kind: 'html' } }],
    outcomes: { MOB: 'kept' },
  },
  {
    name: 'a search of MOB whose nextPageToken repeats',
    kind: 'full',
    faults: [{ path: SEARCH, when: searchOf('MOB'), fault: { kind: 'repeat-page-token' } }],
    outcomes: { MOB: 'kept' },
  },
  {
    name: 'a refused search of SEC (the project still exists)',
    kind: 'incremental',
    faults: [
      {
        path: SEARCH,
        when: searchOf('SEC'),
        fault: {
          kind: 'refuse',
          status: 400,
          message: "Field 'updated' does not exist or you do not have permission to view it.",
        },
      },
    ],
    outcomes: { SEC: 'kept' },
  },
  {
    name: "a continued page of MOB's search refused once (the search starts again)",
    kind: 'full',
    faults: [
      {
        path: SEARCH,
        times: 1,
        when: (request) =>
          searchOf('MOB')(request) && (request.body as { nextPageToken?: string }).nextPageToken !== undefined,
        fault: { kind: 'refuse', status: 400, message: 'The nextPageToken is not valid.' },
      },
    ],
  },
  {
    name: "every continued page of MOB's search refused (the position is lost each time)",
    kind: 'full',
    faults: [
      {
        path: SEARCH,
        when: (request) =>
          searchOf('MOB')(request) && (request.body as { nextPageToken?: string }).nextPageToken !== undefined,
        fault: { kind: 'refuse', status: 400, message: 'The nextPageToken is not valid.' },
      },
    ],
    outcomes: { MOB: 'kept' },
  },
  {
    name: 'WEB deleted while its full scan searches',
    kind: 'full',
    faults: [{ path: SEARCH, when: searchOf('WEB'), times: 1, fault: { kind: 'remove-project', projectKey: 'WEB' } }],
    outcomes: { WEB: 'forgotten' },
  },
  {
    name: 'WEB deleted just before a refresh searches it',
    kind: 'incremental',
    faults: [{ path: SEARCH, when: searchOf('WEB'), times: 1, fault: { kind: 'remove-project', projectKey: 'WEB' } }],
    outcomes: { WEB: 'forgotten' },
  },
];

let emulator: RunningEmulator;
afterEach(async () => {
  await emulator.close();
});

/** One issue of each project edited now (a new history, a new `updated`), as Jira records an edit. */
function changedSite(at: string): SiteSnapshot {
  const copy = structuredClone(SITE);
  for (const key of PROJECT_KEYS) {
    const issue = copy.issues.find((candidate) => projectOf(candidate) === key)!;
    edit(issue, at);
  }
  return copy;
}

function edit(issue: RestIssue, at: string): void {
  const summary = `${String(issue.fields.summary)} (reworded)`;
  const change = {
    field: 'summary',
    fieldtype: 'jira',
    fieldId: 'summary',
    fromString: String(issue.fields.summary),
    toString: summary,
  };
  const histories = [
    ...(issue.changelog?.histories ?? []),
    {
      id: String(9_000_000 + Number(issue.id)),
      author: { accountId: PAULA.accountId, displayName: PAULA.displayName },
      created: at,
      items: [change],
    },
  ];
  issue.changelog = { startAt: 0, maxResults: histories.length, total: histories.length, histories };
  issue.fields = { ...issue.fields, summary, updated: at };
}

/** Steps a project as the queue does until its scan is done or abandoned; how it ended and what it took. */
async function scanAsJobsDo(client: JiraClient, store: MemoryStore, projectKey: string, kind: Scenario['kind']) {
  let failures = 0;
  for (let step = 1; step <= MAX_STEPS; step++) {
    try {
      const result = await scanner.step(client, store, projectKey, {
        timeBudgetMs: 0,
        now: () => new Date(),
        groups: GROUPS,
        kind,
      });
      if (result.done) return { steps: step, failures, abandoned: false };
    } catch {
      failures++;
      if ((await store.get(jobKey(projectKey))) === undefined) return { steps: step, failures, abandoned: true };
    }
  }
  throw new Error(`the scan of ${projectKey} did not end within ${MAX_STEPS} steps`);
}

describe('the background scan under faults', () => {
  it.each(SCENARIOS)('$name', async ({ kind, faults, outcomes = {}, unread = [] }) => {
    emulator = await startEmulator(SITE);
    const store = new MemoryStore();
    const { client } = faultClient(emulator);
    for (const key of PROJECT_KEYS) await scanAsJobsDo(client, store, key, 'full');
    const good = new Map<string, { snapshot: SiteSnapshot; freshness: ScanFreshness }>();
    for (const key of PROJECT_KEYS)
      good.set(key, {
        snapshot: (await scanner.cachedSnapshot(store, [key]))!,
        freshness: await scanner.freshness(store, key),
      });

    const truth = changedSite(emulator.siteNow().toISOString());
    emulator.replaceSnapshot(truth);
    const everyRuleHit = script(emulator, faults);
    const started = Date.now();
    const runs = new Map<string, Awaited<ReturnType<typeof scanAsJobsDo>>>();
    for (const key of PROJECT_KEYS) runs.set(key, await scanAsJobsDo(client, store, key, kind));
    expect(Date.now() - started).toBeLessThan(FAILING_SCAN_MS);
    everyRuleHit();

    const outcomeOf = (key: string): Outcome => outcomes[key] ?? 'refreshed';
    for (const key of PROJECT_KEYS) {
      const freshness = await scanner.freshness(store, key);
      const before = good.get(key)!;
      expect({ key, scanning: freshness.scanning }).toEqual({ key, scanning: undefined });
      if (outcomeOf(key) === 'kept') {
        // The previous generation, untouched, still what readers get; freshness says when it is from and what failed.
        expect(await scanner.cachedSnapshot(store, [key])).toEqual(before.snapshot);
        expect(freshness).toMatchObject({
          complete: true,
          scannedAt: before.freshness.scannedAt,
          fullScanAt: before.freshness.fullScanAt,
        });
        expect({ key, lastFailure: freshness.lastFailure }).toEqual({
          key,
          lastFailure: { at: expect.any(String), kind, message: expect.any(String), abandoned: true },
        });
      } else if (outcomeOf(key) === 'forgotten') {
        expect(await scanner.cachedSnapshot(store, [key])).toBeUndefined();
        expect(await store.keysWithPrefix(`scan:data:${key}:`)).toEqual([]);
        expect(freshness).toMatchObject({ complete: false, issues: 0 });
      } else {
        expect({ key, abandoned: runs.get(key)!.abandoned }).toEqual({ key, abandoned: false });
        expect(freshness.complete).toBe(true);
        expect(freshness.scannedAt! > before.freshness.scannedAt!).toBe(true);
        expect(freshness.lastFailure).toBeUndefined();
      }
    }

    // What is cached of the refreshed projects matches the site; the kept ones lack only this change; the rest of the site is audited.
    const cached = (await readCachedSite(store))!;
    const remaining = PROJECT_KEYS.filter((key) => outcomeOf(key) !== 'forgotten');
    expect(cached.snapshot.projects.map((project) => project.key).sort()).toEqual(remaining);
    expect(unreadTags(cached.problems)).toEqual([...unread].sort());
    const refreshed = PROJECT_KEYS.filter((key) => outcomeOf(key) === 'refreshed');
    const concerns = (tag: string, keys: string[]) =>
      keys.some((key) => tag.endsWith(`:${key}`) || tag.includes(`:${key}-`));
    expect(differences(cached.snapshot, truth).filter((tag) => concerns(tag, refreshed))).toEqual([]);
    const report = auditSite(normaliseSite(cached.snapshot, cached.problems), defaultConfig(), {
      now: emulator.siteNow(),
    });
    expect(report.coverage.projects).toBe(remaining.length);
    expect(report.coverage.issues).toBe(cached.snapshot.issues.length);
  });
});
