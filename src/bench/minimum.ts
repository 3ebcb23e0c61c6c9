import { projectKeyOf } from '../domain/issue-key';
import { BULKFETCH_MAX_HISTORIES, BULKFETCH_MAX_ISSUES, SEARCH_PAGE_WITH_FIELDS } from '../jira/api/issues';
import type { RouteStats } from '../dev/emulator';
import type { SiteSnapshot } from '../jira/snapshot';

/**
 * The fewest requests Jira's page sizes allow for reading a whole site the way the audit needs it, worked out from
 * what the site holds (not from what the reader did), and the same breakdown of what a read actually sent.
 */

/** Where requests go, in the order a read makes them. */
export const REQUEST_PARTS = ['site', 'roles', 'groups', 'sprints', 'search', 'changelogs', 'comments'] as const;
export type RequestPart = (typeof REQUEST_PARTS)[number];
export type RequestBreakdown = Record<RequestPart, number> & { total: number };

/** project/search answers 100 projects a page; group and agile lists 50. */
const PROJECT_PAGE = 100;
const DIRECTORY_PAGE = 50;
const AGILE_PAGE = 50;
/** Search embeds an issue's 100 most recent comments; the comment endpoint pages by 100. */
const EMBEDDED_COMMENTS = 100;
const COMMENT_PAGE = 100;
/** The per-issue changelog endpoint pages by 100. */
const CHANGELOG_PAGE = 100;

const pages = (count: number, size: number) => Math.max(1, Math.ceil(count / size));

/**
 * serverInfo, fields, the project list and the board list; per project its role list and each role; each group a
 * role names, by id (ids unknown from the roles cost a group lookup); each scrum board's sprints; per project its
 * search pages of 100 issues with the audit's fields; bulkfetch at 1000 issues and 10,000 histories a request at
 * best; and the comments search could not embed.
 */
export function minimumRequests(snapshot: SiteSnapshot): RequestBreakdown {
  const issuesPerProject = new Map<string, number>(snapshot.projects.map((project) => [project.key, 0]));
  let histories = 0;
  let comments = 0;
  for (const issue of snapshot.issues) {
    const key = projectKeyOf(issue.key);
    issuesPerProject.set(key, (issuesPerProject.get(key) ?? 0) + 1);
    histories += issue.changelog?.histories.length ?? 0;
    const total = (issue.fields['comment'] as { comments?: unknown[] } | undefined)?.comments?.length ?? 0;
    if (total > EMBEDDED_COMMENTS) comments += Math.ceil((total - EMBEDDED_COMMENTS) / COMMENT_PAGE);
  }

  const groups = new Map<string, { identified: boolean }>();
  let roles = 0;
  for (const project of snapshot.projects) {
    const projectRoles = snapshot.projectRoles[project.key] ?? [];
    roles += 1 + projectRoles.length;
    for (const actor of projectRoles.flatMap((role) => role.actors ?? [])) {
      const name = actor.actorGroup?.name ?? actor.actorGroup?.displayName;
      if (name)
        groups.set(name, {
          identified: (groups.get(name)?.identified ?? false) || actor.actorGroup?.groupId !== undefined,
        });
    }
  }
  const unidentified = [...groups.values()].filter((group) => !group.identified).length;
  const members = (name: string) => snapshot.groups.find((group) => group.name === name)?.members.length ?? 0;
  const groupRequests =
    (unidentified > 0 ? pages(unidentified, DIRECTORY_PAGE) : 0) +
    [...groups.keys()].reduce((sum, name) => sum + pages(members(name), DIRECTORY_PAGE), 0);

  const scrumBoards = snapshot.boards.filter((board) => board.type === 'scrum');
  const issues = snapshot.issues.length;
  const breakdown: Record<RequestPart, number> = {
    site: 2 + pages(snapshot.projects.length, PROJECT_PAGE) + pages(snapshot.boards.length, AGILE_PAGE),
    roles,
    groups: groupRequests,
    sprints: scrumBoards.reduce(
      (sum, board) => sum + pages(snapshot.sprints[String(board.id)]?.length ?? 0, AGILE_PAGE),
      0,
    ),
    search: [...issuesPerProject.values()].reduce((sum, count) => sum + pages(count, SEARCH_PAGE_WITH_FIELDS), 0),
    changelogs:
      issues === 0
        ? 0
        : Math.max(Math.ceil(issues / BULKFETCH_MAX_ISSUES), Math.ceil(histories / BULKFETCH_MAX_HISTORIES)),
    comments,
  };
  return withTotal(breakdown);
}

