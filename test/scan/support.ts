import { generateDemoSite } from '../../src/dev/demo';
import type { RunningEmulator } from '../../src/dev/emulator';
import { JiraClient } from '../../src/jira/client';
import { normaliseSite } from '../../src/jira/normalise';
import type { SiteSnapshot } from '../../src/jira/snapshot';
import { HttpTransport } from '../../src/jira/transport-http';
import type { SiteScanner, ScanStepOptions, ScanStepResult } from '../../src/scan';
import type { KeyValueStore } from '../../src/store/key-value';

export const demo = generateDemoSite();
export const ADMIN = Object.entries(demo.permissions ?? {}).find(([, grant]) => grant.admin)![0];
export const GROUPS = demo.groups.map((group) => group.name);
export const PROJECT_KEYS = demo.projects.map((project) => project.key).sort();

export function clientFor(emulator: RunningEmulator, login = ADMIN, options: ConstructorParameters<typeof JiraClient>[1] = {}): JiraClient {
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
    const result = await scanner.step(client, store, projectKey, { timeBudgetMs: 60_000, now: () => new Date(), groups: GROUPS, ...options });
    results.push(result);
    if (result.done) return results;
  }
  throw new Error(`${projectKey} not done after ${maxSteps} steps`);
}

/** A copy of the snapshot with some issues changed the way Jira would record it (a new `updated`). */
export function withIssues(snapshot: SiteSnapshot, change: (issues: SiteSnapshot['issues']) => SiteSnapshot['issues']): SiteSnapshot {
  const copy = structuredClone(snapshot);
  copy.issues = change(copy.issues);
  return copy;
}
