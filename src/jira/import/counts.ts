import { AGILE_ONLY_KEYS, isSprintLike } from './derive';
import { idText, integer, isRecord, list, records, text, type Loose } from './loose';
import type { ExpectedCounts } from './types';
import { forEachUser, userIdOf } from './users';

/** A source's raw records, as parsed from its files and before any conversion. */
export interface RawSource {
  issues: unknown[];
  /** Histories from a separate changelog table, by the id of their issue. */
  changelogRows?: Array<{ issueId: string; history: unknown }>;
  sprintLists?: Array<{ boardId?: number; sprints: unknown[] }>;
  boards?: unknown[];
  users?: unknown[];
  projects?: unknown[];
  fields?: unknown[];
  /** Anything else that names people (role actors). */
  others?: unknown[];
}

/**
 * Counts what the raw records hold, on their own terms and apart from the conversion code, for the
 * definitions in `ExpectedCounts`. Changelog rows count only where their issue is present and sprints only
 * where a board is named: a snapshot has no place for the others (the loaders say so in their notes).
 */
export function countRaw(source: RawSource): ExpectedCounts {
  const issues = records(source.issues).filter((issue) => text(issue.key) !== undefined && isRecord(issue.fields));
  const issueKeys = new Set(issues.map((issue) => String(issue.key)));
  const keyById = new Map(issues.map((issue) => [idText(issue.id), String(issue.key)]));

  const histories = new Map<string, Loose>();
  const comments = new Set<string>();
  const sprints = new Set<number>();
  const boards = new Set<number>();
  const projects = new Set<string>();
  const users = new Set<string>();
  const fields = new Set<string>();
  const countUsersIn = (value: unknown): void =>
    forEachUser(value, (user) => {
      const id = userIdOf(user);
      if (id !== undefined) users.add(id);
    });
  const countHistory = (key: string, history: Loose): void => {
    const id = idText(history.id);
    if (id === undefined || histories.has(`${key} ${id}`)) return;
    histories.set(`${key} ${id}`, history);
    for (const item of records(history.items)) if (text(item.fieldId)) fields.add(String(item.fieldId));
    countUsersIn(history);
  };
  const countSprint = (sprint: Loose, listBoard?: number): void => {
    const board = listBoard ?? integer(sprint.originBoardId) ?? integer(sprint.boardId);
    if (board === undefined) return;
    sprints.add(Number(sprint.id));
    boards.add(board);
    const origin = integer(sprint.originBoardId) ?? integer(sprint.boardId);
    if (origin !== undefined) boards.add(origin);
  };

  for (const issue of issues) {
    const key = String(issue.key);
    const issueFields = issue.fields as Loose;
    for (const history of records(isRecord(issue.changelog) ? issue.changelog.histories : undefined))
      countHistory(key, history);
    const comment = issueFields.comment;
    for (const entry of records(Array.isArray(comment) ? comment : isRecord(comment) ? comment.comments : undefined)) {
      const id = idText(entry.id);
      if (id !== undefined) comments.add(`${key} ${id}`);
    }
    for (const [id, value] of Object.entries(issueFields)) {
      if (!AGILE_ONLY_KEYS.has(id)) fields.add(id);
      for (const entry of Array.isArray(value) ? value : [value]) if (isSprintLike(entry)) countSprint(entry);
    }
    const projectKey = isRecord(issueFields.project) ? text(issueFields.project.key) : undefined;
    if (projectKey) projects.add(projectKey);
    countUsersIn(issueFields);
  }
  for (const row of source.changelogRows ?? []) {
    const key = keyById.get(row.issueId);
    if (key !== undefined && isRecord(row.history)) countHistory(key, row.history);
  }
  for (const sprintList of source.sprintLists ?? []) {
    if (sprintList.boardId !== undefined) boards.add(sprintList.boardId);
    for (const sprint of sprintList.sprints) if (isSprintLike(sprint)) countSprint(sprint, sprintList.boardId);
  }
  for (const board of records(source.boards)) {
    const id = integer(board.id);
    if (id !== undefined) boards.add(id);
    const location = isRecord(board.location) ? board.location : {};
    const projectKey = text(location.projectKey) ?? text(location.key);
    if (projectKey) projects.add(projectKey);
  }
  for (const project of records(source.projects)) {
    const key = text(project.key);
    if (key) projects.add(key);
    countUsersIn(project);
  }
  for (const user of records(source.users)) {
    const id = userIdOf(user);
    if (id !== undefined) users.add(id);
  }
  for (const field of records(source.fields)) {
    const id = text(field.id);
    if (id) fields.add(id);
  }
  countUsersIn(list(source.others));

  return {
    issues: issueKeys.size,
    histories: histories.size,
    historyItems: [...histories.values()].reduce((sum, history) => sum + records(history.items).length, 0),
    comments: comments.size,
    sprints: sprints.size,
    boards: boards.size,
    projects: projects.size,
    users: users.size,
    fields: fields.size,
  };
}
