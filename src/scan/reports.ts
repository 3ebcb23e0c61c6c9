/**
 * Audit results kept beside the cache: after scans complete, the cached site is audited once and each project's
 * part of the report is stored (in parts when large, valid for a while and for one configuration). A project's
 * trend is part of its report, worked out from its histories (src/audit/weekly.ts).
 */
import { addMilliseconds } from 'date-fns';
import type { AuditReport } from '../audit';
import type { Coverage } from '../audit/report';
import { mergeProjectAudits } from '../audit/sharded';
import type { AuditConfig } from '../config/types';
import type { Person, ReadProblem, Site } from '../domain/model';
import { auditWindow, projectWindow } from '../audit/window';
import { joinNormalised, normaliseSite } from '../jira/normalise';
import type { KeyValueStore } from '../store/key-value';
import { accountIdsIn, derivedValues, forgetAccountScopesWithPrefix, replaceAccounts } from './account-index';
import { deleteBlob, readBlob, writeBlob, type BlobRef } from './blob';
import { readCachedDirectory, readCachedProjectInBatches, readCachedSite } from './cache';
import { idHash } from './chunks';
import { auditFromDigests } from './digests';
import { cachedProjectKeys, readHead, readSiteHead, type ProjectHead } from './state';
import { personName } from '../domain/text';
import { isoDay } from '../horizon';
import { isoWeekStart } from '../domain/weeks';

/** A project's slice of an audit of the whole cached site. */
export interface StoredReport {
  projectKey: string;
  generatedAt: string;
  /** Past this, a newer audit was due: show the report as stale. */
  validUntil: string;
  /** The oldest `scannedAt` among the projects audited: the data is at least this fresh. */
  scannedAt: string;
  /** Fingerprint of the configuration audited with: another configuration makes the report stale at once. */
  config: string;
  /** What the project's own data came to (the report's coverage is the whole site's). */
  coverage: Coverage;
  /** Names of the people the slice refers to by account id (role holders, owners), for views. */
  names: Record<string, string>;
  /** The project's cached state the slice was audited from (its head's table and directory): another one is newer. */
  source?: string;
  report: AuditReport;
}

export const DEFAULT_REPORT_VALIDITY_MS = 2 * 60 * 60_000;

/**
 * The cached projects some viewers may browse, when that is not all of them: their audit is stored apart (under
 * the view's id), made from those projects alone, so that such viewers see what a site of only those projects
 * would show — on a big site, without an audit inside their resolver call.
 */
export interface AuditView {
  id: string;
  projectKeys: string[];
}

/** Views kept at most; the least recently used goes first. */
export const MAX_VIEWS = 20;
const VIEWS_KEY = 'audit:views';
/** The projects whose reports the last audit of the whole cache stored, with their Jira ids (key → id). */
const AUDITED_PROJECTS_KEY = 'audit:projects';
const VIEW_TOUCH_MS = 24 * 60 * 60_000;

const scopePrefix = (view?: AuditView) => (view ? `audit:view:${view.id}:` : 'audit:');
const lastAuditKey = (view?: AuditView) => `${scopePrefix(view)}last`;
const reportKey = (projectKey: string, view?: AuditView) => `${scopePrefix(view)}report:${projectKey}`;
const reportDataPrefix = (projectKey: string, view?: AuditView) => `${scopePrefix(view)}data:${projectKey}:`;

export function viewOf(projectKeys: readonly string[]): AuditView {
  const keys = [...new Set(projectKeys)].sort();
  return { id: idHash(keys).toString(36), projectKeys: keys };
}

/** Notes that viewers use this view (once a day at most), so the scheduler keeps its audit up to date. */
export async function registerView(store: KeyValueStore, view: AuditView, now: Date): Promise<void> {
  const views = (await store.get<Record<string, { projectKeys: string[]; usedAt: string }>>(VIEWS_KEY)) ?? {};
  const known = views[view.id];
  if (known && now.getTime() - Date.parse(known.usedAt) < VIEW_TOUCH_MS) return;
  views[view.id] = { projectKeys: view.projectKeys, usedAt: now.toISOString() };
  const ordered = Object.entries(views).sort(([, a], [, b]) => b.usedAt.localeCompare(a.usedAt));
  for (const [id] of ordered.slice(MAX_VIEWS)) {
    delete views[id];
    await Promise.all(
      (await store.keysWithPrefix(scopePrefix({ id, projectKeys: [] }))).map((key) => store.delete(key)),
    );
    await forgetAccountScopesWithPrefix(store, scopePrefix({ id, projectKeys: [] }));
  }
  await store.set(VIEWS_KEY, views);
}

