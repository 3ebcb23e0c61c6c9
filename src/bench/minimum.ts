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
