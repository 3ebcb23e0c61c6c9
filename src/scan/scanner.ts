/**
 * The background scan of one project, one time-boxed step at a time. A step loads the checkpoint, does units of
 * work (a directory read, a search page, a bulkfetch of up to 1000 issues' changelogs, an ids listing, the commit)
 * until its time budget is spent, and saves the checkpoint again. Nothing a step writes is visible to readers
 * until a head is replaced, so a step that fails leaves the previous complete state readable.
 */
import { differenceInMilliseconds, parseISO } from 'date-fns';
import type { ReadProblem } from '../domain/model';
import { bulkFetchChangelogs, BULKFETCH_MAX_ISSUES, searchIssues, searchIssuesPage } from '../jira/api/issues';
import { PagingError } from '../jira/api/paging';
import { listProjects } from '../jira/api/platform';
import type { JiraClient } from '../jira/client';
import { classifyJiraFailure } from '../jira/errors';
import { jqlString } from '../jira/jql';
import { completeComments } from '../jira/read-site';
import type { RestHistory, RestIssue } from '../jira/snapshot';
import type { KeyValueStore } from '../store/key-value';
import {
  accountIdsIn,
  addAccounts,
  commitScanAccounts,
  replaceAccounts,
  scanScope,
  scanValues,
  SITE_SCOPE,
  SITE_VALUES,
  stagedScanScope,
} from './account-index';
import { blobIdOfKey, deleteBlob, newId, readBlob, writeBlob, type BlobRef } from './blob';
import { forgetProject, readCachedDirectory, readCachedSite, ProjectCache } from './cache';
import { issueNumber } from '../domain/issue-key';
import { byKeyNumber, chunkIndexFor, compactIssue, idHash, writeChunks, type ChunkRow } from './chunks';
import { issueFields, readProjectDirectory, readSiteData, readSprints } from './directory';
import { boardMarks, clearMarks, issueMarks, markIssue } from './marks';
import { Pacer } from './pacing';
import {
  DEFAULT_POLICY,
  planJob,
  readWindow,
  updatedBeforeClause,
  updatedFromClause,
  updatedSinceClause,
  type ScanPolicy,
} from './policy';
import {
  addProblems,
  dataPrefix,
  failureKey,
  headKey,
  jobKey,
  leaseKey,
  readHead,
  readSiteHead,
  SITE_DATA_PREFIX,
  SITE_KEY,
  type ProjectDirectory,
  type ProjectHead,
  type ReadWindow,
  type ScanJob,
  type ScanLease,
  type SiteData,
  type SiteHead,
} from './state';
import type { ScanFailure, ScanFreshness, ScanStepOptions, ScanStepResult, SiteScanner } from './types';

/** Ids per `id in (…)` search when reading issues the ids listing found missing, and at most this many per job. */
const MISSING_PER_SEARCH = 100;
const MAX_MISSING = 1000;
/** Keys per `key in (…)` or `parent in (…)` search when reading the parents and children of what the cache holds. */
const LINKS_PER_SEARCH = 100;
/** A lease outlives the step's budget by this much, for the unit that was running when the budget ran out. */
const LEASE_GRACE_MS = 2 * 60_000;
/** One step reads the site data while others poll for it, for at most SITE_WAIT_MS before reading it themselves. */
const SITE_LEASE_KEY = 'scan:site-lease';
const SITE_LEASE_MS = 60_000;
const SITE_POLL_MS = 500;
const SITE_WAIT_MS = 30_000;

type Unit = 'done' | 'more';

/** Everything one step works with; `pending` holds issues read but not yet written, between units. */
interface Step {
  client: JiraClient;
  store: KeyValueStore;
  projectKey: string;
  options: ScanStepOptions;
  policy: ScanPolicy;
  job: ScanJob;
  sleep: (ms: number) => Promise<void>;
  pending: RestIssue[];
  problems: ReadProblem[];
  issuesWritten: number;
}

export class BackgroundScanner implements SiteScanner {
  constructor(private readonly policy: Partial<ScanPolicy> = {}) {}

