import { parseJiraTime } from '../dates';
import type { RestHistory, RestIssue } from '../snapshot';
import { idText, isRecord, list, records, text } from './loose';
import { toRestHistory } from './rest-shapes';

export interface IssueCopy {
  issue: RestIssue;
  /** Where the copy was read (a file or table name), for the notes. */
  origin: string;
}

/**
 * Sources often hold the same issue more than once (two exports, an issue table and a due-date table). One issue
 * per key survives: the most recently updated copy (the first on a tie), with the histories and comments of all
 * copies merged by id so none is lost and none is doubled.
 */
export function mergeIssueCopies(copies: IssueCopy[], notes: string[]): RestIssue[] {
  const byKey = new Map<string, IssueCopy[]>();
  for (const copy of copies) {
    const group = byKey.get(copy.issue.key);
    if (group) group.push(copy);
    else byKey.set(copy.issue.key, [copy]);
  }
  const merged: RestIssue[] = [];
  for (const [key, group] of byKey) {
    const [first, ...rest] = group;
    if (!first) continue;
    if (rest.length === 0) {
      merged.push(first.issue);
      continue;
    }
    const kept = group.reduce((best, copy) => (updatedAt(copy.issue) > updatedAt(best.issue) ? copy : best), first);
    const issue = { ...kept.issue, fields: { ...kept.issue.fields } };
    let addedHistories = 0;
    let addedComments = 0;
    for (const copy of group) {
      if (copy === kept) continue;
      addedHistories += addHistories(issue, copy.issue.changelog?.histories ?? []);
      addedComments += addComments(issue, commentList(copy.issue));
    }
    notes.push(
      `${key} is captured ${group.length} times (${group.map((copy) => copy.origin).join(', ')}): the copy from ${kept.origin} is kept` +
        ` (latest update, first on a tie), ${addedHistories} histories and ${addedComments} comments found only in the other copies were merged in by id`,
    );
    merged.push(issue);
  }
  return merged;
}

/** Appends the histories the issue does not have yet (by id); returns how many were new. */
export function addHistories(issue: RestIssue, histories: RestHistory[]): number {
  const changelog = issue.changelog ?? { histories: [] };
  const known = new Set(changelog.histories.map((history) => history.id));
  const fresh: RestHistory[] = [];
  for (const history of histories) {
    if (known.has(history.id)) continue;
    known.add(history.id);
    fresh.push(history);
  }
  issue.changelog = { ...changelog, histories: [...changelog.histories, ...fresh] };
  return fresh.length;
}

export interface ChangelogRow {
  issueId: string;
  history: unknown;
}

/**
 * Histories read from a separate changelog table join their issue (by issue id) unless it already holds them.
 * Rows whose issue is in no issue table cannot be placed — a snapshot issue needs a key and fields — and are
 * reported, per issue id, rather than dropped silently.
 */
export function attachChangelogRows(issues: RestIssue[], rows: ChangelogRow[], notes: string[]): void {
  const byId = new Map(issues.map((issue) => [issue.id, issue]));
  const orphans = new Map<string, number>();
  let attached = 0;
  let alreadyPresent = 0;
  for (const row of rows) {
    const history = isRecord(row.history) ? toRestHistory(row.history) : undefined;
    if (!history) {
      notes.push(`A changelog row of issue ${row.issueId} has no history id or time and was skipped`);
      continue;
    }
    const issue = byId.get(row.issueId);
    if (!issue) {
      orphans.set(row.issueId, (orphans.get(row.issueId) ?? 0) + 1);
      continue;
    }
    if (addHistories(issue, [history]) === 1) attached += 1;
    else alreadyPresent += 1;
  }
  if (rows.length > 0) {
    notes.push(
      `${rows.length} changelog rows: ${attached} histories added to their issues, ${alreadyPresent} already embedded in the issue`,
    );
  }
  if (orphans.size > 0) {
    const total = [...orphans.values()].reduce((sum, count) => sum + count, 0);
    const detail = [...orphans].map(([issueId, count]) => `${issueId} (${count})`).join(', ');
    notes.push(
      `${total} changelog rows belong to issues absent from every issue table — ids ${detail} — and are left out: their keys and fields are unknown`,
    );
  }
}

/**
 * The agile API gives an issue's epic as `fields.epic` ({id, key, summary}); REST v3 gives it as `fields.parent`.
 * Where the issue has no parent, the epic becomes its parent, and `epic` stays as it was.
 */
export function parentFromAgileEpic(issue: RestIssue): boolean {
  const epic = issue.fields.epic;
  if (!isRecord(epic) || (issue.fields.parent !== undefined && issue.fields.parent !== null)) return false;
  const key = text(epic.key);
  const id = idText(epic.id);
  if (!key || !id) return false;
  issue.fields.parent = { id, key, fields: { ...(typeof epic.summary === 'string' ? { summary: epic.summary } : {}) } };
  return true;
}

export function commentList(issue: RestIssue): unknown[] {
  const comment = issue.fields.comment;
  return Array.isArray(comment) ? comment : isRecord(comment) ? list(comment.comments) : [];
}

function addComments(issue: RestIssue, comments: unknown[]): number {
  const current = issue.fields.comment;
  const known = records(commentList(issue));
  const ids = new Set(known.map((comment) => idText(comment.id)));
  const fresh: unknown[] = [];
  for (const comment of records(comments)) {
    const id = idText(comment.id);
    if (id === undefined || ids.has(id)) continue;
    ids.add(id);
    fresh.push(comment);
  }
  if (fresh.length === 0) return 0;
  issue.fields.comment = isRecord(current)
    ? { ...current, comments: [...known, ...fresh] }
    : { comments: [...known, ...fresh] };
  return fresh.length;
}

function updatedAt(issue: RestIssue): number {
  return parseJiraTime(issue.fields.updated) ?? Number.NEGATIVE_INFINITY;
}
