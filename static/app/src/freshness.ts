import { formatDistance, isValid, parseISO } from 'date-fns';
import type { Freshness, Provenance, RefreshResult } from '../../../src/resolvers/api';
import { formatDateTime } from './format';
import { plural } from '../../../src/domain/text';

/**
 * Where the view's data came from, for the line under the audit line. The age is measured against the audit's
 * own time (`generatedAt`, the app's clock) rather than the browser's, so a wrong clock on the reader's machine
 * does not make the cache look older or newer than it is.
 */
export function freshnessText(freshness: Freshness, generatedAt: string): string {
  if (freshness.source === 'live')
    return 'Read live from Jira just now: the background scan has not cached this project yet.';
  const scanned = parseISO(freshness.scannedAt);
  const audited = parseISO(generatedAt);
  const age = isValid(scanned) && isValid(audited) ? ` (${formatDistance(scanned, audited, { addSuffix: true })})` : '';
  const pending = freshness.auditPending
    ? ' The background audit has not caught up with everything read yet: this shows its latest results until it has.'
    : '';
  return `From the background scan of ${formatDateTime(freshness.scannedAt)}${age}.${pending}`;
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
