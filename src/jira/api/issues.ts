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
    const { body } = await client.get<CommentPage>(`/rest/api/3/issue/${encodeURIComponent(issueKey)}/comment`, {
      startAt,
      maxResults: 100,
      orderBy: 'created',
    });
    const comments = Array.isArray(body?.comments) ? body.comments : [];
    all.push(...comments);
    startAt += comments.length;
    if (comments.length === 0 || startAt >= (body.total ?? 0)) return all;
  }
}
