import { formatDistance, isValid, parseISO } from 'date-fns';
import type { Freshness, PartialProject, Provenance, RefreshResult, ScanProgress } from '../../../src/resolvers/api';
import { formatDateTime } from './format';
import { plural } from '../../../src/domain/text';

/**
 * Where the view's data came from, for the line under the audit line. The age is measured against the audit's
 * own time (`generatedAt`, the app's clock) rather than the browser's, so a wrong clock on the reader's machine
 * does not make the cache look older or newer than it is.
 */
export function freshnessText(freshness: Freshness, generatedAt: string): string {
  const scanned = parseISO(freshness.scannedAt);
  const audited = parseISO(generatedAt);
  const age = isValid(scanned) && isValid(audited) ? ` (${formatDistance(scanned, audited, { addSuffix: true })})` : '';
  const pending = freshness.auditPending
    ? " Jira was read again (or the settings changed) since this report was made: it shows the background audit's latest results until the next audit."
    : '';
  return `From the background scan of ${formatDateTime(freshness.scannedAt)}${age}.${pending}`;
}

/**
 * What a view says while the background scan has not given it a report yet: how far the first scan is, site-wide
 * and for the project in view, which it reads before the others.
 */
export function firstScanText(progress: ScanProgress): string {
  const site =
    `The first scan has read ${plural(progress.issuesRead, 'issue')} so far; ` +
    `${progress.projectsScanned} of ${plural(progress.projectsToScan, 'project')} are scanned.`;
  const project = progress.project;
  if (!project) return `${site} This page shows the audit once a project is scanned.`;
  const where =
    project.stage === 'auditing'
      ? `${project.key} is scanned (${plural(project.issuesRead, 'issue')}) and being audited`
      : project.stage === 'scanning'
        ? `${project.key} is being scanned now (${plural(project.issuesRead, 'issue')} read)`
        : `${project.key} is next in line: it is scanned before the other projects`;
  return `${where}. ${site} This view updates by itself when the audit is ready.`;
}

/**
 * What a report made from a first scan's first stage covers, and how far the rest is: it is not the project's result,
 * and the flags that need the whole project are not checked yet.
 */
export function partialText(partial: readonly PartialProject[]): string {
  const projects = partial.map((entry) => entry.projectKey).join(', ');
  const read = partial
    .map(
      (entry) =>
        `${entry.projectKey}: ${plural(entry.stageIssues, 'issue')} read first, ${
          entry.issuesToRead !== undefined
            ? `${entry.issuesRead} of about ${plural(entry.issuesToRead, 'issue')}`
            : plural(entry.issuesRead, 'issue')
        } read so far`,
    )
    .join('; ');
  return (
    `This report covers only the active sprints of ${projects} and the roadmap items their work hangs under (${read}); ` +
    'the rest is being read. Flags that need the whole project (missing owners, roadmap items not broken down, ' +
    'sprint work without a roadmap link) are not checked yet. The full report replaces this one when the scan is done.'
  );
}

/** Projects a cached view leaves out until their first scan completes; undefined when there are none. */
export function pendingText(pending: readonly string[]): string | undefined {
  if (pending.length === 0) return undefined;
  const names = pending.join(', ');
  return pending.length === 1
    ? `Project ${names} is not scanned yet: it is left out until its first scan completes.`
    : `Projects ${names} are not scanned yet: they are left out until their first scan completes.`;
}

/** What a refresh did, in a sentence for the live region and the note beside the button. */
export function refreshSummary(result: Pick<RefreshResult, 'projectKey' | 'refresh'>): string {
  const { projectKey, refresh } = result;
  if (refresh.busy)
    return `A scan of ${projectKey} is already running; this shows the cache as it is. Refresh again in a minute.`;
  const changed =
    refresh.issuesWritten === 0
      ? 'nothing had changed since the last scan'
      : `${plural(refresh.issuesWritten, 'issue')} updated in the cache`;
  const rest = refresh.done ? '' : ' More changes are still being read in the background; refresh again in a minute.';
  return `Refreshed ${projectKey} from Jira: ${changed}.${rest}`;
}

/**
 * Which actions the view judged, for the line under the freshness line: the project's own window where it has one
 * (a project page, a board), else the site's.
 */
export function windowText(window: Provenance['window'], projectKey?: string): string {
  const own = projectKey !== undefined ? window.projects?.[projectKey] : undefined;
  const since = own?.since ?? window.since;
  const days = own?.days ?? window.days;
  const span = `${since.slice(0, 10)} to ${window.until.slice(0, 10)}`;
  return (
    `Overlap flags and inferred roles look at actions ${days !== undefined ? `of the last ${plural(days, 'day')} (${span})` : `from ${span}`}; ` +
    'ownership, horizon and translation flags judge open items as they are now.'
  );
}
