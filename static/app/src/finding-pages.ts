import type { Finding, FindingPage, FindingQuery } from '../../../src/resolvers/api';
import { MAX_FINDINGS_PAGE } from '../../../src/resolvers/findings-query';
import type { ResolverError, ResolverResponse } from '../../../src/resolvers/response';

/**
 * A list of findings read from getFindings page by page: those loaded so far, in the server's order, and how many
 * match in all (unknown until the first page answers).
 */
export interface PagedFindings {
  findings: Finding[];
  total: number | undefined;
  status: 'idle' | 'loading' | 'failed';
  error?: ResolverError;
}

export const UNREAD: PagedFindings = { findings: [], total: undefined, status: 'idle' };

/** One string per query, whatever the order its fields were set in. */
export function queryKey(query: FindingQuery): string {
  return JSON.stringify(Object.entries(query).sort(([a], [b]) => a.localeCompare(b)));
}

export function isComplete(list: PagedFindings): boolean {
  return list.total !== undefined && list.findings.length >= list.total;
}

/**
 * The list with a page added at its offset. A finding already listed is not listed twice: when the audit behind
 * the view changes between two pages, offsets shift and a page can repeat the end of the one before.
 */
export function withPage(list: PagedFindings, page: FindingPage): PagedFindings {
  const kept = list.findings.slice(0, page.offset);
  const seen = new Set(kept.map((finding) => finding.id));
  return {
    findings: [...kept, ...page.findings.filter((finding) => !seen.has(finding.id))],
    total: page.total,
    status: 'idle',
  };
}

export type PageReader = (offset: number, limit: number) => Promise<ResolverResponse<FindingPage>>;

/**
 * Every finding of a list, reading what is not loaded yet in pages of MAX_FINDINGS_PAGE, so an export is never
 * silently partial: the first failed page fails the whole read. `onPage` hears how far the read has got.
 */
export async function readAll(
  list: PagedFindings,
  read: PageReader,
  onPage?: (loaded: number, total: number) => void,
): Promise<ResolverResponse<Finding[]>> {
  let current = list;
  while (!isComplete(current)) {
    const response = await read(current.findings.length, MAX_FINDINGS_PAGE);
    if (!response.ok) return response;
    const next = withPage(current, response.data);
    // A page that adds nothing means the matching findings shrank under the read: what is listed is all there is.
    if (next.findings.length <= current.findings.length)
      return { ok: true, data: next.findings.slice(0, response.data.total) };
    current = next;
    onPage?.(current.findings.length, response.data.total);
  }
  return { ok: true, data: current.findings };
}
