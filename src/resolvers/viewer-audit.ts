import { auditSite, type AuditReport } from '../audit';
import { reportForViewer, type ReportSlice } from '../audit/visibility';
import { roleMappingGroups } from '../config/role-mapping';
import type { AuditConfig } from '../config/types';
import type { Site } from '../domain/model';
import { listProjects } from '../jira/api/platform';
import { normaliseSite } from '../jira/normalise';
import { readSite } from '../jira/read-site';
import {
  auditDue,
  cachedProjectKeys,
  readCachedSite,
  readStoredReport,
  registerView,
  viewOf,
  type AuditView,
} from '../scan';
import { configFingerprint } from '../scan/reports';
import { readHead } from '../scan/state';
import type { Freshness } from './api';
import { withViewersIssues } from './issue-visibility';
import type { AppServices } from './services';

/** The audit a view shows, holding only what the viewer may browse. */
export interface ViewerAudit {
  report: AuditReport;
  /** Display names of the people the report names by account id. */
  names: ReadonlyMap<string, string>;
  baseUrl: string;
  /** Projects the viewer may browse, as Jira lists them to the viewer. */
  visible: string[];
  /** Whether the viewer may browse every project the background audit covers (its trends draw on all of them). */
  seesEveryCachedProject: boolean;
  freshness: Freshness;
}

/**
 * Above this many cached issues in view, a view never audits on its own: it shows the background audit's stored
 * reports even when a newer scan is waiting for the next audit (auditing that much would not fit a resolver's 25 s).
 */
export const VIEW_AUDIT_MAX_ISSUES = 20_000;

/**
 * What a view of one project (or, with none, of every project) shows the viewer, cheapest source first:
 * 1. the background audit's stored reports of the projects in view — of the whole cache for a viewer who may browse
 *    every cached project, else of the view of the projects they may browse (registered here, audited by the
 *    scheduler's jobs) — when made with the configuration in force and nothing was scanned since (or the site is
 *    too big to audit here, which the freshness then says); always filtered by what the viewer may browse. On a
 *    big site whose view has no audit yet, the whole cache's reports, filtered, stand in until it has;
 * 2. an audit of the cached projects the viewer may browse, when the project in view is cached: exactly what an
 *    audit of a site without the others would say;
 * 3. a read of Jira as the viewer.
 * A view of one project still audits the others: its epics' initiatives, children and people's roles live across
 * projects, and auditing one project alone would flag roadmap items as never broken down when their stories are elsewhere.
 * Whatever the source, issues behind security levels the viewer may not see are then left out (issue-visibility.ts).
 */
export async function auditForViewer(
  services: AppServices,
  config: AuditConfig,
  inView: string | undefined,
): Promise<ViewerAudit> {
  return withViewersIssues(services, await auditOfViewersProjects(services, config, inView));
}

async function auditOfViewersProjects(
  services: AppServices,
  config: AuditConfig,
  inView: string | undefined,
): Promise<ViewerAudit> {
  const client = services.jiraAsUser();
  const visible = (await listProjects(client)).map((project) => project.key);
  const allCached = await cachedProjectKeys(services.store);
  const cachedKeys = allCached.filter((key) => visible.includes(key));
  if (inView === undefined ? cachedKeys.length > 0 : cachedKeys.includes(inView)) {
    const seesAll = cachedKeys.length === allCached.length;
    // Stored reports of the whole cache weigh every project (an epic is broken down by stories elsewhere): a viewer
    // who may not browse them all is served a view's reports, made from only the projects they may browse.
    const view = seesAll ? undefined : viewOf(cachedKeys);
    if (view) await registerView(services.store, view, services.now());
    const small = (await cachedIssues(services, cachedKeys)) <= (services.viewAuditMaxIssues ?? VIEW_AUDIT_MAX_ISSUES);
    const keys = inView ? [inView] : cachedKeys;
    const stored =
      (await storedView(services, config, keys, visible, cachedKeys, view, small)) ??
      (view && !small
        ? await storedView(services, config, keys, visible, cachedKeys, undefined, small, true)
        : undefined);
    if (stored) return stored;
    const cached = await readCachedSite(services.store, cachedKeys);
    if (cached) {
      const site = normaliseSite(cached.snapshot, cached.problems);
      const included = new Set(cached.projects.map((project) => project.projectKey));
      const scannedAt = cached.projects.map((project) => project.scannedAt).sort()[0]!;
      const freshness: Freshness = {
        source: 'cache',
        scannedAt,
        pending: visible.filter((key) => !included.has(key)).sort(),
      };
      return fromSite(site, auditSite(site, config, { now: services.now() }), visible, freshness, seesAll);
    }
  }
  const read = await readSite(client, {
    baseUrl: '',
    groups: roleMappingGroups(config),
    directoryClient: services.jiraAsApp(),
    now: services.now,
  });
  const site = normaliseSite(read.snapshot, read.problems);
  return fromSite(
    site,
    auditSite(site, config, { now: services.now() }),
    visible,
    { source: 'live', scannedAt: services.now().toISOString(), pending: [] },
    cachedKeys.length === allCached.length,
  );
}

/**
 * The stored reports of `keys` (of a view, or of the whole cache), filtered for the viewer; undefined when they are
 * missing, made with another configuration, or behind the cache on a site small enough to audit here instead.
 * `stopgap`: the whole cache's reports for a viewer whose view has no audit yet on a big site — filtered, so they
 * hold nothing the viewer may not browse, and said to be pending until the view's own audit is done.
 */
async function storedView(
  services: AppServices,
  config: AuditConfig,
  keys: string[],
  visible: string[],
  cachedKeys: string[],
  view: AuditView | undefined,
  small: boolean,
  stopgap = false,
): Promise<ViewerAudit | undefined> {
  const fingerprint = configFingerprint(config);
  const reports = await Promise.all(keys.map((key) => readStoredReport(services.store, key, view)));
  const slices: ReportSlice[] = [];
  for (const stored of reports) {
    if (!stored || stored.config !== fingerprint || !stored.coverage || !stored.names) return undefined;
    slices.push(stored);
  }
  const behind = stopgap || (await auditDue(services.store, config, view));
  if (behind && small) return undefined;
  const { report, names } = reportForViewer(slices, new Set(visible));
  const freshness: Freshness = {
    source: 'cache',
    scannedAt: reports.map((stored) => stored!.scannedAt).sort()[0]!,
    pending: visible.filter((key) => !cachedKeys.includes(key)).sort(),
    ...(behind ? { auditPending: true } : {}),
  };
  return {
    report,
    names: withProfiles(names, report),
    baseUrl: report.site.baseUrl,
    visible,
    freshness,
    seesEveryCachedProject: !view && !stopgap,
  };
}

async function cachedIssues(services: AppServices, keys: readonly string[]): Promise<number> {
  const heads = await Promise.all(keys.map((key) => readHead(services.store, key)));
  return heads.reduce((sum, head) => sum + (head?.issues ?? 0), 0);
}

function fromSite(
  site: Site,
  report: AuditReport,
  visible: string[],
  freshness: Freshness,
  seesEveryCachedProject: boolean,
): ViewerAudit {
  return {
    report,
    names: new Map(site.people.map((person) => [person.accountId, person.displayName])),
    baseUrl: site.baseUrl,
    visible,
    freshness,
    seesEveryCachedProject,
  };
}

function withProfiles(names: ReadonlyMap<string, string>, report: AuditReport): Map<string, string> {
  return new Map([...report.people.map((person) => [person.accountId, person.displayName] as const), ...names]);
}
