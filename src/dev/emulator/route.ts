import type { QueryParams } from './params';
import type { Site, Viewer } from './site';

/** Everything a handler may read about one authenticated request. */
export interface RequestContext {
  site: Site;
  viewer: Viewer;
  /** The emulator's own origin, for the links Jira builds (`self`, `nextPage`, role URLs). */
  origin: string;
  /** The full request URL, for `self`/`nextPage` of paged answers. */
  url: URL;
  /** The site's clock in epoch milliseconds: snapshot time plus the time the emulator has been running. */
  now: number;
  params: Record<string, string>;
  query: QueryParams;
  body: unknown;
}

/** A handler's answer: its JSON body and how many objects it returns (what the points model charges for). */
export interface Answer {
  status?: number;
  body: unknown;
  objects: number;
}

export interface Route {
  method: 'GET' | 'POST';
  /** A fastify path pattern, e.g. `/rest/api/3/project/:projectIdOrKey/role`. */
  url: string;
  handle(context: RequestContext): Answer;
}
