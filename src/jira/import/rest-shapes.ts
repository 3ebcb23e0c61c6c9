import type {
  RestBoard,
  RestChangeItem,
  RestField,
  RestHistory,
  RestIssue,
  RestProject,
  RestSprint,
  RestUser,
} from '../snapshot';
import { idText, integer, isRecord, records, text, type Loose } from './loose';
import { userIdOf } from './users';

/*
 * Raw JSON → the snapshot's REST types. Every property the source has is kept (the types are open); only what
 * the type promises is checked, and a value that breaks the promise is dropped rather than passed on as a lie.
 * A record without what identifies it (an issue without key, a sprint without numeric id) yields undefined.
 */

export function toRestUser(raw: unknown): RestUser | undefined {
  if (!isRecord(raw)) return undefined;
  const accountId = userIdOf(raw);
  return accountId === undefined ? undefined : { ...raw, accountId };
}

export function toRestIssue(raw: unknown): RestIssue | undefined {
  if (!isRecord(raw) || !isRecord(raw.fields)) return undefined;
  const id = idText(raw.id);
  const key = text(raw.key);
  if (id === undefined || key === undefined) return undefined;
  const issue: RestIssue = { ...raw, id, key, fields: raw.fields };
  if (isRecord(raw.changelog))
    issue.changelog = { ...raw.changelog, histories: toRestHistories(raw.changelog.histories) };
  else delete issue.changelog;
  return issue;
}

export function toRestHistories(raw: unknown): RestHistory[] {
  return records(raw)
    .map(toRestHistory)
    .filter((history): history is RestHistory => history !== undefined);
}

export function toRestHistory(raw: Loose): RestHistory | undefined {
  const id = idText(raw.id);
  const created = typeof raw.created === 'number' ? raw.created : text(raw.created);
  if (id === undefined || created === undefined) return undefined;
  const items = records(raw.items)
    .map(toRestChangeItem)
    .filter((item): item is RestChangeItem => item !== undefined);
  const history: RestHistory = { ...raw, id, created, items };
  const author = toRestUser(raw.author);
  if (author) history.author = author;
  else delete history.author;
  return history;
}

/**
 * `toString` is a property of change items, read as an own property, never Object's method; an item without one
 * gets `null`, Jira's own "no text".
 */
function toRestChangeItem(raw: Loose): RestChangeItem | undefined {
  if (typeof raw.field !== 'string') return undefined;
  const toText: unknown = Object.getOwnPropertyDescriptor(raw, 'toString')?.value;
  return { ...raw, field: raw.field, toString: typeof toText === 'string' ? toText : null };
}

export function toRestSprint(raw: unknown): RestSprint | undefined {
  if (!isRecord(raw)) return undefined;
  const id = integer(raw.id);
  const name = text(raw.name);
  const state = text(raw.state);
  if (id === undefined || name === undefined || state === undefined) return undefined;
  const sprint: RestSprint = { ...raw, id, name, state };
  for (const key of ['self', 'startDate', 'endDate', 'completeDate', 'createdDate', 'goal'] as const) {
    if (typeof raw[key] !== 'string') delete sprint[key];
  }
  const originBoardId = integer(raw.originBoardId);
  if (originBoardId === undefined) delete sprint.originBoardId;
  else sprint.originBoardId = originBoardId;
  return sprint;
}

export function toRestBoard(raw: unknown): RestBoard | undefined {
  if (!isRecord(raw)) return undefined;
  const id = integer(raw.id);
  const name = text(raw.name);
  const type = text(raw.type);
  if (id === undefined || name === undefined || type === undefined) return undefined;
  const board: RestBoard = { ...raw, id, name, type };
  if (!isRecord(raw.location)) delete board.location;
  else board.location = raw.location;
  return board;
}

/** Board configurations (`/board/{id}/configuration`) name their project as `location: {key, id, name}`. */
export function boardFromConfiguration(raw: unknown): RestBoard | undefined {
  const board = toRestBoard(raw);
  if (!board || !isRecord(board.location)) return board;
  const { key, id, name, ...rest } = board.location;
  const projectKey = text(board.location.projectKey) ?? text(key);
  const projectId = board.location.projectId ?? id;
  return {
    ...board,
    location: {
      ...rest,
      ...(projectKey ? { projectKey } : {}),
      ...(typeof projectId === 'string' || typeof projectId === 'number' ? { projectId } : {}),
      ...(typeof name === 'string' ? { projectName: name } : {}),
    },
  };
}

export function toRestProject(raw: unknown): RestProject | undefined {
  if (!isRecord(raw)) return undefined;
  const id = idText(raw.id);
  const key = text(raw.key);
  if (id === undefined || key === undefined) return undefined;
  const project: RestProject = { ...raw, id, key, name: text(raw.name) ?? key };
  const lead = toRestUser(raw.lead);
  if (lead) project.lead = lead;
  else delete project.lead;
  return project;
}

export function toRestField(raw: unknown): RestField | undefined {
  if (!isRecord(raw)) return undefined;
  const id = text(raw.id);
  const name = text(raw.name);
  if (id === undefined || name === undefined) return undefined;
  const field: RestField = { ...raw, id, name };
  if (!isRecord(raw.schema)) delete field.schema;
  return field;
}
