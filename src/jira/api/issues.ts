import type { JiraClient } from '../client';
import type { RestComment, RestHistory, RestIssue } from '../snapshot';
import { parseJiraTime } from '../dates';
import { readAllOffsetPages, readAllTokenPages } from './paging';

/** search/jql answers at most this many issues a page once any field beyond id/key is asked for. */
export const SEARCH_PAGE_WITH_FIELDS = 100;
const SEARCH_PAGE_IDS_ONLY = 5000;
/** bulkfetch takes up to 1000 issues a request and answers up to 10000 histories a page. */
export const BULKFETCH_MAX_ISSUES = 1000;
export const BULKFETCH_MAX_HISTORIES = 10_000;
const BULKFETCH_MAX_FIELD_IDS = 10;

interface SearchPage {
  issues?: RestIssue[];
  nextPageToken?: string | null;
  isLast?: boolean;
}

/**
 * Issues matching a JQL query through `/rest/api/3/search/jql` (the old `/search` answers 410). Only the fields
 * asked for come back; each page is handed over as it arrives so callers can stream large sites.
 */
export async function searchIssues(
  client: JiraClient,
  jql: string,
  fields: string[],
  onPage: (issues: RestIssue[]) => void | Promise<void>,
): Promise<void> {
  await readAllTokenPages<SearchPage>(
    (nextPageToken) => searchIssuesPage(client, jql, fields, nextPageToken),
    (page) => onPage(page.issues ?? []),
    `search "${jql}"`,
  );
}

/** One page of a search from a position, for readers that stop between pages and resume later. */
export async function searchIssuesPage(
  client: JiraClient,
  jql: string,
  fields: string[],
  nextPageToken?: string,
): Promise<{ issues: RestIssue[]; nextPageToken?: string }> {
  const idsOnly = fields.every((field) => field === 'id' || field === 'key');
  const maxResults = idsOnly ? SEARCH_PAGE_IDS_ONLY : SEARCH_PAGE_WITH_FIELDS;
  const { body } = await client.post<SearchPage>(
    '/rest/api/3/search/jql',
    { jql, fields, maxResults, ...(nextPageToken ? { nextPageToken } : {}) },
    { countObjects: countSearchObjects },
  );
  const next = body?.nextPageToken ?? undefined;
  return { issues: Array.isArray(body?.issues) ? body.issues : [], ...(next ? { nextPageToken: next } : {}) };
}

/** About how many issues a JQL query matches (Jira's estimate: recent changes may be missing), in one request. */
export async function countIssues(client: JiraClient, jql: string): Promise<number | undefined> {
  const { body } = await client.post<{ count?: unknown }>('/rest/api/3/search/approximate-count', { jql });
  return typeof body?.count === 'number' ? body.count : undefined;
}

/** The first issue a JQL query matches, with these fields only: one object, one point. */
export async function firstIssue(client: JiraClient, jql: string, fields: string[]): Promise<RestIssue | undefined> {
  const { body } = await client.post<SearchPage>(
    '/rest/api/3/search/jql',
    { jql, fields, maxResults: 1 },
    { countObjects: countSearchObjects },
  );
  return body?.issues?.[0];
}

/** Points are charged per object returned: each issue and what it embeds (comments, histories). */
function countSearchObjects(page: SearchPage): number {
  let objects = 0;
  for (const issue of page?.issues ?? []) {
    const comments = (issue.fields?.comment as { comments?: unknown[] } | undefined)?.comments;
    objects += 1 + (Array.isArray(comments) ? comments.length : 0) + (issue.changelog?.histories?.length ?? 0);
  }
  return objects;
}

interface BulkChangelogPage {
  issueChangeLogs?: Array<{ issueId?: string; changeHistories?: RestHistory[] }>;
  nextPageToken?: string | null;
}

/**
 * Full change histories of many issues through `POST /rest/api/3/changelog/bulkfetch` — unlike
 * `expand=changelog`, which stops at 40. Returns histories by issue id, oldest first.
 */
