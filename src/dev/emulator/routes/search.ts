import { badRequest, JiraHttpError } from '../errors';
import { FieldSelection, renderIssue } from '../issues';
import { compileJql } from '../jql/compile';
import { JqlError } from '../jql/lexer';
import { parseJql, type JqlQuery } from '../jql/parser';
import { decodeToken, encodeToken, firstParam, intParam, listParam, splitList } from '../params';
import type { RestIssue } from '../../../jira/snapshot';
import type { Answer, RequestContext, Route } from '../route';
import type { Site } from '../site';

/** With only `id`/`key` requested a page holds up to 5000 issues; with anything heavier, 100. */
const SEARCH_PAGE_CAP_IDS = 5000;
const SEARCH_PAGE_CAP_FIELDS = 100;
const DEFAULT_MAX_RESULTS = 50;
const UNBOUNDED = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';
export const INVALID_PAYLOAD = 'Invalid request payload. Refer to the REST API documentation and try again.';
const SEARCH_BODY_KEYS = new Set([
  'expand',
  'fields',
  'fieldsByKeys',
  'jql',
  'maxResults',
  'nextPageToken',
  'properties',
  'reconcileIssues',
]);
const SEARCH_REMOVED =
  'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046';

interface SearchRequest {
  jql: string;
  nextPageToken?: string;
  maxResults: number;
  fields: string[];
  expand: string[];
}

/** JQL refusals are 400s in Jira's envelope. */
export function parseQuery(jql: string): JqlQuery {
  try {
    return parseJql(jql);
  } catch (error) {
    if (error instanceof JqlError) throw badRequest(error.message);
    throw error;
  }
}

export function compileQuery(query: JqlQuery, context: RequestContext) {
  try {
    return compileJql(query, { site: context.site, viewer: context.viewer, now: context.now });
  } catch (error) {
    if (error instanceof JqlError) throw badRequest(error.message);
    throw error;
  }
}

function fromQueryString(context: RequestContext): SearchRequest {
  const { query } = context;
  return {
    jql: firstParam(query, 'jql') ?? '',
    nextPageToken: firstParam(query, 'nextPageToken'),
    maxResults: intParam(query, 'maxResults', DEFAULT_MAX_RESULTS),
    fields: listParam(query, 'fields'),
    expand: listParam(query, 'expand'),
  };
}

function stringList(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) throw badRequest(INVALID_PAYLOAD);
  return splitList(value as string[]);
}

function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(INVALID_PAYLOAD);
  return value;
}

/** The POST form reads a `SearchAndReconcileRequestBean`; like Jira, it refuses properties the bean does not declare. */
function fromBody(context: RequestContext): SearchRequest {
  const body = context.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest(INVALID_PAYLOAD);
  const bean = body as Record<string, unknown>;
  if (Object.keys(bean).some((key) => !SEARCH_BODY_KEYS.has(key))) throw badRequest(INVALID_PAYLOAD);
  const maxResults = bean['maxResults'] ?? DEFAULT_MAX_RESULTS;
  const numeric = typeof maxResults === 'string' && /^-?\d+$/.test(maxResults.trim()) ? Number(maxResults) : maxResults;
  if (typeof numeric !== 'number' || !Number.isInteger(numeric)) throw badRequest(INVALID_PAYLOAD);
  return {
    jql: optionalString(bean['jql']) ?? '',
    nextPageToken: optionalString(bean['nextPageToken']),
    maxResults: numeric,
    fields: stringList(bean['fields']),
    expand: splitList([optionalString(bean['expand']) ?? '']),
  };
}

/**
 * The result set of a search, kept by the token that continues it, so that each next page is a slice rather than a
 * new filter-and-sort of the site (which made reading a 100k-issue site quadratic). A token not kept any more (a
 * resumed scan, an old token) runs the query again; the first page of a query always does, so a replaced snapshot
 * is seen from the next search on. One map per site, dropped with it.
 */
const CURSORS_PER_SITE = 256;
const cursors = new WeakMap<Site, Map<string, RestIssue[]>>();

function keptResults(site: Site): Map<string, RestIssue[]> {
  let kept = cursors.get(site);
  if (!kept) cursors.set(site, (kept = new Map<string, RestIssue[]>()));
  return kept;
}

function runQuery(context: RequestContext, jql: string): RestIssue[] {
  const query = parseQuery(jql);
  if (!query.where) throw badRequest(UNBOUNDED);
  const compiled = compileQuery(query, context);
  return context.site
    .visibleIssues(context.viewer, compiled.projectIds)
    .filter((issue) => compiled.matches(issue))
    .sort((a, b) => compiled.compare(a, b));
}

function search(context: RequestContext, request: SearchRequest): Answer {
  const offset = decodeToken(request.nextPageToken, request.jql);
  if (request.maxResults < 1 || request.maxResults > SEARCH_PAGE_CAP_IDS)
    throw badRequest('The maxResults parameter must be between 1 and 5,000.');
  const kept = keptResults(context.site);
  const viewer = context.viewer.user.accountId;
  const matching =
    (request.nextPageToken ? kept.get(`${viewer}\n${request.nextPageToken}`) : undefined) ??
    runQuery(context, request.jql);

  const selection = FieldSelection.parse(request.fields, ['id']);
  const expandChangelog = request.expand.includes('changelog');
  const cap = selection.onlyIdOrKey && !expandChangelog ? SEARCH_PAGE_CAP_IDS : SEARCH_PAGE_CAP_FIELDS;
  const page = matching.slice(offset, offset + Math.min(request.maxResults, cap));
  const rendered = page.map((issue) =>
    renderIssue(issue, context.site, {
      selection,
      expandChangelog,
      selfLink: (target) => `${context.origin}/rest/api/3/issue/${target.id}`,
    }),
  );
  const next = offset + page.length;
  const isLast = next >= matching.length;
  const body: Record<string, unknown> = { issues: rendered.map(({ json }) => json), isLast };
  if (!isLast) {
    const token = encodeToken(next, request.jql);
    body['nextPageToken'] = token;
    kept.set(`${viewer}\n${token}`, matching);
    if (kept.size > CURSORS_PER_SITE) kept.delete(kept.keys().next().value as string);
  }
  return { body, objects: rendered.reduce((sum, { objects }) => sum + objects, 0) };
}

/** `countIssues`: a `JQLCountRequestBean` (only `jql`), answered `{ count }`, one object's worth of points. */
function countIssues(context: RequestContext): Answer {
  const body = context.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest(INVALID_PAYLOAD);
  const bean = body as Record<string, unknown>;
  if (Object.keys(bean).some((key) => key !== 'jql')) throw badRequest(INVALID_PAYLOAD);
  return { body: { count: runQuery(context, optionalString(bean['jql']) ?? '').length }, objects: 0 };
}

function searchRemoved(): never {
  throw new JiraHttpError(410, [SEARCH_REMOVED]);
}

export const searchRoutes: Route[] = [
  { method: 'GET', url: '/rest/api/3/search/jql', handle: (context) => search(context, fromQueryString(context)) },
  { method: 'POST', url: '/rest/api/3/search/jql', handle: (context) => search(context, fromBody(context)) },
  { method: 'POST', url: '/rest/api/3/search/approximate-count', handle: countIssues },
  { method: 'GET', url: '/rest/api/3/search', handle: searchRemoved },
  { method: 'POST', url: '/rest/api/3/search', handle: searchRemoved },
];