export async function registeredViews(store: KeyValueStore): Promise<AuditView[]> {
  const views = (await store.get<Record<string, { projectKeys: string[] }>>(VIEWS_KEY)) ?? {};
  return Object.entries(views).map(([id, entry]) => ({ id, projectKeys: entry.projectKeys }));
}

interface ReportPointer extends Omit<StoredReport, 'report'> {
  blob: BlobRef;
  /** `sliceContent` of the report the blob holds. */
  content?: string;
}

/**
 * Raised whenever stored reports gain a field the views read (2: each sprint's item keys, roadmap items and
 * deciders; 3: what a secured issue adds to each sprint's deciders), so that reports stored before are audited again
 * rather than read without it.
 */
const REPORT_FORMAT = 3;

/** What a stored report was made with: the configuration and the report format. */
export function configFingerprint(config: AuditConfig): string {
  // Acceptances and snoozes are applied when a view is made (src/audit/accepted.ts): changing them needs no audit.
  const { suppressions: _applied, ...audited } = config;
  return idHash([`format ${REPORT_FORMAT}`, JSON.stringify(audited)]).toString(36);
}

/**
 * Audits every complete cached project (roles and roadmap links cross projects) and stores each project's slice. `up to date` when neither the cache nor the configuration changed since the last audit
 * (several scans finishing together queue several audits; one does the work).
 *
 * The audit goes a project at a time (src/audit/sharded.ts), reading each project's cache once per pass, so that
 * memory follows the largest project rather than the site.
 */
export async function auditCachedSite(
  store: KeyValueStore,
  config: AuditConfig,
  options: { now: Date; validForMs?: number; view?: AuditView },
): Promise<
  | { audited: true; report: AuditReport; projectKeys: string[]; reaudited: string[] }
  | { audited: false; why: 'nothing cached' | 'up to date' }
> {
  const { view } = options;
  const fingerprint = await stateFingerprint(store, config, view);
  if (upToDate(await store.get<LastAudit>(lastAuditKey(view)), fingerprint, options.now))
    return { audited: false, why: 'up to date' };
  const audit = await auditFromDigests(
    store,
    config,
    configFingerprint(config),
    options.now,
    isoWeekStart(options.now),
    scopePrefix(view),
    await scopeKeys(store, view),
    (projectKey, issueKeys) => loadProject(store, config, options.now, projectKey, issueKeys),
  );
  if (!audit) return { audited: false, why: 'nothing cached' };
  const { outline, heads, parts } = audit;
  const report = mergeProjectAudits(outline, parts, config, { now: options.now });
  const people = new Map(outline.people.map((person) => [person.accountId, person]));
  const scannedAt = heads.map((head) => head.scannedAt).sort()[0] ?? options.now.toISOString();
  const projectKeys = heads.map((head) => head.projectKey);
  for (const projectKey of projectKeys) {
    const slice = projectSlice(report, projectKey);
    const pointer: Omit<ReportPointer, 'blob'> = {
      projectKey,
      generatedAt: options.now.toISOString(),
      validUntil: addMilliseconds(options.now, options.validForMs ?? DEFAULT_REPORT_VALIDITY_MS).toISOString(),
      scannedAt,
      config: configFingerprint(config),
      coverage: parts.find((part) => part.projectKey === projectKey)!.coverage,
      names: namesIn(slice, people),
      source: sourceOf(heads.find((head) => head.projectKey === projectKey)!),
      content: sliceContent(slice),
    };
    await saveReport(store, pointer, slice, view);
  }
  if (!view) await store.set(AUDITED_PROJECTS_KEY, await projectIds(store, projectKeys, audit.audited));
  await store.set<LastAudit>(lastAuditKey(view), { fingerprint, at: options.now.toISOString() });
  return { audited: true, report, projectKeys, reaudited: audit.audited };
}

/**
 * What a stored slice says, apart from when it was made: a slice that says the same is kept as it is (its parts
 * were not audited again, or came out the same), which spares rewriting every project's report after each change.
 */
