import type { RestHistory, RestIssue } from '../../../jira/snapshot';
import { badRequest, ISSUE_NOT_FOUND, notFound } from '../errors';
import { FieldSelection, renderIssue } from '../issues';
import { decodeToken, encodeToken, firstParam, listParam, offsetPage, pageBean } from '../params';
import type { Answer, RequestContext, Route } from '../route';
import { commentsOldestFirst, historiesOldestFirst, instant, issueComments } from '../site';
import { INVALID_PAYLOAD } from './search';

const BULK_ISSUE_LIMIT = 1000;
const BULK_FIELD_LIMIT = 10;
const BULK_MAX_RESULTS_LIMIT = 10000;
const BULK_DEFAULT_MAX_RESULTS = 1000;
const BULK_BODY_KEYS = new Set(['issueIdsOrKeys', 'fieldIds', 'maxResults', 'nextPageToken']);
const PAGE_CAP = 100;

function visibleIssue(context: RequestContext): RestIssue {
  const issue = context.site.visibleIssue(context.viewer, context.params['issueIdOrKey'] ?? '');
  if (!issue) throw notFound(ISSUE_NOT_FOUND);
  return issue;
}

/** One issue with the fields asked for (all by default): a 404 when it is not there or the caller may not see it. */
function getIssue(context: RequestContext): Answer {
  const { json, objects } = renderIssue(visibleIssue(context), context.site, {
    selection: FieldSelection.parse(listParam(context.query, 'fields'), ['*all']),
    expandChangelog: false,
    selfLink: (target) => `${context.origin}/rest/api/3/issue/${target.id}`,
  });
  return { body: json, objects };
}

const ISSUE_BULK_LIMIT = 100;
const ISSUE_BULK_BODY_KEYS = new Set(['expand', 'fields', 'fieldsByKeys', 'issueIdsOrKeys', 'properties']);

/**
 * Up to 100 issues by id or key, in ascending id order; those that do not exist or the caller may not see are left
 * out silently (`issueErrors` is for retriable failures only, none here), as Jira's `POST /issue/bulkfetch` does.
 */
function bulkIssues(context: RequestContext): Answer {
  const body = context.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest(INVALID_PAYLOAD);
  const bean = body as Record<string, unknown>;
  if (Object.keys(bean).some((key) => !ISSUE_BULK_BODY_KEYS.has(key))) throw badRequest(INVALID_PAYLOAD);
  const references = stringArray(bean['issueIdsOrKeys'] ?? [], 'issueIdsOrKeys');
  if (references.length < 1 || references.length > ISSUE_BULK_LIMIT)
    throw badRequest(`'issueIdsOrKeys' must hold between 1 and ${ISSUE_BULK_LIMIT} issue ids or keys.`);
  const selection = FieldSelection.parse(bean['fields'] === undefined ? [] : stringArray(bean['fields'], 'fields'), [
    '*navigable',
  ]);
  const issues = new Map<string, RestIssue>();
  for (const reference of references) {
    const issue = context.site.visibleIssue(context.viewer, reference);
    if (issue) issues.set(issue.id, issue);
  }
  const rendered = [...issues.values()]
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((issue) =>
      renderIssue(issue, context.site, {
        selection,
        expandChangelog: false,
        selfLink: (target) => `${context.origin}/rest/api/3/issue/${target.id}`,
      }),
    );
  return {
    body: { issues: rendered.map(({ json }) => json), issueErrors: [] },
    objects: rendered.reduce((sum, { objects }) => sum + objects, 0),
  };
}

function issueChangelog(context: RequestContext): Answer {
  const histories = historiesOldestFirst(visibleIssue(context).changelog?.histories ?? []);
  const page = pageBean(histories, offsetPage(context.query, { defaultMax: PAGE_CAP, cap: PAGE_CAP }), context.url);
  return { body: page, objects: page.values.length };
}

/** `orderBy` accepts `created` with one optional sign, case and surrounding spaces ignored (a `+` may arrive as a space). */
function commentsDescending(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  const trimmed = raw.trim();
  const descending = trimmed.startsWith('-');
  const field = trimmed.replace(/^[+-]/, '').trim();
  if (field.toLowerCase() !== 'created')
    throw badRequest(`The field to order by must be one of [created]. Instead: ${field}`);
  return descending;
}

function issueCommentPage(context: RequestContext): Answer {
  const comments = commentsOldestFirst(issueComments(visibleIssue(context)));
  const ordered = commentsDescending(firstParam(context.query, 'orderBy')) ? comments.reverse() : comments;
  const { startAt, maxResults } = offsetPage(context.query, { defaultMax: PAGE_CAP, cap: PAGE_CAP, floor: 1 });
  const page = ordered.slice(startAt, startAt + maxResults);
  return { body: { startAt, maxResults, total: ordered.length, comments: page }, objects: page.length };
}

