import { useCallback, useEffect, useRef, useState } from 'react';
import type { Finding, FindingQuery, RoadmapView } from '../../../src/resolvers/api';
import type { ResolverResponse } from '../../../src/resolvers/response';
import { call } from './api';
import { isComplete, queryKey, readAll, UNREAD, withPage, type PagedFindings } from './finding-pages';

export interface FindingPages {
  /** The findings of the current query loaded so far. */
  list: PagedFindings;
  /** Loads the next page of the current query, or again the one that failed. */
  more: () => void;
  /** Every finding of the current query, reading the pages not loaded yet. */
  readAll: (onPage?: (loaded: number, total: number) => void) => Promise<ResolverResponse<Finding[]>>;
}

interface Loaded {
  view: RoadmapView;
  /** A list per query asked for, so clearing a filter shows again what was loaded without it. */
  lists: Record<string, PagedFindings>;
}

const fresh = (view: RoadmapView): Loaded => ({
  view,
  lists: { [queryKey({})]: { findings: view.findings, total: view.findingPage.total, status: 'idle' } },
});

/**
 * The roadmap view's findings for a query, read from getFindings a page at a time, when the view did not bring
 * them all (a big site's global page). Undefined when it did: the page then filters in the browser as it always has.
 */
export function useFindingPages(view: RoadmapView, query: FindingQuery): FindingPages | undefined {
  const paged = view.findingPage.total > view.findings.length;
  const key = queryKey(query);
  const [stored, setStored] = useState(() => fresh(view));
  // A refreshed view starts over: offsets into the old one mean nothing in it.
  const loaded = stored.view === view ? stored : fresh(view);
  if (loaded !== stored) setStored(loaded);
  const list = loaded.lists[key] ?? UNREAD;
  // Pages asked for and not answered yet, per view: a refreshed view asks again whatever the old one was waiting for.
  const inFlight = useRef(new WeakMap<RoadmapView, Set<string>>());

  const readPage = useCallback(
    (pageQuery: FindingQuery, offset: number, limit: number) =>
      call('getFindings', { scope: view.scope, query: pageQuery, offset, limit }),
    [view.scope],
  );

  const load = useCallback(
    (pageQuery: FindingQuery, offset: number) => {
      const listKey = queryKey(pageQuery);
      const request = `${listKey}@${offset}`;
      const requests = inFlight.current.get(view) ?? new Set<string>();
      inFlight.current.set(view, requests);
      if (requests.has(request)) return;
      requests.add(request);
      const update = (change: (current: PagedFindings) => PagedFindings) =>
        setStored((current) =>
          current.view !== view
            ? current
            : { ...current, lists: { ...current.lists, [listKey]: change(current.lists[listKey] ?? UNREAD) } },
        );
      update((current) => ({ ...current, status: 'loading' }));
      void readPage(pageQuery, offset, view.findingPage.pageSize).then((response) => {
        requests.delete(request);
        if (response.ok) update((current) => withPage(current, response.data));
        else update((current) => ({ ...current, status: 'failed', error: response.error }));
      });
    },
    [view, readPage],
  );

  useEffect(() => {
    if (paged && loaded.lists[key] === undefined) load(query, 0);
    // The query object is new on every render; its key says when it changed.
  }, [paged, key, loaded, load]);

  if (!paged) return undefined;
  return {
    list,
    more: () => {
      if (list.status !== 'loading' && !isComplete(list)) load(query, list.findings.length);
    },
    readAll: (onPage) => readAll(list, (offset, limit) => readPage(query, offset, limit), onPage),
  };
}