function sliceContent(slice: AuditReport): string {
  const { generatedAt: _generatedAt, now: _now, window: _window, ...content } = slice;
  return idHash([JSON.stringify(content)]).toString(36);
}

/** What a project's stored report was made from: compared with its head, it says whether a scan came since. */
export function sourceOf(head: Pick<ProjectHead, 'table' | 'directory'>): string {
  return `${head.table.id}|${head.directory.id}`;
}

/**
 * The Jira ids of the audited projects. A project's id is read from its directory only when it was audited again
 * (its cache changed, and with it perhaps the project) or has none kept yet: the others' are kept as they were, so an
 * audit after a change in one project reads nothing of the others' caches.
 */
async function projectIds(
  store: KeyValueStore,
  projectKeys: readonly string[],
  reaudited: readonly string[],
): Promise<Record<string, string>> {
  const kept = await readAuditedProjects(store);
  const stale = projectKeys.filter((key) => !(key in kept) || reaudited.includes(key));
  const directories = await Promise.all(stale.map((key) => readCachedDirectory(store, key)));
  const read = new Map(stale.map((key, index) => [key, directories[index]?.project.id]));
  return Object.fromEntries(
    projectKeys.flatMap((key) => {
      const id = read.has(key) ? read.get(key) : kept[key];
      return id === undefined ? [] : [[key, String(id)]];
    }),
  );
}

/** The projects with a stored report of the whole cache, by key, with their Jira ids: what views may show. */
export async function readAuditedProjects(store: KeyValueStore): Promise<Record<string, string>> {
  return (await store.get<Record<string, string>>(AUDITED_PROJECTS_KEY)) ?? {};
}

/** Raw cached issues normalised at once by the audit job. */
const NORMALISE_BATCH_ISSUES = 1_000;

/** One project's cache normalised (a batch of raw issues at a time: only the normalised form is held whole). */
async function loadProject(
  store: KeyValueStore,
  config: AuditConfig,
  now: Date,
  projectKey: string,
  issueKeys?: ReadonlySet<string>,
): Promise<Site | undefined> {
  if (issueKeys) {
    const cached = await readCachedSite(store, [projectKey], issueKeys);
    return cached
      ? normaliseSite(cached.snapshot, [...cached.problems, ...unreadWindow(cached.projects[0]!, config, now)])
      : undefined;
  }
  const parts = await readCachedProjectInBatches(store, projectKey, NORMALISE_BATCH_ISSUES, (batch) =>
    normaliseSite(batch.snapshot, [...batch.problems, ...unreadWindow(batch.projects[0]!, config, now)]),
  );
  return parts && parts.length > 0 ? joinNormalised(parts) : undefined;
}

/** The audit's window reaches before what the cache holds (widened, not yet scanned): unread, not absent. */
function unreadWindow(head: ProjectHead, config: AuditConfig, now: Date): ReadProblem[] {
  const since = projectWindow(auditWindow(config, { now }), head.projectKey).since;
  if (!head.window || since.getTime() >= Date.parse(head.window.since)) return [];
  return [
    {
      scope: 'project',
      ref: head.projectKey,
      unread: 'history',
      message: `Histories and comments from before ${isoDay(head.window.since)} are not read yet: the cache holds a ${head.window.days}-day window and the next scan reads the wider one`,
    },
  ];
}

/** The people a project's slice names by account id only: role holders and roadmap owners. */
function namesIn(slice: AuditReport, people: ReadonlyMap<string, Person>): Record<string, string> {
  const ids = [
    ...slice.projects.flatMap((project) => [...project.productManagers, ...project.productOwners]),
    ...slice.roadmapItems.flatMap((item) => (item.ownerId ? [item.ownerId] : [])),
  ];
  return Object.fromEntries([...new Set(ids)].sort().map((id) => [id, personName({ people }, id)]));
}

/**
 * Whether the stored reports are older than the cache or the configuration (a refresh from a panel changed it),
 * or, given the time, made in an earlier week: a project nobody changes is audited again at the new time once a week.
 */
export async function auditDue(
  store: KeyValueStore,
  config: AuditConfig,
  view?: AuditView,
  now?: Date,
): Promise<boolean> {
  if ((await scopeKeys(store, view)).length === 0) return false;
  return !upToDate(await store.get<LastAudit>(lastAuditKey(view)), await stateFingerprint(store, config, view), now);
}

