import { differenceInMilliseconds, parseISO } from 'date-fns';
import { listProjects } from '../jira/api/platform';
import { RULE_METAS } from '../rules';
import { ConfigRepository } from '../store/config-store';
import {
  auditDue,
  cachedProjectKeys,
  registeredViews,
  DEFAULT_POLICY,
  dueReason,
  forgetProject,
  markedWork,
  keepScanFirst,
  readCachedDirectory,
  readListedProjects,
  readScanState,
  saveListedProjects,
  scanFirstKeys,
  scanningProjectKeys,
  type DueReason,
} from '../scan';
import type { Job, JobServices } from './types';

export interface ScheduleResult {
  queued: Array<{ projectKey: string; reason: DueReason }>;
  /** Cached projects Jira no longer lists, whose cache was dropped. */
  forgotten: string[];
  /** Whether Jira's project list was read this time (it is compared with the cache hourly, not on every run). */
  listedProjects: boolean;
  /** Whether an audit (of the site or of a view) was queued because its stored reports are older than the cache or the configuration. */
  auditQueued: boolean;
}

/**
 * What the scheduled trigger runs: queues one scan job per project that has work due (see dueReason) and none
 * for the rest, so a quiet site costs nothing between its hourly safety searches. Jira's project list is read
 * when nothing is cached yet and then once per search period, to pick up new projects and forget removed ones.
 * Projects a viewer opened before they were scanned (askToScanFirst) are queued first, in the order asked, and
 * alone: while one of them is queued or scanning, the others wait for a later run, so that the audit (which waits
 * for every running scan) stores the opened project's report as soon as its own scan is done rather than after the
 * whole site's. An asked project that is not due (a failed scan backing off) holds nobody back. Its scan reads the
 * active sprints first (ScanJob.stage), which are audited while the rest is read.
 */
export async function scheduleScans(services: JobServices): Promise<ScheduleResult> {
  const { store } = services;
  const policy = { ...DEFAULT_POLICY, ...services.policy };
  const now = services.now();
  const known = [...new Set([...(await cachedProjectKeys(store)), ...(await scanningProjectKeys(store))])];
  const listed = await readListedProjects(store);
  const listedAt = listed?.at;
  const listing =
    known.length === 0 ||
    listedAt === undefined ||
    differenceInMilliseconds(now, parseISO(listedAt)) >= policy.searchEveryMs;
  // Between listings, the projects last listed too: those held back behind a project asked to be scanned first.
  let projectKeys = [...new Set([...known, ...Object.keys(listed?.projects ?? {})])];
  const forgotten: string[] = [];
  if (listing) {
    const jiraProjects = await listProjects(services.jira());
    projectKeys = jiraProjects.map((project) => project.key);
    for (const key of known.filter((candidate) => !projectKeys.includes(candidate))) {
      await forgetProject(store, key);
      forgotten.push(key);
    }
    await saveListedProjects(store, {
      at: now.toISOString(),
      projects: Object.fromEntries(jiraProjects.map((project) => [project.key, String(project.id)])),
    });
  }
  const cached = new Set(await cachedProjectKeys(store));
  // An ask for a project Jira no longer lists to the app, or one scanned whole since, is done with (a first stage
  // shown meanwhile is not the whole project).
  const asked = await scanFirstKeys(store);
  const wholeAsked = await Promise.all(
    asked.map(async (key) => cached.has(key) && !(await readScanState(store, key)).head?.partial),
  );
  const first = asked.filter((key, index) => !wholeAsked[index] && (!listing || projectKeys.includes(key)));
  if (first.length !== asked.length) await keepScanFirst(store, first);

  const marks = await markedWork(store);
  const due: ScheduleResult['queued'] = [];
  const others = projectKeys.filter((key) => !first.includes(key)).sort();
  for (const projectKey of [...first, ...others]) {
    const state = await readScanState(store, projectKey);
    const marked =
      marks.projectKeys.has(projectKey) ||
      (marks.boardIds.size > 0 && (await boardsMarked(services, projectKey, marks.boardIds)));
    const reason = dueReason(state, marked, now, policy);
    if (reason) due.push({ projectKey, reason });
  }
  const scanning = await scanningProjectKeys(store);
  const firstWaiting = first.some((key) => scanning.includes(key) || due.some((entry) => entry.projectKey === key));
  const queued = firstWaiting ? due.filter((entry) => first.includes(entry.projectKey)) : due;
  if (queued.length > 0) await services.queue.push(queued.map(({ projectKey }): Job => ({ type: 'scan', projectKey })));
  // A refresh from a panel or a new configuration changes what the stored reports rest on without a scan job; a
  // view registered by a viewer who may not browse every project gets its own audit.
  const audits: Job[] = [];
  if (due.length === 0 && scanning.length === 0) {
    const config = await new ConfigRepository(store, RULE_METAS).effective();
    if (await auditDue(store, config, undefined, now)) audits.push({ type: 'audit' });
    for (const view of await registeredViews(store))
      if (await auditDue(store, config, view, now)) audits.push({ type: 'audit', viewId: view.id });
  }
  if (audits.length > 0) await services.queue.push(audits);
  return { queued, forgotten, listedProjects: listing, auditQueued: audits.length > 0 };
}

async function boardsMarked(
  services: JobServices,
  projectKey: string,
  boardIds: ReadonlySet<number>,
): Promise<boolean> {
  const directory = await readCachedDirectory(services.store, projectKey);
  return (directory?.boards ?? []).some((board) => boardIds.has(Number(board.id)));
}
