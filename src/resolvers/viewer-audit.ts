import type { AuditReport } from '../audit';
import { withAcceptances } from '../audit/accepted';
import { projectsMentioned, reportForViewer, type ReportSlice } from '../audit/visibility';
import type { AuditConfig } from '../config/types';
import { checkPermissions, getProject } from '../jira/api/platform';
import {
  askToScanFirst,
  readAuditedProjects,
  knownProjectIds,
  readStoredReport,
  registerView,
  scanProgress,
  viewOf,
  type AuditView,
  type StoredReport,
} from '../scan';
import { configFingerprint, sourceOf } from '../scan/reports';
import { jobKey, readHead, type ProjectHead, type ScanJob } from '../scan/state';
import type { KeyValueStore } from '../store/key-value';
import type { FirstScanView, Freshness, PartialProject } from './api';
import { withViewersIssues } from './issue-visibility';
import { fail, ok, type ResolverResponse } from './response';
import type { AppServices } from './services';

/** The audit a view shows, holding only what the viewer may browse. */
export interface ViewerAudit {
  report: AuditReport;
  /** Display names of the people the report names by account id. */
  names: ReadonlyMap<string, string>;
  baseUrl: string;
  /** Projects the viewer may browse, of those the app knows (listed by Jira to the app, or audited). */
  visible: string[];
  freshness: Freshness;
}

/** A view's audit, or the first scan's progress while the background audit has stored nothing for it. */
export type ViewerOutcome = { audit: ViewerAudit } | FirstScanView;

const notBrowsable = (projectKey: string) =>
  fail<never>('NOT_FOUND', `Project ${projectKey} does not exist or you may not browse it.`);

/**
 * What a view of one project (or, with none, of every project) shows the viewer: only the background audit's stored
 * reports, never a read of the site. Jira is asked, as the viewer, which projects they may browse, in one permissions
 * check: for a project's view, of the projects its stored report draws on (a few, whatever the site's size); when
 * they may not browse all of those, or on the cross-project page, of every project the app knows. A project the app
 * does not know costs one lookup by key instead, and is asked to be scanned first when it exists.
 *
 * A viewer who may browse everything a report draws on is served the whole cache's reports; anyone else a view's,
 * made from only the projects they may browse (registered here, audited by the scheduler's jobs), with the whole
 * cache's reports, filtered, standing in until it is made. A view of one project still rests on the others: its
 * epics' initiatives, children and people's roles live across projects.
 *
 * Whatever the source, issues behind security levels the viewer may not see are then left out (issue-visibility.ts),
 * and the findings accepted or snoozed now are hidden.
 */
export async function auditForViewer(
  services: AppServices,
  config: AuditConfig,
  inView: string | undefined,
  options: { waitForWholeProject?: boolean } = {},
): Promise<ResolverResponse<ViewerOutcome>> {
  // A view about the whole project (the roadmap page) waits for it, showing the scan's progress meanwhile.
  if (options.waitForWholeProject && inView !== undefined && (await readHead(services.store, inView))?.partial)
    return ok(await firstScan(services, inView));
  const outcome = await auditOfViewersProjects(services, config, inView);
  if (!outcome.ok || !('audit' in outcome.data)) return outcome;
  const audit = await withViewersIssues(services, outcome.data.audit);
  return ok({ audit: { ...audit, report: withAcceptances(audit.report, config.suppressions, services.now()) } });
}

async function auditOfViewersProjects(
  services: AppServices,
  config: AuditConfig,
  inView: string | undefined,
): Promise<ResolverResponse<ViewerOutcome>> {
  const { store } = services;
  const [audited, known] = await Promise.all([readAuditedProjects(store), knownProjectIds(store)]);
  const client = services.jiraAsUser();
  if (inView !== undefined && !(inView in known)) {
    if (!(await getProject(client, inView))) return notBrowsable(inView);
    return ok(await firstScan(services, inView));
  }
  const browsable = async (keys: readonly string[]) => {
    const granted = await checkPermissions(client, {
      project: { permission: 'BROWSE_PROJECTS', projectIds: keys.map((key) => known[key]!) },
    });
    return keys.filter((key) => granted.projects.has(known[key]!)).sort();
  };
  const whole = inView !== undefined && inView in audited ? await readStoredReport(store, inView) : undefined;
  if (whole) {
    const drawnOn = [...projectsMentioned([whole])].filter((key) => key in known);
    const visible = await browsable(drawnOn);
    if (!visible.includes(inView!)) return notBrowsable(inView!);
    if (visible.length === drawnOn.length)
      return ok({ audit: await shownAudit(services, config, [whole], visible, audited, false) });
  }
  const visible = await browsable(Object.keys(known));
  if (inView !== undefined && !visible.includes(inView)) return notBrowsable(inView);
  const reported = visible.filter((key) => key in audited);
  if (inView !== undefined ? !reported.includes(inView) : reported.length === 0)
    return ok(await firstScan(services, inView));

  const seesAll = reported.length === Object.keys(audited).length;
  const view = seesAll ? undefined : viewOf(reported);
  if (view) await registerView(store, view, services.now());
  const keys = inView !== undefined ? [inView] : reported;
  const own = await storedReports(services, keys, view);
  // The viewer's own audit is not made yet: the whole cache's reports, filtered for them, stand in until it is.
  const stopgap = !own && view ? await storedReports(services, keys, undefined) : undefined;
  const stored = own ?? stopgap;
  if (!stored) return ok(await firstScan(services, inView));
  return ok({ audit: await shownAudit(services, config, stored, visible, audited, stopgap !== undefined) });
}

