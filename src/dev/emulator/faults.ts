/**
 * Scripted faults, for tests of how a reader copes with what real sites and the network do now and then: bursts
 * of 429 with Retry-After, 5xx, connections that hang, bodies that are not JSON, a search whose nextPageToken does
 * not move on, a project deleted while it is being read. A rule picks requests (method, path, any condition) and
 * says what happens to the next N of them; with no rule the emulator answers as always.
 */
import type { SiteSnapshot } from '../../jira/snapshot';
import type { QueryParams } from './params';

export type Fault =
  /** 429 with `Retry-After`, as the points budget or a burst limit answers. */
  | { kind: 'throttle'; retryAfterSeconds: number }
  /** Jira's 500 or the gateway's 502/503/504, optionally with `Retry-After`. */
  | { kind: 'status'; status: 500 | 502 | 503 | 504; retryAfterSeconds?: number }
  /** A refusal in Jira's error envelope, as for a page token Jira no longer takes or a query it rejects. */
  | { kind: 'refuse'; status: 400 | 404; message: string }
  /** The connection is accepted and nothing is ever sent (until the emulator closes). */
  | { kind: 'hang' }
  /** Status and headers are sent with the first half of the body; the rest never comes. */
  | { kind: 'stall' }
  /** The real answer, after this long. */
  | { kind: 'delay'; ms: number }
  /** 200 with a JSON content type and a body that is not JSON. */
  | { kind: 'invalid-json' }
  /** 200 with the real answer cut off half way. */
  | { kind: 'truncated-json' }
  /** 200 with an HTML page, as a proxy or a maintenance page answers. */
  | { kind: 'html' }
  /** A paged answer whose `nextPageToken` is the one the request sent, so paging never moves on. */
  | { kind: 'repeat-page-token' }
  /** The project (issues, roles, boards, sprints) is deleted just before the request is answered. */
  | { kind: 'remove-project'; projectKey: string };

/** What a rule's condition sees of a request. */
export interface FaultRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  query: QueryParams;
  body: unknown;
}

export interface FaultRule {
  method?: 'GET' | 'POST';
  /** The request path: equal to a string, or matching a regular expression. */
  path?: string | RegExp;
  when?: (request: FaultRequest) => boolean;
  /** Matching requests answered normally before the first fault; 0 by default. */
  skip?: number;
  /** How many matching requests the fault hits; every one, until removed, by default. */
  times?: number;
  fault: Fault;
}

export interface FaultHandle {
  /** Requests this rule has hit so far. */
  readonly hits: number;
  remove(): void;
}

export interface FaultScript {
  add(rule: FaultRule): FaultHandle;
  /** Removes every rule. */
  clear(): void;
}

interface ActiveRule {
  rule: FaultRule;
  matched: number;
  hits: number;
}

/** The rules in force; the first rule that matches a request and still has hits left decides its fault. */
export class Faults implements FaultScript {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): FaultHandle {
    checkRule(rule);
    const active: ActiveRule = { rule, matched: 0, hits: 0 };
    this.rules.push(active);
    return {
      get hits() {
        return active.hits;
      },
      remove: () => {
        this.rules = this.rules.filter((candidate) => candidate !== active);
      },
    };
  }

  clear(): void {
    this.rules = [];
  }

  /** The fault for this request, if a rule hits it; counts the request against every rule it matches. */
  take(request: FaultRequest): Fault | undefined {
    let fault: Fault | undefined;
    for (const active of this.rules) {
      if (!matches(active.rule, request)) continue;
      active.matched++;
      const { skip = 0, times = Infinity } = active.rule;
      if (fault !== undefined || active.matched <= skip || active.hits >= times) continue;
      active.hits++;
      fault = active.rule.fault;
    }
    return fault;
  }
}

function matches(rule: FaultRule, request: FaultRequest): boolean {
  if (rule.method !== undefined && rule.method !== request.method) return false;
  if (typeof rule.path === 'string' && rule.path !== request.path) return false;
  if (rule.path instanceof RegExp && !rule.path.test(request.path)) return false;
  if (rule.fault.kind === 'repeat-page-token' && pageToken(request) === undefined) return false;
  return rule.when === undefined || rule.when(request);
}

function checkRule(rule: FaultRule): void {
  const { skip, times, fault } = rule;
  if (skip !== undefined && !(Number.isInteger(skip) && skip >= 0))
    throw new RangeError(`skip must be a whole number >= 0, got ${skip}`);
  if (times !== undefined && !(times >= 1 && (Number.isInteger(times) || times === Infinity)))
    throw new RangeError(`times must be a whole number >= 1, got ${times}`);
  if (fault.kind === 'delay' && !(fault.ms >= 0 && Number.isFinite(fault.ms)))
    throw new RangeError(`delay must be a finite number of ms >= 0, got ${fault.ms}`);
  const retryAfter = fault.kind === 'throttle' || fault.kind === 'status' ? fault.retryAfterSeconds : undefined;
  if (retryAfter !== undefined && !(retryAfter >= 0 && Number.isFinite(retryAfter)))
    throw new RangeError(`retryAfterSeconds must be a finite number >= 0, got ${retryAfter}`);
}

/** The token a paged request continues from: in the body of the POST searches, in the query string otherwise. */
export function pageToken(request: Pick<FaultRequest, 'query' | 'body'>): string | undefined {
  const fromBody =
    typeof request.body === 'object' && request.body !== null
      ? (request.body as { nextPageToken?: unknown }).nextPageToken
      : undefined;
  const token = fromBody ?? request.query['nextPageToken'];
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/** The site without one project: its issues, roles, boards and their sprints are gone, as after a deletion. */
export function withoutProject(snapshot: SiteSnapshot, projectKey: string): SiteSnapshot {
  const project = snapshot.projects.find((candidate) => candidate.key === projectKey);
  if (!project) return snapshot;
  const inProject = (location: { projectKey?: string; projectId?: number | string } | undefined) =>
    location?.projectKey === projectKey ||
    (location?.projectId !== undefined && String(location.projectId) === String(project.id));
  const boards = snapshot.boards.filter((board) => !inProject(board.location));
  const kept = new Set(boards.map((board) => String(board.id)));
  const { [projectKey]: _roles, ...projectRoles } = snapshot.projectRoles;
  return {
    ...snapshot,
    projects: snapshot.projects.filter((candidate) => candidate !== project),
    projectRoles,
    boards,
    sprints: Object.fromEntries(Object.entries(snapshot.sprints).filter(([boardId]) => kept.has(boardId))),
    issues: snapshot.issues.filter((issue) => issue.key.slice(0, issue.key.lastIndexOf('-')) !== projectKey),
  };
}
