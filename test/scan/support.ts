import { generateDemoSite } from '../../src/dev/demo';
import type { RunningEmulator } from '../../src/dev/emulator';
import { JiraClient } from '../../src/jira/client';
import { normaliseSite } from '../../src/jira/normalise';
import type { RestIssue, SiteSnapshot } from '../../src/jira/snapshot';
import { HttpTransport } from '../../src/jira/transport-http';
import type { SiteScanner, ScanStepOptions, ScanStepResult } from '../../src/scan';
import { MemoryStore, type KeyValueStore } from '../../src/store/key-value';

// Every test file here scans the demo site (800 issues, thousands of histories) through the emulator, often more
// than once: more than jest's default 5 s on a loaded two-core machine.
jest.setTimeout(30_000);

export const demo = generateDemoSite();
export const ADMIN = Object.entries(demo.permissions ?? {}).find(([, grant]) => grant.admin)![0];
export const GROUPS = demo.groups.map((group) => group.name);
export const PROJECT_KEYS = demo.projects.map((project) => project.key).sort();

export function clientFor(
  emulator: RunningEmulator,
  login = ADMIN,
  options: ConstructorParameters<typeof JiraClient>[1] = {},
): JiraClient {
  return new JiraClient(new HttpTransport({ baseUrl: emulator.url, email: login, apiToken: 'any' }), options);
}

/** A normalised site without its capture time: what two reads of the same site must agree on. */
export function comparable(snapshot: SiteSnapshot) {
  const { capturedAt: _capturedAt, ...site } = normaliseSite(snapshot);
  return site;
}

/** Steps a project until its scan is done; returns every step's result. */
export async function scanToEnd(
  scanner: SiteScanner,
  client: JiraClient,
  store: KeyValueStore,
  projectKey: string,
  options: Partial<ScanStepOptions> = {},
  maxSteps = 500,
): Promise<ScanStepResult[]> {
  const results: ScanStepResult[] = [];
  for (let step = 0; step < maxSteps; step++) {
    const result = await scanner.step(client, store, projectKey, {
      timeBudgetMs: 60_000,
      now: () => new Date(),
      groups: GROUPS,
      ...options,
    });
    results.push(result);
    if (result.done) return results;
  }
  throw new Error(`${projectKey} not done after ${maxSteps} steps`);
}

/** A copy of the snapshot with some issues changed the way Jira would record it (a new `updated`). */
export function withIssues(
  snapshot: SiteSnapshot,
  change: (issues: SiteSnapshot['issues']) => SiteSnapshot['issues'],
): SiteSnapshot {
  const copy = structuredClone(snapshot);
  copy.issues = change(copy.issues);
  return copy;
}

/**
 * The issue after someone renamed it at `at`, as Jira records it: the new summary and `updated`, and a history
 * (id `historyId`, by the last history's author) saying what the summary was.
 */
export function renamed(issue: RestIssue, at: string, summary: string, historyId: string): RestIssue {
  const histories = issue.changelog?.histories ?? [];
  const author = histories[histories.length - 1]?.author ?? null;
  const items = [
    {
      field: 'summary',
      fieldtype: 'jira',
      fieldId: 'summary',
      fromString: String(issue.fields.summary),
      toString: summary,
    },
  ];
  return {
    ...issue,
    fields: { ...issue.fields, summary, updated: at },
    changelog: {
      ...issue.changelog,
      startAt: 0,
      maxResults: histories.length + 1,
      total: histories.length + 1,
      histories: [...histories, { id: historyId, author, created: at, items }],
    },
  };
}

/**
 * A MemoryStore that refuses what Forge KVS refuses (keys over 500 characters, values over 240 KiB) and records
 * the largest value written; `failWrites` makes every write fail from then on, as a storage outage would.
 */
export class LimitedStore extends MemoryStore {
  largestValue = 0;
  writes = 0;
  failWrites = false;

  override async set<T>(key: string, value: T): Promise<void> {
    if (this.failWrites) throw new Error('storage unavailable');
    if (key.length > 500) throw new Error(`key longer than 500 characters: ${key}`);
    const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
    if (bytes > 240 * 1024) throw new Error(`value of ${bytes} bytes under ${key}`);
    this.largestValue = Math.max(this.largestValue, bytes);
    this.writes++;
    await super.set(key, value);
  }
}

/** Shared fake time for the emulator, the client and the scanner: sleeping moves it on. */
export function fakeClock(start: string) {
  let now = Date.parse(start);
  return {
    now: () => now,
    date: () => new Date(now),
    sleep: async (ms: number) => {
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}