/** The view of stored reports for a viewer, with how fresh they are. `stopgap`: standing in for the viewer's own audit. */
async function shownAudit(
  services: AppServices,
  config: AuditConfig,
  stored: readonly StoredReport[],
  visible: string[],
  audited: Readonly<Record<string, string>>,
  stopgap: boolean,
): Promise<ViewerAudit> {
  const fingerprint = configFingerprint(config);
  const heads = await Promise.all(stored.map((report) => readHead(services.store, report.projectKey)));
  // Made with another configuration or before its project's latest scan.
  const older = stored.map(
    (report, index) =>
      report.config !== fingerprint || (heads[index] !== undefined && report.source !== sourceOf(heads[index])),
  );
  const behind = stopgap || older.some(Boolean);
  // A report still made from its project's cache is as fresh as that cache's latest refresh: a refresh that found
  // nothing new runs no audit, so the report's own scan time would make the view look older than it is.
  const scannedAt = stored.map((report, index) =>
    !older[index] && heads[index] ? heads[index].scannedAt : report.scannedAt,
  );
  const partial = await partialProjects(services, heads);
  return viewerAudit(stored, visible, {
    scannedAt: scannedAt.sort()[0]!,
    pending: visible.filter((key) => !(key in audited)),
    ...(behind ? { auditPending: true } : {}),
    ...(partial.length > 0 ? { partial } : {}),
  });
}

/** The stored reports of `keys` (of a view, or of the whole cache); undefined if one is missing. */
async function storedReports(
  services: AppServices,
  keys: readonly string[],
  view: AuditView | undefined,
): Promise<StoredReport[] | undefined> {
  const reports = await Promise.all(keys.map((key) => readStoredReport(services.store, key, view)));
  return reports.every((stored) => stored !== undefined) ? reports : undefined;
}

/** Projects whose cache holds only their first scan's first stage, with how far the rest of the scan is. */
async function partialProjects(
  services: AppServices,
  heads: ReadonlyArray<ProjectHead | undefined>,
): Promise<PartialProject[]> {
  return Promise.all(
    heads.flatMap((head) =>
      head?.partial
        ? [
            (async () => ({
              projectKey: head.projectKey,
              stageIssues: head.partial!.issues,
              issuesRead: (await scanJob(services.store, head.projectKey))?.issuesWritten ?? head.partial!.issues,
              ...(head.partial!.toRead !== undefined ? { issuesToRead: head.partial!.toRead } : {}),
            }))(),
          ]
        : [],
    ),
  );
}

/** The one place a view's report is made from the stored slices: only what the viewer may browse. */
function viewerAudit(stored: readonly ReportSlice[], visible: string[], freshness: Freshness): ViewerAudit {
  const { report, names } = reportForViewer(stored, new Set(visible));
  return {
    report,
    names: new Map([...report.people.map((person) => [person.accountId, person.displayName] as const), ...names]),
    baseUrl: report.site.baseUrl,
    visible,
    freshness,
  };
}

/** The first scan's progress, the project in view (if any) asked to be scanned before the others. */
async function firstScan(services: AppServices, projectKey: string | undefined): Promise<FirstScanView> {
  if (projectKey !== undefined) await askToScanFirst(services.store, projectKey);
  return { firstScan: await scanProgress(services.store, projectKey) };
}

async function scanJob(store: KeyValueStore, projectKey: string): Promise<ScanJob | undefined> {
  return store.get<ScanJob>(jobKey(projectKey));
}