interface BulkRequest {
  issueIdsOrKeys: string[];
  fieldIds?: string[];
  maxResults: number;
  nextPageToken?: string;
}

function stringArray(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string'))
    throw badRequest(`'${name}' must be a list of strings.`);
  return value as string[];
}

function bulkRequest(body: unknown): BulkRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest(INVALID_PAYLOAD);
  const bean = body as Record<string, unknown>;
  if (Object.keys(bean).some((key) => !BULK_BODY_KEYS.has(key))) throw badRequest(INVALID_PAYLOAD);
  const issueIdsOrKeys = stringArray(bean['issueIdsOrKeys'] ?? [], 'issueIdsOrKeys');
  if (issueIdsOrKeys.length < 1 || issueIdsOrKeys.length > BULK_ISSUE_LIMIT) {
    throw badRequest(`'issueIdsOrKeys' must hold between 1 and ${BULK_ISSUE_LIMIT} issue ids or keys.`);
  }
  const fieldIds = bean['fieldIds'] === undefined ? undefined : stringArray(bean['fieldIds'], 'fieldIds');
  if (fieldIds && fieldIds.length > BULK_FIELD_LIMIT)
    throw badRequest(`'fieldIds' may hold at most ${BULK_FIELD_LIMIT} field ids.`);
  const maxResults = bean['maxResults'] ?? BULK_DEFAULT_MAX_RESULTS;
  if (
    typeof maxResults !== 'number' ||
    !Number.isInteger(maxResults) ||
    maxResults < 1 ||
    maxResults > BULK_MAX_RESULTS_LIMIT
  ) {
    throw badRequest(`'maxResults' must be between 1 and ${BULK_MAX_RESULTS_LIMIT}.`);
  }
  const token = bean['nextPageToken'] ?? undefined;
  if (token !== undefined && typeof token !== 'string') throw badRequest(INVALID_PAYLOAD);
  return { issueIdsOrKeys, fieldIds, maxResults, nextPageToken: token };
}

interface Entry {
  issueId: string;
  history: RestHistory;
  at: number;
}

/** Histories keep only the items of the requested fields; a history left with none is dropped. */
function withFields(history: RestHistory, fieldIds: ReadonlySet<string> | undefined): RestHistory | undefined {
  if (!fieldIds) return history;
  const items = history.items.filter((item) => fieldIds.has(item.fieldId ?? item.field));
  return items.length > 0 ? { ...history, items } : undefined;
}

/** All histories of the visible issues requested, oldest first, then by issue id, paged by history. */
function bulkChangelogs(context: RequestContext): Answer {
  const request = bulkRequest(context.body);
  const fingerprint = JSON.stringify([request.issueIdsOrKeys, request.fieldIds ?? null]);
  const offset = decodeToken(request.nextPageToken, fingerprint);
  const fieldIds = request.fieldIds ? new Set(request.fieldIds) : undefined;
  const issues = new Map<string, RestIssue>();
  for (const reference of request.issueIdsOrKeys) {
    const issue = context.site.visibleIssue(context.viewer, reference);
    if (issue) issues.set(issue.id, issue);
  }
  const entries: Entry[] = [...issues.values()].flatMap((issue) =>
    (issue.changelog?.histories ?? []).flatMap((history) => {
      const kept = withFields(history, fieldIds);
      return kept ? [{ issueId: issue.id, history: kept, at: instant(history.created) ?? 0 }] : [];
    }),
  );
  entries.sort(
    (a, b) => a.at - b.at || Number(a.issueId) - Number(b.issueId) || Number(a.history.id) - Number(b.history.id),
  );

  const page = entries.slice(offset, offset + request.maxResults);
  const grouped = new Map<string, RestHistory[]>();
  for (const { issueId, history } of page) grouped.set(issueId, [...(grouped.get(issueId) ?? []), history]);
  const body: Record<string, unknown> = {
    issueChangeLogs: [...grouped].map(([issueId, changeHistories]) => ({ issueId, changeHistories })),
  };
  const next = offset + page.length;
  if (next < entries.length) body['nextPageToken'] = encodeToken(next, fingerprint);
  return { body, objects: page.length };
}

export const changelogRoutes: Route[] = [
  { method: 'GET', url: '/rest/api/3/issue/:issueIdOrKey', handle: getIssue },
  { method: 'POST', url: '/rest/api/3/issue/bulkfetch', handle: bulkIssues },
  { method: 'GET', url: '/rest/api/3/issue/:issueIdOrKey/changelog', handle: issueChangelog },
  { method: 'GET', url: '/rest/api/3/issue/:issueIdOrKey/comment', handle: issueCommentPage },
  { method: 'POST', url: '/rest/api/3/changelog/bulkfetch', handle: bulkChangelogs },
];