export async function bulkFetchChangelogs(
  client: JiraClient,
  issueIds: string[],
  options: { fieldIds?: string[] } = {},
): Promise<Map<string, RestHistory[]>> {
  if (options.fieldIds && options.fieldIds.length > BULKFETCH_MAX_FIELD_IDS) {
    throw new Error(
      `bulkfetch filters by at most ${BULKFETCH_MAX_FIELD_IDS} field ids, got ${options.fieldIds.length}`,
    );
  }
  const byIssue = new Map<string, RestHistory[]>();
  const batches: string[][] = [];
  for (let index = 0; index < issueIds.length; index += BULKFETCH_MAX_ISSUES)
    batches.push(issueIds.slice(index, index + BULKFETCH_MAX_ISSUES));
  await Promise.all(
    batches.map((batch) =>
      readAllTokenPages<BulkChangelogPage>(
        async (nextPageToken) =>
          (
            await client.post<BulkChangelogPage>(
              '/rest/api/3/changelog/bulkfetch',
              {
                issueIdsOrKeys: batch,
                maxResults: BULKFETCH_MAX_HISTORIES,
                ...(options.fieldIds && options.fieldIds.length > 0 ? { fieldIds: options.fieldIds } : {}),
                ...(nextPageToken ? { nextPageToken } : {}),
              },
              { countObjects: countBulkHistories },
            )
          ).body,
        (page) => {
          for (const entry of page?.issueChangeLogs ?? []) {
            if (!entry.issueId) continue;
            const list = byIssue.get(entry.issueId) ?? [];
            list.push(...(entry.changeHistories ?? []));
            byIssue.set(entry.issueId, list);
          }
        },
        'changelog bulkfetch',
      ),
    ),
  );
  for (const [issueId, histories] of byIssue) byIssue.set(issueId, dedupeAndSortHistories(histories));
  return byIssue;
}

function countBulkHistories(page: BulkChangelogPage): number {
  return (page?.issueChangeLogs ?? []).reduce((sum, entry) => sum + (entry.changeHistories?.length ?? 0), 0);
}

export function dedupeAndSortHistories(histories: RestHistory[]): RestHistory[] {
  const byId = new Map<string, RestHistory>();
  for (const history of histories) byId.set(String(history.id), history);
  return [...byId.values()].sort((a, b) => historyTime(a) - historyTime(b) || Number(a.id) - Number(b.id));
}

function historyTime(history: RestHistory): number {
  return parseJiraTime(history.created) ?? 0;
}

/** One issue's full changelog, a page of up to 100 at a time: what a naive reader does for every issue. */
export async function getIssueChangelog(client: JiraClient, issueKey: string): Promise<RestHistory[]> {
  return readAllOffsetPages<RestHistory>(
    client,
    `/rest/api/3/issue/${encodeURIComponent(issueKey)}/changelog`,
    {},
    100,
  );
}

interface CommentPage {
  comments?: RestComment[];
  startAt?: number;
  total?: number;
}

/** All comments of one issue, oldest first. */
export async function getIssueComments(client: JiraClient, issueKey: string): Promise<RestComment[]> {
  const all: RestComment[] = [];
  for (let startAt = 0; ;) {
    const page = await getIssueCommentPage(client, issueKey, startAt, 100);
    all.push(...page.comments);
    startAt += page.comments.length;
    if (page.comments.length === 0 || startAt >= page.total) return all;
  }
}

/** `POST /rest/api/3/issue/bulkfetch` takes at most this many issues a request. */
export const ISSUE_BULKFETCH_MAX = 100;

/**
 * Which of the given issues (keys, at most `ISSUE_BULKFETCH_MAX`) the client's user may see, in one request: Jira
 * answers those they may see (project permission and issue security alike) and leaves the rest out silently.
 */
export async function visibleIssueKeys(client: JiraClient, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length > ISSUE_BULKFETCH_MAX)
    throw new RangeError(`issue/bulkfetch takes at most ${ISSUE_BULKFETCH_MAX} issues, got ${keys.length}`);
  if (keys.length === 0) return new Set();
  const { body } = await client.post<{ issues?: RestIssue[] }>(
    '/rest/api/3/issue/bulkfetch',
    // One small field: Jira's default would be every navigable field of every issue.
    { issueIdsOrKeys: keys, fields: ['security'] },
    { countObjects: (answer) => answer?.issues?.length ?? 0 },
  );
  const asked = new Map(keys.map((key) => [key.toUpperCase(), key]));
  return new Set(
    (Array.isArray(body?.issues) ? body.issues : []).flatMap((issue) => {
      const key = typeof issue?.key === 'string' ? asked.get(issue.key.toUpperCase()) : undefined;
      return key === undefined ? [] : [key];
    }),
  );
}

/** One page of an issue's comments, oldest first, with how many it has in all. */
export async function getIssueCommentPage(
  client: JiraClient,
  issueKey: string,
  startAt: number,
  maxResults: number,
): Promise<{ comments: RestComment[]; total: number }> {
  const { body } = await client.get<CommentPage>(`/rest/api/3/issue/${encodeURIComponent(issueKey)}/comment`, {
    startAt,
    maxResults,
    orderBy: 'created',
  });
  return { comments: Array.isArray(body?.comments) ? body.comments : [], total: body?.total ?? 0 };
}

/** One issue with the fields asked for, as the client's user may see it: Jira answers 404 when they may not. */
export async function getIssue(client: JiraClient, issueIdOrKey: string, fields: string[]): Promise<RestIssue> {
  const { body } = await client.get<RestIssue>(`/rest/api/3/issue/${encodeURIComponent(issueIdOrKey)}`, {
    fields: fields.join(','),
  });
  return body;
}