  async step(
    client: JiraClient,
    store: KeyValueStore,
    projectKey: string,
    options: ScanStepOptions,
  ): Promise<ScanStepResult> {
    const policy: ScanPolicy = { ...DEFAULT_POLICY, ...this.policy, ...options.policy };
    const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const startedAt = options.now().getTime();
    const before = { requests: client.usage.requests, points: client.usage.points };
    const cost = () => ({
      requests: client.usage.requests - before.requests,
      points: client.usage.points - before.points,
    });

    const owner = await acquireLease(store, leaseKey(projectKey), startedAt, options.timeBudgetMs + LEASE_GRACE_MS);
    if (!owner) {
      const job = await store.get<ScanJob>(jobKey(projectKey));
      return {
        projectKey,
        done: false,
        busy: true,
        kind: job?.kind ?? 'incremental',
        issuesWritten: 0,
        problems: [],
        ...cost(),
        pausedMs: 0,
      };
    }
    const pacer = new Pacer(client, sleep);
    let step: Step | undefined;
    try {
      const job = (await store.get<ScanJob>(jobKey(projectKey))) ?? (await newJob(store, projectKey, options, policy));
      job.steps++;
      step = { client, store, projectKey, options, policy, job, sleep, pending: [], problems: [], issuesWritten: 0 };
      if (job.pending) step.pending = (await readBlob<RestIssue[]>(store, dataPrefix(projectKey), job.pending)) ?? [];

      let outcome: Unit = 'more';
      let spentUnits = 0;
      while (outcome === 'more') {
        if (spentUnits > 0 && options.now().getTime() - startedAt >= options.timeBudgetMs) break;
        await pacer.beforeUnit();
        const requestsBefore = client.usage.requests;
        outcome = await runUnit(step);
        if (client.usage.requests > requestsBefore) spentUnits++;
      }
      if (outcome === 'more') await saveJob(step, step.job.pending);
      else if (step.job.pending) await deleteBlob(store, dataPrefix(projectKey), step.job.pending);
      return {
        projectKey,
        done: outcome === 'done',
        kind: job.kind,
        issuesWritten: step.issuesWritten,
        problems: step.problems,
        ...cost(),
        pausedMs: pacer.pausedMs,
      };
    } catch (error) {
      if (step) await recordFailure(step, error);
      throw error;
    } finally {
      pacer.finish();
      await releaseLease(store, leaseKey(projectKey), owner);
    }
  }

  async freshness(store: KeyValueStore, projectKey: string): Promise<ScanFreshness> {
    const [head, job, failure] = await Promise.all([
      readHead(store, projectKey),
      store.get<ScanJob>(jobKey(projectKey)),
      store.get<ScanFailure>(failureKey(projectKey)),
    ]);
    return freshnessOf(projectKey, head, job, failure);
  }

  async cachedSnapshot(store: KeyValueStore, projectKeys?: string[]) {
    return (await readCachedSite(store, projectKeys))?.snapshot;
  }
}

function freshnessOf(
  projectKey: string,
  head: ProjectHead | undefined,
  job: ScanJob | undefined,
  failure: ScanFailure | undefined,
): ScanFreshness {
  const freshness: ScanFreshness = { projectKey, issues: head?.issues ?? 0, complete: head !== undefined };
  if (head) Object.assign(freshness, { scannedAt: head.scannedAt, fullScanAt: head.fullScanAt });
  if (job) Object.assign(freshness, { scanning: job.kind, scanSavedAt: job.savedAt });
  if (failure) freshness.lastFailure = failure;
  return freshness;
}

async function newJob(
  store: KeyValueStore,
  projectKey: string,
  options: ScanStepOptions,
  policy: ScanPolicy,
): Promise<ScanJob> {
  const now = options.now();
  const head = await readHead(store, projectKey);
  const siteData = await currentSiteData(store);
  const directory = head ? await readBlob<ProjectDirectory>(store, dataPrefix(projectKey), head.directory) : undefined;
  const boards = (directory?.boards ?? []).map((board) => Number(board.id));
  const markedBoards = (await boardMarks(store)).map((mark) => mark.boardId).filter((id) => boards.includes(id));
  const plan = planJob(head, now, policy, {
    kind: options.kind,
    checkDeleted: options.checkDeleted,
    fieldSet: siteData ? issueFields(siteData.fields).join(',') : undefined,
    markedBoards,
    ...(options.windowDays !== undefined ? { windowDays: options.windowDays } : {}),
  });
  return {
    kind: plan.kind,
    startedAt: now.toISOString(),
    phase: 'directory',
    steps: 0,
    savedAt: now.toISOString(),
    failures: 0,
    directory: { read: plan.directory, boards: markedBoards },
    deletionsApplied: plan.kind === 'full',
    checkIds: plan.checkIds,
    idsChecked: false,
    ...(plan.window ? { window: plan.window } : {}),
    ...(plan.widenFrom ? { widenFrom: plan.widenFrom } : {}),
    missing: [],
    issuesWritten: 0,
    problems: [],
  };
}

async function runUnit(step: Step): Promise<Unit> {
  switch (step.job.phase) {
    case 'directory':
      return readDirectory(step);
    case 'issues':
      return issuesUnit(step);
    case 'ids':
      return checkIds(step);
    case 'commit':
      return step.job.kind === 'full' ? commitFull(step) : commitRefresh(step);
  }
}