/**
 * What an audit at `now` would stand for (the cache's content, the configuration and the week): while it equals
 * what the last audit stood for, the stored reports are up to date.
 */
export async function auditState(
  store: KeyValueStore,
  config: AuditConfig,
  now: Date,
  view?: AuditView,
): Promise<string> {
  return `${await stateFingerprint(store, config, view)} ${isoWeekStart(now)}`;
}

interface LastAudit {
  fingerprint: string;
  at: string;
}

function upToDate(last: LastAudit | undefined, fingerprint: string, now?: Date): boolean {
  return last?.fingerprint === fingerprint && (!now || isoWeekStart(new Date(last.at)) === isoWeekStart(now));
}

/** The complete cached projects an audit covers: all of them, or a view's. */
async function scopeKeys(store: KeyValueStore, view?: AuditView): Promise<string[]> {
  const cached = await cachedProjectKeys(store);
  return view ? cached.filter((key) => view.projectKeys.includes(key)) : cached;
}

/**
 * What the stored reports rest on: the configuration and what the cache holds (each project's chunk table and
 * directory, the site data), not when it was read, so that an hourly refresh that found nothing new queues no audit.
 */
async function stateFingerprint(store: KeyValueStore, config: AuditConfig, view?: AuditView): Promise<string> {
  const heads = await Promise.all((await scopeKeys(store, view)).map((key) => readHead(store, key)));
  const parts = heads.map((head) => (head ? `${head.projectKey}|${sourceOf(head)}` : ''));
  const siteData = (await readSiteHead(store))?.data.id ?? '';
  return idHash([
    configFingerprint(config),
    `site ${siteData}`,
    ...parts.map((part, index) => `${index}:${part}`),
  ]).toString(36);
}

export async function readStoredReport(
  store: KeyValueStore,
  projectKey: string,
  view?: AuditView,
): Promise<StoredReport | undefined> {
  const pointer = await store.get<ReportPointer>(reportKey(projectKey, view));
  if (!pointer) return undefined;
  const report = await readBlob<AuditReport>(store, reportDataPrefix(projectKey, view), pointer.blob);
  if (!report) return undefined;
  const { blob: _blob, content: _content, ...rest } = pointer;
  return { ...rest, report };
}

/** What a view of one project shows: its findings (those drawing on it), people acting on it, its sprints and items. */
export function projectSlice(report: AuditReport, projectKey: string): AuditReport {
  return {
    ...report,
    people: report.people.filter((person) => person.projects.includes(projectKey)),
    projects: report.projects.filter((project) => project.key === projectKey),
    sprints: report.sprints.filter((sprint) => sprint.projectKey === projectKey),
    roadmapItems: report.roadmapItems.filter((item) => item.projectKey === projectKey),
    findings: report.findings.filter((finding) => finding.projectKeys.includes(projectKey)),
    suppressed: report.suppressed.filter((entry) => entry.finding.projectKeys.includes(projectKey)),
  };
}

/**
 * Stores a project's slice, unless the one stored says the same, made in the same week, with the same data and
 * configuration.
 */
async function saveReport(
  store: KeyValueStore,
  pointer: Omit<ReportPointer, 'blob'>,
  report: AuditReport,
  view?: AuditView,
): Promise<boolean> {
  const prefix = reportDataPrefix(pointer.projectKey, view);
  const previous = await store.get<ReportPointer>(reportKey(pointer.projectKey, view));
  if (
    previous &&
    previous.content === pointer.content &&
    previous.scannedAt === pointer.scannedAt &&
    previous.source === pointer.source &&
    previous.config === pointer.config &&
    isoWeekStart(new Date(previous.generatedAt)) === isoWeekStart(new Date(pointer.generatedAt))
  )
    return false;
  const blob = await writeBlob(store, prefix, report);
  const key = reportKey(pointer.projectKey, view);
  await store.set<ReportPointer>(key, { ...pointer, blob });
  if (previous) await deleteBlob(store, prefix, previous.blob);
  const accountIds = accountIdsIn([report, pointer]);
  await replaceAccounts(store, key, derivedValues(key, prefix), accountIds, pointer.generatedAt, true);
  return true;
}
