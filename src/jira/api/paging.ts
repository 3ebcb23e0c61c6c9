import type { JiraClient } from '../client';
import type { JiraRequest } from '../transport';

/** The offset-paged list shape Jira uses for most collections (PageBean, agile lists). */
export interface OffsetPage<T> {
  values?: T[];
  startAt?: number;
  maxResults?: number;
  total?: number;
  isLast?: boolean;
}

export class PagingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PagingError';
  }
}

/**
 * Reads every page of an offset-paged list. Stops on `isLast`, on an empty page, or once `total` is reached —
 * whichever Jira gives — and moves on by what actually came back, since Jira may cap `maxResults` below the ask.
 */
export async function readAllOffsetPages<T>(
  client: JiraClient,
  path: string,
  query: JiraRequest['query'] = {},
  pageSize = 50,
): Promise<T[]> {
  const all: T[] = [];
  for (let startAt = 0; ;) {
    const { body } = await client.get<OffsetPage<T>>(path, { ...query, startAt, maxResults: pageSize });
    const values = Array.isArray(body?.values) ? body.values : [];
    all.push(...values);
    startAt += values.length;
    if (values.length === 0 || body.isLast === true) return all;
    if (body.isLast === undefined && typeof body.total === 'number' && startAt >= body.total) return all;
  }
}

/**
 * Follows `nextPageToken` until Jira leaves it out. A token seen twice would loop for ever, so it ends the read
 * with an error that says so rather than spinning through the rate-limit budget.
 */
export async function readAllTokenPages<P extends { nextPageToken?: string | null }>(
  fetchPage: (token: string | undefined) => Promise<P>,
  onPage: (page: P) => void | Promise<void>,
  what: string,
): Promise<void> {
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const page = await fetchPage(token);
    await onPage(page);
    const next = page?.nextPageToken ?? undefined;
    if (!next) return;
    if (seen.has(next))
      throw new PagingError(`${what}: Jira returned the same nextPageToken twice; stopped to avoid an endless read`);
    seen.add(next);
    token = next;
  }
}
