/**
 * What views show before the background audit has a report for them: how far the first scan has gone, and the
 * projects viewers asked to see first, which the scheduler queues before the others.
 */
import type { KeyValueStore } from '../store/key-value';
import { readAuditedProjects } from './reports';
import type { ScanProgress } from './summary';
import { cachedProjectKeys, jobKey, readHead, scanningProjectKeys, type ScanJob } from './state';

/** Projects as Jira last listed them to the app (key → id), saved by the scheduler. */
const LISTED_PROJECTS_KEY = 'scan:projects';
/** Projects a viewer opened before they were scanned, first asked first. */
const SCAN_FIRST_KEY = 'scan:first';

export interface ListedProjects {
  /** Local clock (ISO) of the listing. */
  at: string;
  projects: Record<string, string>;
}

export async function readListedProjects(store: KeyValueStore): Promise<ListedProjects | undefined> {
  return store.get<ListedProjects>(LISTED_PROJECTS_KEY);
}

export async function saveListedProjects(store: KeyValueStore, listed: ListedProjects): Promise<void> {
  await store.set(LISTED_PROJECTS_KEY, listed);
}

/** Every project the app knows, by key, with its Jira id: as Jira last listed them to it, and those audited. */
export async function knownProjectIds(store: KeyValueStore): Promise<Record<string, string>> {
  const [listed, audited] = await Promise.all([readListedProjects(store), readAuditedProjects(store)]);
  return { ...listed?.projects, ...audited };
}

/** Asks for a project to be scanned before the projects nobody is waiting for. */
export async function askToScanFirst(store: KeyValueStore, projectKey: string): Promise<void> {
  const waiting = await scanFirstKeys(store);
  if (!waiting.includes(projectKey)) await store.set(SCAN_FIRST_KEY, [...waiting, projectKey]);
}

export async function scanFirstKeys(store: KeyValueStore): Promise<string[]> {
  return (await store.get<string[]>(SCAN_FIRST_KEY)) ?? [];
}

/** Keeps only the asks still waiting (the project not yet cached). */
export async function keepScanFirst(store: KeyValueStore, waiting: readonly string[]): Promise<void> {
  if (waiting.length === 0) await store.delete(SCAN_FIRST_KEY);
  else await store.set(SCAN_FIRST_KEY, [...waiting]);
}

export async function scanProgress(store: KeyValueStore, projectKey?: string): Promise<ScanProgress> {
  const [cached, scanning, listed] = await Promise.all([
    cachedProjectKeys(store),
    scanningProjectKeys(store),
    readListedProjects(store),
  ]);
  const known = new Set([...Object.keys(listed?.projects ?? {}), ...cached, ...scanning]);
  if (projectKey !== undefined) known.add(projectKey);
  const [heads, jobs] = await Promise.all([
    Promise.all(cached.map((key) => readHead(store, key))),
    Promise.all(scanning.map(async (key) => [key, await store.get<ScanJob>(jobKey(key))] as const)),
  ]);
  const cachedIssues = new Map(heads.flatMap((head) => (head ? [[head.projectKey, head.issues] as const] : [])));
  const scanningIssues = new Map(jobs.map(([key, job]) => [key, job?.issuesWritten ?? 0]));
  const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);
  const progress: ScanProgress = {
    // A project showing only its first stage is still being scanned.
    projectsScanned: heads.filter((head) => head && !head.partial).length,
    projectsToScan: known.size,
    issuesRead: sum(cachedIssues.values()) + sum(scanningIssues.values()),
  };
  if (projectKey !== undefined) {
    const stage = scanningIssues.has(projectKey) ? 'scanning' : cachedIssues.has(projectKey) ? 'auditing' : 'queued';
    progress.project = {
      key: projectKey,
      stage,
      issuesRead: scanningIssues.get(projectKey) ?? cachedIssues.get(projectKey) ?? 0,
    };
  }
  return progress;
}
