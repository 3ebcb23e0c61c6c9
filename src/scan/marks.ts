/**
 * What product events said changed, kept until a refresh has read it. One key per mark, so concurrent event
 * handlers never overwrite each other's marks (no read-modify-write), and a refresh removes only the marks written
 * before it started: a change made while it runs stays marked for the next one.
 */
import type { KeyValueStore } from '../store/key-value';

/** `linked`: an issue another project's scan read names this one, unread by the window, as its parent. */
export type IssueMarkKind = 'changed' | 'deleted' | 'linked';

export interface IssueMark {
  kind: IssueMarkKind;
  issueId: string;
  issueKey?: string;
  /** ISO time the mark was written. */
  at: string;
}

export interface BoardMark {
  boardId: number;
  at: string;
}

const ISSUE_MARK_ROOT = 'scan:mark:';
const issueMarkPrefix = (projectKey: string) => `${ISSUE_MARK_ROOT}${projectKey}:`;
const BOARD_MARK_PREFIX = 'scan:board-mark:';

export async function markIssue(store: KeyValueStore, projectKey: string, mark: IssueMark): Promise<void> {
  await store.set(`${issueMarkPrefix(projectKey)}${mark.kind}:${mark.issueId}`, mark);
}

/** A board's sprints changed (created, started, closed, edited): the next refresh of its project re-reads them. */
export async function markBoard(store: KeyValueStore, mark: BoardMark): Promise<void> {
  await store.set(`${BOARD_MARK_PREFIX}${mark.boardId}`, mark);
}

export async function issueMarks(
  store: KeyValueStore,
  projectKey: string,
): Promise<Array<IssueMark & { storeKey: string }>> {
  return withValues<IssueMark>(store, await store.keysWithPrefix(issueMarkPrefix(projectKey)));
}

export async function boardMarks(store: KeyValueStore): Promise<Array<BoardMark & { storeKey: string }>> {
  return withValues<BoardMark>(store, await store.keysWithPrefix(BOARD_MARK_PREFIX));
}

/** Projects with issue marks, and boards with sprint marks: what the scheduler refreshes first. */
export async function markedWork(store: KeyValueStore): Promise<{ projectKeys: Set<string>; boardIds: Set<number> }> {
  const [issues, boards] = await Promise.all([
    store.keysWithPrefix(ISSUE_MARK_ROOT),
    store.keysWithPrefix(BOARD_MARK_PREFIX),
  ]);
  return {
    projectKeys: new Set(issues.map((key) => key.slice(ISSUE_MARK_ROOT.length).split(':')[0]!)),
    boardIds: new Set(boards.map((key) => Number(key.slice(BOARD_MARK_PREFIX.length)))),
  };
}

/** Removes the project's marks (and its boards') written at or before `upTo`. */
export async function clearMarks(
  store: KeyValueStore,
  projectKey: string,
  boardIds: readonly number[],
  upTo: string,
): Promise<void> {
  const issues = await issueMarks(store, projectKey);
  const boards = (await boardMarks(store)).filter((mark) => boardIds.includes(mark.boardId));
  await Promise.all(
    [...issues, ...boards].filter((mark) => mark.at <= upTo).map((mark) => store.delete(mark.storeKey)),
  );
}

/** Marks of a project that is no longer scanned. */
export async function dropIssueMarks(store: KeyValueStore, projectKey: string): Promise<void> {
  await Promise.all((await store.keysWithPrefix(issueMarkPrefix(projectKey))).map((key) => store.delete(key)));
}

async function withValues<T>(store: KeyValueStore, keys: string[]): Promise<Array<T & { storeKey: string }>> {
  const values = await Promise.all(keys.map(async (storeKey) => ({ storeKey, value: await store.get<T>(storeKey) })));
  return values
    .filter((entry) => entry.value !== undefined)
    .map((entry) => ({ ...(entry.value as T), storeKey: entry.storeKey }));
}