/** Site data when stale, then the project's directory (or only the marked boards' sprints), then the issue search. */
async function readDirectory(step: Step): Promise<Unit> {
  const { client, store, projectKey, job } = step;
  const problems: ReadProblem[] = [];
  const site = await ensureSiteData(step, problems);
  let directory: ProjectDirectory | undefined;
  if (job.directory.read === 'all') {
    directory = await readProjectDirectory(client, projectKey, site, problems);
    if (!directory) return projectGone(step);
  } else if (job.directory.read === 'sprints') {
    const head = await readHead(store, projectKey);
    const current = head && (await readBlob<ProjectDirectory>(store, dataPrefix(projectKey), head.directory));
    if (current) {
      const boards = current.boards.filter((board) => job.directory.boards.includes(Number(board.id)));
      const reread = new Set(boards.map((board) => String(board.id)));
      const sprints = await readSprints(client, boards, problems);
      const kept = current.problems.filter((problem) => !(problem.scope === 'board' && reread.has(problem.ref)));
      directory = { ...current, sprints: { ...current.sprints, ...sprints }, problems: [...kept, ...problems] };
    }
  }
  // A refresh that read the directory as it was keeps the cached one: a new blob would tell the audit the cache changed.
  if (directory && (job.kind === 'full' || !(await sameAsCached(store, projectKey, directory))))
    job.stagedDirectory = await writeBlob(store, dataPrefix(projectKey), directory);
  if (job.window) {
    const reaching =
      job.kind === 'full' || job.widenFrom
        ? sprintsReaching(directory ?? (await readCachedDirectory(store, projectKey)), job.window.since)
        : [];
    const linked = (await issueMarks(store, projectKey)).filter((mark) => mark.kind === 'linked' && mark.issueKey);
    job.links = { parents: linked.map((mark) => mark.issueKey!), childless: [], sprints: reaching };
  }
  // Directory problems live with the directory; the step reports them too.
  step.problems.push(...problems);
  job.fields = issueFields(site.fields);
  const head = job.kind === 'incremental' ? await readHead(store, projectKey) : undefined;
  job.search = { jql: issueSearch(step, head), done: false, after: 0 };
  job.phase = 'issues';
  await saveJob(step, job.pending);
  return 'more';
}

/**
 * What the job's issue search asks for. A full scan: every issue updated in the read window and every open issue
 * (the window's issues get their histories and comments, the others their fields only); without a window, every
 * issue. A refresh: what changed since the last search, and when the window widened, what it now reaches.
 */
function issueSearch(step: Step, head: ProjectHead | undefined): string {
  const { job } = step;
  const now = step.options.now();
  const project = `project = ${jqlString(step.projectKey)}`;
  if (!head) {
    const scope = job.window ? ` AND (${updatedFromClause(job.window.since, now)} OR statusCategory != Done)` : '';
    return `${project}${scope} ORDER BY key ASC`;
  }
  const changed = updatedSinceClause(head.scannedAt, now, step.policy);
  if (!job.widenFrom) return `${project} AND ${changed} ORDER BY key ASC`;
  // Issues updated up to a margin after the old window's start are read again; unchanged ones cost a search hit only.
  const before = new Date(parseISO(job.widenFrom).getTime() + step.policy.updatedMarginMs).toISOString();
  const widened = job.window
    ? `${updatedFromClause(job.window.since, now)} AND ${updatedBeforeClause(before, now)}`
    : updatedBeforeClause(before, now);
  return `${project} AND (${changed} OR (${widened})) ORDER BY key ASC`;
}

/**
 * The site's field catalogue and role-mapping groups, read again when stale or when the mapping names other
 * groups. Projects scanned side by side would each read them: one step reads while the others wait for it.
 */
async function ensureSiteData(step: Step, problems: ReadProblem[]): Promise<SiteData> {
  const { client, store, options, policy } = step;
  for (let waited = 0; ; waited += SITE_POLL_MS) {
    const head = await readSiteHead(store);
    const groupNames = [...new Set(options.groups ?? head?.groupNames ?? [])].sort();
    const current = head ? await readBlob<SiteData>(store, SITE_DATA_PREFIX, head.data) : undefined;
    const now = options.now();
    const fresh =
      head !== undefined &&
      differenceInMilliseconds(now, parseISO(head.readAt)) < policy.directoryEveryMs &&
      head.groupNames.join('\n') === groupNames.join('\n');
    if (fresh && current) return current;
    const owner = await acquireLease(store, SITE_LEASE_KEY, now.getTime(), SITE_LEASE_MS);
    if (!owner && waited < SITE_WAIT_MS) {
      await step.sleep(SITE_POLL_MS);
      continue;
    }
    try {
      const read = await readSiteData(client, groupNames, problems);
      // Read again as it was: the blob is kept, so that the audit (which follows its id) sees no change.
      const unchanged =
        head !== undefined && current !== undefined && JSON.stringify(current) === JSON.stringify(read.data);
      const data = unchanged ? head.data : await writeBlob(store, SITE_DATA_PREFIX, read.data);
      await store.set<SiteHead>(SITE_KEY, {
        baseUrl: read.baseUrl ?? head?.baseUrl ?? '',
        readAt: now.toISOString(),
        data,
        groupNames,
      });
      await replaceAccounts(store, SITE_SCOPE, SITE_VALUES, accountIdsIn([read.data]), now.toISOString());
      if (owner) await collectGarbage(store, SITE_DATA_PREFIX, new Set([data.id]));
      return read.data;
    } finally {
      if (owner) await releaseLease(store, SITE_LEASE_KEY, owner);
    }
  }
}