/**
 * The fewest requests an incremental refresh of each project can make: its `updated >=` search (one page per 100
 * changed issues, one when none changed) and the changed issues' changelogs (bulkfetch, 1000 issues a request).
 */
export function refreshMinimum(changedPerProject: Record<string, number>): {
  search: number;
  changelogs: number;
  total: number;
} {
  const changed = Object.values(changedPerProject);
  const search = changed.reduce((sum, count) => sum + pages(count, SEARCH_PAGE_WITH_FIELDS), 0);
  const changelogs = changed.reduce((sum, count) => sum + Math.ceil(count / BULKFETCH_MAX_ISSUES), 0);
  return { search, changelogs, total: search + changelogs };
}

/** What a naive reader spends on changelogs: one request per issue, plus one per further 100 histories. */
export function perIssueChangelogRequests(snapshot: SiteSnapshot): number {
  return snapshot.issues.reduce((sum, issue) => sum + pages(issue.changelog?.histories.length ?? 0, CHANGELOG_PAGE), 0);
}

const ROUTE_PARTS: Array<[RegExp, RequestPart]> = [
  [/\/project\/:projectIdOrKey\/role/, 'roles'],
  [/\/group\//, 'groups'],
  [/\/board\/:boardId\/sprint$/, 'sprints'],
  [/\/search\/jql$/, 'search'],
  [/\/changelog(\/bulkfetch)?$/, 'changelogs'],
  [/\/comment$/, 'comments'],
];

/** Which part of a read an emulator route serves; everything else (serverInfo, fields, projects, boards) is `site`. */
export function partOfRoute(route: string): RequestPart {
  return ROUTE_PARTS.find(([pattern]) => pattern.test(route))?.[1] ?? 'site';
}

/** The emulator's per-route request counts, grouped as the minimum is. */
export function actualRequests(byRoute: Record<string, RouteStats>): RequestBreakdown {
  const breakdown = Object.fromEntries(REQUEST_PARTS.map((part) => [part, 0])) as Record<RequestPart, number>;
  for (const [route, stats] of Object.entries(byRoute)) breakdown[partOfRoute(route)] += stats.requests;
  return withTotal(breakdown);
}

function withTotal(parts: Record<RequestPart, number>): RequestBreakdown {
  return { ...parts, total: REQUEST_PARTS.reduce((sum, part) => sum + parts[part], 0) };
}

/** What the audit needs of a site at a window's start, and the fewest points reading it costs. */
export interface WindowMinimum {
  /** Issues updated at or after the window's start: read with their histories and comments. */
  inWindow: number;
  /** Open issues (status category not done) last updated before it: read with their fields only. */
  openOutside: number;
  /** Closed issues last updated before it: not read at all. */
  closedOutside: number;
  /** Points of the minimum read: 1 per request plus 1 per object returned, as Jira (and the emulator) charge. */
  points: number;
  requests: number;
  /** The same for reading everything (every issue with its history and comments). */
  fullReadPoints: number;
}

/**
 * The fewest points the audit's read costs at the API's page sizes: the directory (serverInfo, fields, projects,
 * boards, roles and their actors, group members, sprints) as a full read needs it; per project one search of the
 * issues updated in the window (100 a page, each issue and its embedded comments an object) and bulkfetch of their
 * histories (each history an object), comments beyond the embedded 100 by page; then one search of the open issues
 * outside the window, fields only, for projects that have any.
 */
export function windowMinimum(snapshot: SiteSnapshot, since: Date): WindowMinimum {
  const sinceMs = since.getTime();
  type Part = { issues: number; histories: number; embedded: number; extraComments: number; extraPages: number };
  const empty = (): Part => ({ issues: 0, histories: 0, embedded: 0, extraComments: 0, extraPages: 0 });
  const perProject = new Map<string, { window: Part; open: Part; all: Part }>(
    snapshot.projects.map((project) => [project.key, { window: empty(), open: empty(), all: empty() }]),
  );
  let closedOutside = 0;
  for (const issue of snapshot.issues) {
    const key = projectKeyOf(issue.key);
    const parts = perProject.get(key) ?? { window: empty(), open: empty(), all: empty() };
    perProject.set(key, parts);
    const histories = issue.changelog?.histories.length ?? 0;
    const comments = (issue.fields['comment'] as { comments?: unknown[] } | undefined)?.comments?.length ?? 0;
    const add = (part: Part, withActivity: boolean) => {
      part.issues++;
      if (!withActivity) return;
      part.histories += histories;
      part.embedded += Math.min(comments, EMBEDDED_COMMENTS);
      part.extraComments += Math.max(0, comments - EMBEDDED_COMMENTS);
      part.extraPages += comments > EMBEDDED_COMMENTS ? Math.ceil((comments - EMBEDDED_COMMENTS) / COMMENT_PAGE) : 0;
    };
    add(parts.all, true);
    const stamp = issue.fields['updated'];
    const updated = typeof stamp === 'string' ? Date.parse(stamp) : Number.NaN;
    const done =
      (issue.fields['status'] as { statusCategory?: { key?: string } } | undefined)?.statusCategory?.key === 'done';
    if (Number.isFinite(updated) && updated >= sinceMs) add(parts.window, true);
    else if (!done) add(parts.open, false);
    else closedOutside++;
  }

  const directory = directoryPoints(snapshot);
  const activityPoints = (part: Part, alwaysOnePage: boolean) => {
    const searchPages = part.issues === 0 ? (alwaysOnePage ? 1 : 0) : pages(part.issues, SEARCH_PAGE_WITH_FIELDS);
    const bulkfetch =
      part.histories === 0
        ? 0
        : Math.max(Math.ceil(part.issues / BULKFETCH_MAX_ISSUES), pages(part.histories, BULKFETCH_MAX_HISTORIES));
    const requests = searchPages + bulkfetch + part.extraPages;
    return { requests, points: requests + part.issues + part.embedded + part.histories + part.extraComments };
  };
  let points = directory.points;
  let requests = directory.requests;
  let fullReadPoints = directory.points;
  const counts = { inWindow: 0, openOutside: 0 };
  for (const parts of perProject.values()) {
    const window = activityPoints(parts.window, true);
    const open = activityPoints(parts.open, false);
    points += window.points + open.points;
    requests += window.requests + open.requests;
    fullReadPoints += activityPoints(parts.all, true).points;
    counts.inWindow += parts.window.issues;
    counts.openOutside += parts.open.issues;
  }
  return { ...counts, closedOutside, points, requests, fullReadPoints };
}

/** Requests and points of the directory a full read needs (as `minimumRequests` counts its requests). */
function directoryPoints(snapshot: SiteSnapshot): { requests: number; points: number } {
  const breakdown = minimumRequests(snapshot);
  const requests = breakdown.site + breakdown.roles + breakdown.groups + breakdown.sprints;
  const roles = Object.values(snapshot.projectRoles).flat();
  const actors = roles.reduce((sum, role) => sum + (role.actors?.length ?? 0), 0);
  const groupNames = new Set(
    roles
      .flatMap((role) => role.actors ?? [])
      .flatMap((actor) => {
        const name = actor.actorGroup?.name ?? actor.actorGroup?.displayName;
        return name ? [name] : [];
      }),
  );
  const members = snapshot.groups
    .filter((group) => groupNames.has(group.name))
    .reduce((sum, group) => sum + group.members.length, 0);
  const sprints = snapshot.boards
    .filter((board) => board.type === 'scrum')
    .reduce((sum, board) => sum + (snapshot.sprints[String(board.id)]?.length ?? 0), 0);
  // serverInfo answers one object; a role list one per role; each role itself and its actors.
  const objects =
    1 +
    snapshot.fields.length +
    snapshot.projects.length +
    snapshot.boards.length +
    roles.length * 2 +
    actors +
    members +
    sprints;
  return { requests, points: requests + objects };
}
