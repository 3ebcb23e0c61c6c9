import { isMatch } from 'date-fns';
import type { RestChangeItem, RestHistory, RestIssue, RestUser, SiteSnapshot } from '../../jira/snapshot';

/** What `POST /__preview/edit` accepts: an issue and the fields to change; `by` is the account id of the editor. */
export interface PreviewEdit {
  issueKey: string;
  summary?: string;
  /** `YYYY-MM-DD`, or null to clear the due date. */
  duedate?: string | null;
  by?: string;
}

export type EditOutcome =
  | { ok: true; snapshot: SiteSnapshot; issueKey: string; changed: string[]; updated: string; by: string }
  | { ok: false; message: string };

/** The JSON body of an edit request, checked; a message says what is wrong. */
export function parseEdit(body: unknown): PreviewEdit | { error: string } {
  if (typeof body !== 'object' || body === null)
    return { error: 'Send a JSON object: {"issueKey": "PAY-184", "summary": "…", "duedate": "2026-12-04" | null}' };
  const record = body as Record<string, unknown>;
  if (typeof record.issueKey !== 'string' || record.issueKey === '')
    return { error: 'issueKey must name an issue, e.g. "PAY-184"' };
  const edit: PreviewEdit = { issueKey: record.issueKey };
  if ('summary' in record) {
    if (typeof record.summary !== 'string' || record.summary.trim() === '')
      return { error: 'summary must be a non-empty string' };
    edit.summary = record.summary;
  }
  if ('duedate' in record) {
    if (record.duedate !== null && (typeof record.duedate !== 'string' || !isMatch(record.duedate, 'yyyy-MM-dd')))
      return { error: 'duedate must be YYYY-MM-DD or null' };
    edit.duedate = record.duedate;
  }
  if ('by' in record) {
    if (typeof record.by !== 'string') return { error: 'by must be the account id of a user of the site' };
    edit.by = record.by;
  }
  if (edit.summary === undefined && !('duedate' in edit))
    return { error: 'Say what to change: summary and/or duedate' };
  return edit;
}

/**
 * The site after the edit, as Jira would record it: the fields changed, `updated` stamped with the site's clock and
 * one changelog history by the editor listing what changed. A field set to the value it has is left out.
 */
export function applyEdit(snapshot: SiteSnapshot, edit: PreviewEdit, at: Date, defaultEditor: string): EditOutcome {
  const issue = snapshot.issues.find((candidate) => candidate.key === edit.issueKey);
  if (!issue) return { ok: false, message: `The site has no issue ${edit.issueKey}` };
  const editorId = edit.by ?? defaultEditor;
  const editor = snapshot.users.find((user) => user.accountId === editorId);
  if (!editor) return { ok: false, message: `The site has no user ${editorId}` };

  const items: RestChangeItem[] = [];
  const fields = { ...issue.fields };
  if (edit.summary !== undefined && edit.summary !== issue.fields.summary) {
    items.push({
      field: 'summary',
      fieldtype: 'jira',
      fieldId: 'summary',
      from: null,
      fromString: stringOrNull(issue.fields.summary),
      to: null,
      toString: edit.summary,
    });
    fields.summary = edit.summary;
  }
  if (edit.duedate !== undefined && edit.duedate !== (issue.fields.duedate ?? null)) {
    const before = stringOrNull(issue.fields.duedate);
    items.push({
      field: 'duedate',
      fieldtype: 'jira',
      fieldId: 'duedate',
      from: before,
      fromString: before,
      to: edit.duedate,
      toString: edit.duedate,
    });
    fields.duedate = edit.duedate;
  }
  if (items.length === 0) return { ok: false, message: `${edit.issueKey} already has these values: nothing to change` };

  const updated = at.toISOString();
  fields.updated = updated;
  const history: RestHistory = {
    id: String(nextHistoryId(snapshot)),
    author: authorOf(editor),
    created: updated,
    items,
  };
  const histories = [...(issue.changelog?.histories ?? []), history];
  const edited: RestIssue = {
    ...issue,
    fields,
    changelog: { ...issue.changelog, startAt: 0, maxResults: histories.length, total: histories.length, histories },
  };
  return {
    ok: true,
    snapshot: { ...snapshot, issues: snapshot.issues.map((candidate) => (candidate === issue ? edited : candidate)) },
    issueKey: issue.key,
    changed: items.map((item) => item.field),
    updated,
    by: editor.displayName ?? editor.accountId,
  };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function authorOf(user: RestUser): RestUser {
  return {
    accountId: user.accountId,
    accountType: user.accountType ?? 'atlassian',
    active: true,
    ...(user.displayName ? { displayName: user.displayName } : {}),
  };
}

function nextHistoryId(snapshot: SiteSnapshot): number {
  let highest = 0;
  for (const issue of snapshot.issues)
    for (const history of issue.changelog?.histories ?? []) highest = Math.max(highest, Number(history.id) || 0);
  return highest + 1;
}