async function sameAsCached(store: KeyValueStore, projectKey: string, directory: ProjectDirectory): Promise<boolean> {
  const cached = await readCachedDirectory(store, projectKey);
  return cached !== undefined && JSON.stringify(cached) === JSON.stringify(directory);
}

async function currentSiteData(store: KeyValueStore): Promise<SiteData | undefined> {
  const head = await readSiteHead(store);
  return head ? readBlob<SiteData>(store, SITE_DATA_PREFIX, head.data) : undefined;
}

async function issuesUnit(step: Step): Promise<Unit> {
  const { job } = step;
  if (step.pending.length >= BULKFETCH_MAX_ISSUES) return completeBatch(step);
  if (job.search && !job.search.done) return searchPage(step);
  if (step.pending.length > 0) return completeBatch(step);
  const links = job.links;
  if (links && links.parents.length + links.childless.length + links.sprints.length > 0) return readLinks(step);
  if (!job.deletionsApplied) return applyDeletionMarks(step);
  if (job.checkIds !== 'none') {
    job.phase = 'ids';
    return 'more';
  }
  if (job.missing.length > 0) return readMissing(step);
  job.phase = 'commit';
  return 'more';
}

async function searchPage(step: Step): Promise<Unit> {
  const search = step.job.search!;
  try {
    const page = await searchIssuesPage(step.client, search.jql, step.job.fields ?? [], search.nextPageToken);
    // Without this the scan would ask for the same page in every step for ever: each one saves "progress".
    if (page.nextPageToken !== undefined && page.nextPageToken === search.nextPageToken) {
      throw new PagingError(
        `search "${search.jql}": Jira returned the nextPageToken it was asked with; stopped to avoid an endless scan`,
      );
    }
    for (const issue of page.issues) {
      const number = issueNumber(issue.key);
      if (number <= search.after) continue;
      step.pending.push(issue);
      search.after = number;
    }
    search.nextPageToken = page.nextPageToken;
    search.done = page.nextPageToken === undefined;
  } catch (error) {
    if (!isRefusal(error)) throw error;
    // A token Jira no longer takes: search again from the start, once; `after` skips what was already taken, so
    // nothing is lost and nothing is reported. A second refusal ends the scan, or a token refused every time would
    // start the search again for ever.
    if (!search.nextPageToken || search.restarted) return searchRefused(step, error as Error);
    delete search.nextPageToken;
    search.restarted = true;
  }
  return 'more';
}

/**
 * Jira refused the project's search. A project Jira no longer lists (deleted, archived, hidden from the app) loses
 * its cache, as the scheduler would drop it. Otherwise the scan is given up: what it read cannot replace the
 * previous result, which stays, and a refresh's starting point stays where it was so the next one reads it all.
 */
async function searchRefused(step: Step, error: Error): Promise<Unit> {
  const listed = (await listProjects(step.client, [step.projectKey])).some(
    (project) => project.key === step.projectKey,
  );
  if (!listed) return projectGone(step);
  const message = `Could not search issues: ${error.message}`;
  step.problems.push({ scope: 'project', ref: step.projectKey, message });
  await step.store.delete(jobKey(step.projectKey));
  await noteFailure(step, message, true);
  return 'done';
}

async function projectGone(step: Step): Promise<Unit> {
  step.problems.push({
    scope: 'project',
    ref: step.projectKey,
    message: 'Project not found, or the app may not browse it; its cache was dropped',
  });
  await forgetProject(step.store, step.projectKey);
  return 'done';
}

/** Comments beyond what search embeds and full changelogs for up to 1000 pending issues, then written. */
async function completeBatch(step: Step): Promise<Unit> {
  const { client, store, projectKey, job } = step;
  const batch = step.pending.splice(0, BULKFETCH_MAX_ISSUES);
  const cache = job.kind === 'incremental' ? await ProjectCache.load(store, projectKey) : undefined;
  const changed = cache ? await changedSinceCached(cache, batch, job.window) : batch;
  const whole = changed.filter((issue) => !before(issue, job.window));
  const problems: ReadProblem[] = [];
  await completeComments(client, whole, problems, () => undefined);
  const histories =
    whole.length > 0
      ? await bulkFetchChangelogs(
          client,
          whole.map((issue) => issue.id),
        )
      : new Map<string, RestHistory[]>();
  const issues = changed.map((issue) => {
    if (before(issue, job.window)) return fieldsOnly(issue);
    const list = histories.get(issue.id) ?? [];
    return compactIssue({
      ...issue,
      changelog: { startAt: 0, maxResults: list.length, total: list.length, histories: list },
    });
  });
  if (job.window) await noteLinks(step, issues, cache);
  note(step, problems);
  const previousStaged = job.staged;
  if (cache) await cache.apply(issues, []);
  else {
    const prefix = dataPrefix(projectKey);
    const staged = (previousStaged ? await readBlob<ChunkRow[]>(store, prefix, previousStaged) : undefined) ?? [];
    staged.push(...(await writeChunks(store, prefix, issues.sort(byKeyNumber))));
    job.staged = await writeBlob(store, prefix, staged);
    await addAccounts(store, stagedScanScope(projectKey), scanValues(projectKey), accountIdsIn(issues), job.startedAt);
  }
  step.issuesWritten += issues.length;
  job.issuesWritten += issues.length;
  await saveJob(step, job.pending);
  if (previousStaged && previousStaged !== job.staged) await deleteBlob(store, dataPrefix(projectKey), previousStaged);
  return 'more';
}

/**
 * A refresh re-reads issues updated within its safety margin; those whose cached copy is as recent need nothing
 * more, unless the copy holds fields only and the issue is now in the window.
 */
async function changedSinceCached(
  cache: ProjectCache,
  issues: RestIssue[],
  window: ReadWindow | undefined,
): Promise<RestIssue[]> {
  const changed: RestIssue[] = [];
  for (const issue of issues) {
    const cached = await cache.cached(issue);
    if (
      !cached ||
      cached.fields.updated !== issue.fields.updated ||
      commentTotal(cached) !== commentTotal(issue) ||
      (cached.changelog === undefined && !before(issue, window))
    )
      changed.push(issue);
  }
  return changed;
}

/** The issue was last updated before the read window: the audit judges none of its actions. */
function before(issue: RestIssue, window: ReadWindow | undefined): boolean {
  const updated = issue.fields.updated;
  return window !== undefined && typeof updated === 'string' && parseISO(updated).getTime() < Date.parse(window.since);
}

/** An issue as the search gave it, without a changelog: the cache's mark of an issue held for its fields only. */
function fieldsOnly(issue: RestIssue): RestIssue {
  const { changelog: _changelog, ...fields } = issue;
  return compactIssue(fields);
}

/**
 * Sprints that end in the window or have not ended: their items count whenever they were last updated, so the
 * closed ones updated before the window are read too.
 */
function sprintsReaching(directory: ProjectDirectory | undefined, since: string): number[] {
  const sprints = Object.values(directory?.sprints ?? {}).flat();
  const reaching = sprints.filter((sprint) => {
    const end = sprint.completeDate ?? sprint.endDate;
    return sprint.state !== 'closed' || end === undefined || Date.parse(end) >= Date.parse(since);
  });
  return [...new Set(reaching.map((sprint) => sprint.id))].sort((a, b) => a - b);
}

function isOpen(issue: RestIssue): boolean {
  const status = issue.fields.status as { statusCategory?: { key?: string } } | undefined;
  return status?.statusCategory?.key !== 'done';
}

function isRoadmapItem(issue: RestIssue): boolean {
  const type = issue.fields.issuetype as { hierarchyLevel?: number; name?: string } | undefined;
  return (type?.hierarchyLevel ?? (/^epic$/i.test(type?.name ?? '') ? 1 : 0)) >= 1;
}

function parentKeyOf(issue: RestIssue): string | undefined {
  const parent = issue.fields.parent as { key?: string } | undefined;
  return parent?.key;
}

/**
 * What the rules need of issues outside the window besides open ones: the parent of every issue held (to walk up
 * to the roadmap) and, for an open roadmap item read for the first time, its closed children (to tell it has been
 * broken down). Both are looked up by `readLinks`, which asks Jira only for the closed issues updated before the
 * window, the ones the scan did not read. A parent in another project is marked for that project's next scan.
 */
async function noteLinks(step: Step, issues: readonly RestIssue[], cache: ProjectCache | undefined): Promise<void> {
  const links = (step.job.links ??= { parents: [], childless: [], sprints: [] });
  const prefix = `${step.projectKey}-`;
  for (const issue of issues) {
    const parent = issue.fields.parent as { id?: string; key?: string } | undefined;
    if (parent?.key && parent.id && !parent.key.startsWith(prefix))
      await markIssue(step.store, parent.key.slice(0, parent.key.lastIndexOf('-')), {
        kind: 'linked',
        issueId: parent.id,
        issueKey: parent.key,
        at: step.options.now().toISOString(),
      });
    else if (parent?.key && !(cache && (await cache.cachedByKey(parent.key)))) links.parents.push(parent.key);
    if (isOpen(issue) && isRoadmapItem(issue) && !(cache && (await cache.cachedByKey(issue.key))))
      links.childless.push(issue.key);
  }
  links.parents = [...new Set(links.parents)];
}

/**
 * Reads up to LINKS_PER_SEARCH of the open roadmap items' children, then of the parents, that the window left
 * unread, for their fields only; their own parents are looked up next, each key once.
 */
async function readLinks(step: Step): Promise<Unit> {
  const { job } = step;
  const links = job.links!;
  // Roadmap items first, while every parent a read issue named is still listed: those have a child already.
  const named = new Set(links.parents);
  links.childless = links.childless.filter((key) => !named.has(key));
  const asking = links.childless.length > 0 ? 'parent' : links.sprints.length > 0 ? 'sprint' : 'key';
  if (asking === 'key' && links.parents.length === 0) return 'more';
  const taken =
    asking === 'sprint'
      ? links.sprints.splice(0, LINKS_PER_SEARCH).map(String)
      : (asking === 'key' ? links.parents : links.childless).splice(0, LINKS_PER_SEARCH);
  const values = asking === 'sprint' ? taken : taken.map(jqlString);
  const jql =
    `project = ${jqlString(step.projectKey)} AND ${asking} in (${values.join(', ')})` +
    ` AND statusCategory = Done AND ${updatedBeforeClause(job.window!.since, step.options.now())} ORDER BY key ASC`;
  const read: RestIssue[] = [];
  try {
    await searchIssues(step.client, jql, job.fields ?? [], (page) => {
      read.push(...page.map(fieldsOnly));
    });
  } catch (error) {
    if (!isRefusal(error)) throw error;
    note(step, [
      {
        scope: 'project',
        ref: step.projectKey,
        message: `Could not read the parents or children of cached issues (deleted meanwhile?): ${(error as Error).message}`,
      },
    ]);
  }
  const asked = new Set([...(job.linksAsked ?? []), ...(asking === 'key' ? taken : [])]);
  for (const issue of read) {
    const parent = parentKeyOf(issue);
    if (parent?.startsWith(`${step.projectKey}-`) && !asked.has(parent)) links.parents.push(parent);
  }
  links.parents = [...new Set(links.parents)];
  job.linksAsked = [...asked];
  if (read.length > 0) await holdLinked(step, read);
  await saveJob(step, job.pending);
  return 'more';
}

/**
 * A refresh writes linked issues into the cache; a full scan keeps them apart until its commit, as its staged
 * chunks are in key order and these are not.
 */
async function holdLinked(step: Step, issues: RestIssue[]): Promise<void> {
  const { store, projectKey, job } = step;
  if (job.kind === 'incremental') {
    await (await ProjectCache.load(store, projectKey))?.apply(issues, []);
    return;
  }
  const prefix = dataPrefix(projectKey);
  const previous = job.linked;
  const held = (previous ? await readBlob<RestIssue[]>(store, prefix, previous) : undefined) ?? [];
  job.linked = await writeBlob(store, prefix, [...held, ...issues]);
  if (previous) await deleteBlob(store, prefix, previous);
}

function commentTotal(issue: RestIssue): number | undefined {
  const comment = issue.fields.comment as { total?: number; comments?: unknown[] } | undefined;
  return comment?.total ?? comment?.comments?.length;
}

async function applyDeletionMarks(step: Step): Promise<Unit> {
  const deleted = (await issueMarks(step.store, step.projectKey)).filter(
    (mark) => mark.kind === 'deleted' && mark.issueKey !== undefined,
  );
  const cache = await ProjectCache.load(step.store, step.projectKey);
  if (cache && deleted.length > 0)
    await cache.apply(
      [],
      deleted.map((mark) => ({ id: mark.issueId, key: mark.issueKey! })),
    );
  step.job.deletionsApplied = true;
  return 'more';
}

/**
 * Lists issue ids (5000 a page), of the whole project or of one slice of the cached key range, and compares each
 * chunk's count and id hash with what Jira holds in its key range: chunks that differ lose their deleted and moved
 * issues, and issues Jira has that the cache lacks are read. With a read window only the issues the window needs
 * are listed, and only cached issues the window needs are dropped when Jira does not list them.
 */
async function checkIds(step: Step): Promise<Unit> {
  const { store, projectKey, job } = step;
  const cache = await ProjectCache.load(store, projectKey);
  if (!cache) return 'more';
  const rows = cache.table;
  const now = step.options.now();
  const slice =
    job.checkIds === 'slice' ? sliceOf(rows, cache.head.nextIdsSlice ?? 0, step.policy.idsSlices) : undefined;
  const current = job.window ? readWindow(job.window.days, now, step.policy) : undefined;
  const inRange = slice ? (index: number) => index >= slice.from && index < slice.to : () => true;
  if (!slice || slice.from < slice.to) {
    const listed: Array<{ id: string; key: string }> = [];
    const range = slice
      ? ` AND key >= ${projectKey}-${rows[slice.from]!.first} AND key <= ${projectKey}-${rows[slice.to - 1]!.last}`
      : '';
    const scope = current ? ` AND (${updatedFromClause(current.since, now)} OR statusCategory != Done)` : '';
    await searchIssues(
      step.client,
      `project = ${jqlString(projectKey)}${range}${scope} ORDER BY key ASC`,
      ['key'],
      (page) => {
        listed.push(...page.map((issue) => ({ id: issue.id, key: issue.key })));
      },
    );
    const byChunk = new Map<number, Array<{ id: string; key: string }>>();
    for (const issue of listed) {
      const index = rows.length === 0 ? 0 : chunkIndexFor(rows, issueNumber(issue.key));
      const list = byChunk.get(index);
      if (list) list.push(issue);
      else byChunk.set(index, [issue]);
    }
    const removals: Array<{ id: string; key: string }> = [];
    const missing: string[] = [];
    for (let index = 0; index < Math.max(rows.length, 1); index++) {
      if (!inRange(index)) continue;
      const inJira = byChunk.get(index) ?? [];
      const row = rows[index];
      if (row && inJira.length === row.count && idHash(inJira.map((issue) => issue.id)) === row.hash) continue;
      const cached = await cache.chunk(index);
      const jiraIds = new Set(inJira.map((issue) => issue.id));
      const cachedIds = new Set(cached.map((issue) => issue.id));
      removals.push(
        ...cached
          .filter((issue) => !jiraIds.has(issue.id) && (!current || isOpen(issue) || !before(issue, current)))
          .map((issue) => ({ id: issue.id, key: issue.key })),
      );
      missing.push(...inJira.filter((issue) => !cachedIds.has(issue.id)).map((issue) => issue.id));
    }
    if (removals.length > 0) await cache.apply([], removals);
    if (missing.length > MAX_MISSING) {
      note(step, [
        {
          scope: 'project',
          ref: projectKey,
          message: `${missing.length} issues were missing from the cache; ${MAX_MISSING} are read now, the rest by the next check`,
        },
      ]);
    }
    job.missing = missing.slice(0, MAX_MISSING);
    if (!slice) job.idsChecked = missing.length <= MAX_MISSING;
  }
  job.checkIds = 'none';
  if (slice) job.idsSliceDone = true;
  job.phase = 'issues';
  await saveJob(step, job.pending);
  return 'more';
}

/** Slice `index` of `count` of the chunk table: rows [from, to), empty when the table has fewer rows than slices. */
function sliceOf(rows: readonly ChunkRow[], index: number, count: number): { from: number; to: number } {
  const at = index % count;
  return { from: Math.floor((at * rows.length) / count), to: Math.floor(((at + 1) * rows.length) / count) };
}

async function readMissing(step: Step): Promise<Unit> {
  const ids = step.job.missing.splice(0, MISSING_PER_SEARCH);
  try {
    await searchIssues(
      step.client,
      `project = ${jqlString(step.projectKey)} AND id in (${ids.join(', ')}) ORDER BY key ASC`,
      step.job.fields ?? [],
      (page) => {
        step.pending.push(...page);
      },
    );
  } catch (error) {
    if (!isRefusal(error)) throw error;
    note(step, [
      {
        scope: 'project',
        ref: step.projectKey,
        message: `Could not read issues missing from the cache (deleted meanwhile?): ${(error as Error).message}`,
      },
    ]);
  }
  return 'more';
}

/** Makes the new generation visible, then deletes the old one and everything this scan staged along the way. */
async function commitFull(step: Step): Promise<Unit> {
  const { store, projectKey, job } = step;
  const prefix = dataPrefix(projectKey);
  const rows = ((job.staged ? await readBlob<ChunkRow[]>(store, prefix, job.staged) : undefined) ?? []).sort(
    (a, b) => a.first - b.first,
  );
  const directory = job.stagedDirectory!;
  const previous = await readHead(store, projectKey);
  const table = await writeBlob(store, prefix, rows);
  const head: ProjectHead = {
    projectKey,
    table,
    directory,
    issues: rows.reduce((sum, row) => sum + row.count, 0),
    scannedAt: job.startedAt,
    fullScanAt: job.startedAt,
    directoryAt: job.startedAt,
    ...(previous?.idsCheckedAt ? { idsCheckedAt: previous.idsCheckedAt } : {}),
    fieldSet: (job.fields ?? []).join(','),
    problems: job.problems,
    ...(job.window ? { window: job.window } : {}),
  };
  await store.set(headKey(projectKey), head);
  await commitScanAccounts(store, projectKey, directory, job.startedAt);
  const linked = job.linked ? await readBlob<RestIssue[]>(store, prefix, job.linked) : undefined;
  if (linked && linked.length > 0) await (await ProjectCache.load(store, projectKey))?.apply(linked, []);
  await Promise.all([store.delete(jobKey(projectKey)), store.delete(failureKey(projectKey))]);
  const current = (await ProjectCache.load(store, projectKey))!;
  const kept = [current.head.table.id, directory.id, ...current.table.map((row) => row.blob.id)];
  await collectGarbage(store, prefix, new Set(kept));
  await clearMarks(store, projectKey, await boardIdsOf(store, projectKey, directory), job.startedAt);
  return 'done';
}

async function commitRefresh(step: Step): Promise<Unit> {
  const { store, projectKey, job } = step;
  const cache = await ProjectCache.load(store, projectKey);
  if (!cache) {
    await store.delete(jobKey(projectKey));
    return 'done';
  }
  const oldDirectory = cache.head.directory;
  const changes: Partial<ProjectHead> = { scannedAt: job.startedAt, problems: job.problems };
  if (job.stagedDirectory) changes.directory = job.stagedDirectory;
  if (job.directory.read === 'all') changes.directoryAt = job.startedAt;
  if (job.idsChecked) changes.idsCheckedAt = job.startedAt;
  if (job.idsSliceDone) {
    changes.idsSliceAt = job.startedAt;
    changes.nextIdsSlice = ((cache.head.nextIdsSlice ?? 0) + 1) % step.policy.idsSlices;
  }
  if (job.window) changes.window = job.window;
  await cache.apply([], [], changes);
  if (job.stagedDirectory) {
    const directory = await readBlob<ProjectDirectory>(store, dataPrefix(projectKey), job.stagedDirectory);
    await addAccounts(store, scanScope(projectKey), scanValues(projectKey), accountIdsIn([directory]), job.startedAt);
  }
  await Promise.all([store.delete(jobKey(projectKey)), store.delete(failureKey(projectKey))]);
  if (job.stagedDirectory) await deleteBlob(store, dataPrefix(projectKey), oldDirectory);
  await clearMarks(store, projectKey, await boardIdsOf(store, projectKey, cache.head.directory), job.startedAt);
  return 'done';
}

async function boardIdsOf(store: KeyValueStore, projectKey: string, ref: BlobRef): Promise<number[]> {
  const directory = await readBlob<ProjectDirectory>(store, dataPrefix(projectKey), ref);
  return (directory?.boards ?? []).map((board) => Number(board.id));
}

/** Saves the checkpoint with the pending issues; the blob that held them before is deleted once it is replaced. */
async function saveJob(step: Step, previousPending: BlobRef | undefined): Promise<void> {
  const { store, projectKey, job } = step;
  const prefix = dataPrefix(projectKey);
  job.pending = step.pending.length > 0 ? await writeBlob(store, prefix, step.pending) : undefined;
  job.failures = 0;
  job.savedAt = step.options.now().toISOString();
  await store.set(jobKey(projectKey), job);
  if (previousPending && previousPending !== job.pending) await deleteBlob(store, prefix, previousPending);
}

/** Counts a failed step against the saved checkpoint, gives the scan up after too many, and says so in the freshness. */
async function recordFailure(step: Step, error: unknown): Promise<void> {
  const { store, projectKey, job, policy } = step;
  const saved = await store.get<ScanJob>(jobKey(projectKey));
  if (!saved) return;
  saved.failures++;
  const abandoned = saved.failures >= policy.maxFailures;
  if (abandoned) await store.delete(jobKey(projectKey));
  else await store.set(jobKey(projectKey), saved);
  job.failures = saved.failures;
  await noteFailure(step, error instanceof Error ? error.message : String(error), abandoned);
}

async function noteFailure(step: Step, message: string, abandoned: boolean): Promise<void> {
  const failure: ScanFailure = { at: step.options.now().toISOString(), kind: step.job.kind, message, abandoned };
  await step.store.set(failureKey(step.projectKey), failure);
}

/** Deletes blobs under a prefix that none of the given ids name: replaced generations, abandoned staging. */
async function collectGarbage(store: KeyValueStore, prefix: string, keep: ReadonlySet<string>): Promise<void> {
  const keys = await store.keysWithPrefix(prefix);
  await Promise.all(keys.filter((key) => !keep.has(blobIdOfKey(prefix, key) ?? '')).map((key) => store.delete(key)));
}

function note(step: Step, problems: readonly ReadProblem[]): void {
  if (problems.length === 0) return;
  step.problems.push(...problems);
  step.job.problems = addProblems(step.job.problems, problems);
}

/** A 4xx about the request itself (unknown project, deleted issue): recorded, and the scan goes on. */
function isRefusal(error: unknown): boolean {
  const failure = classifyJiraFailure(error);
  return failure === 'not-found' || failure === 'refused';
}

/** Best effort (KVS has no compare-and-set): write, read back, and whoever's write stayed holds it. */
async function acquireLease(store: KeyValueStore, key: string, now: number, ms: number): Promise<string | undefined> {
  const current = await store.get<ScanLease>(key);
  if (current && current.until > now) return undefined;
  const owner = newId();
  await store.set<ScanLease>(key, { owner, until: now + ms });
  return (await store.get<ScanLease>(key))?.owner === owner ? owner : undefined;
}

async function releaseLease(store: KeyValueStore, key: string, owner: string): Promise<void> {
  if ((await store.get<ScanLease>(key))?.owner === owner) await store.delete(key);
}
