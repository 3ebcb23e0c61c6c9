import { parseJiraTime } from '../dates';
import type { RestBoard, RestField, RestIssue, RestProject, RestSprint } from '../snapshot';
import { idText, integer, isRecord, text, type Loose } from './loose';
import { toRestSprint } from './rest-shapes';
import { isUserObject } from './users';

/**
 * Keys the agile API (`/rest/agile/1.0/board/{id}/issue`) adds to an issue's fields. They are views of other
 * fields (the Sprint and Flagged custom fields, the epic link), not fields of the site, so no field is derived
 * from them.
 */
export const AGILE_ONLY_KEYS: ReadonlySet<string> = new Set(['sprint', 'closedSprints', 'epic', 'flagged']);

export type FieldSchema = NonNullable<RestField['schema']>;

/** Facts about a field the source states elsewhere (a board's rank field), by field id. */
export type FieldHints = Record<string, FieldSchema>;

/**
 * Fields of a site whose field list is missing or partial: every key seen in the issues' fields and every field
 * id named in a changelog item. The name comes from the changelog (`{field: "Sprint", fieldId: "customfield_10020"}`)
 * or, lacking one, is the id; the schema type is what every value seen has in common (an array, a number, a plain
 * date, a user…); nothing else is guessed.
 */
export function deriveFields(issues: RestIssue[], known: RestField[], hints: FieldHints, notes: string[]): RestField[] {
  const knownIds = new Set(known.map((field) => field.id));
  const names = new Map<string, string>();
  const types = new Map<string, Set<string>>();
  const seen = (id: string): Set<string> => {
    const set = types.get(id) ?? new Set<string>();
    types.set(id, set);
    return set;
  };
  for (const issue of issues) {
    for (const [id, value] of Object.entries(issue.fields)) {
      if (AGILE_ONLY_KEYS.has(id)) continue;
      const set = seen(id);
      const type = valueType(value);
      if (type) set.add(type);
    }
    for (const history of issue.changelog?.histories ?? []) {
      for (const item of history.items) {
        const id = text(item.fieldId);
        if (!id) continue;
        seen(id);
        if (!names.has(id)) names.set(id, item.field);
      }
    }
  }
  const derived: RestField[] = [];
  for (const [id, valueTypes] of types) {
    if (knownIds.has(id)) continue;
    const custom = /^customfield_\d+$/.test(id);
    const schema: FieldSchema = {
      ...(custom ? { customId: Number(id.slice('customfield_'.length)) } : { system: id }),
    };
    const [onlyType, ...others] = [...valueTypes];
    if (onlyType && others.length === 0) schema.type = onlyType;
    derived.push({ id, key: id, name: names.get(id) ?? id, custom, schema: { ...schema, ...hints[id] } });
  }
  if (derived.length > 0) {
    const named = derived.filter((field) => field.name !== field.id).length;
    notes.push(
      `${derived.length} fields are derived from the keys seen in issues and changelogs (the source's field list has ${known.length}): ` +
        `${named} are named by changelog items, the others carry their id as name; schema types are inferred from the values`,
    );
  }
  return [...known, ...derived];
}

function valueType(value: unknown): string | undefined {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string')
    return /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'date' : /^\d{4}-\d{2}-\d{2}T/.test(value) ? 'datetime' : 'string';
  if (isUserObject(value)) return 'user';
  if (isRecord(value) && typeof value.value === 'string') return 'option';
  return undefined;
}

/**
 * Sprint objects an issue carries: the Sprint custom field (an array of `{id, name, state, boardId…}`) and the
 * agile API's `sprint` and `closedSprints`. Their board is `originBoardId`, or `boardId` in the custom field.
 */
export function sprintsInIssue(issue: RestIssue): RestSprint[] {
  const found: RestSprint[] = [];
  for (const value of Object.values(issue.fields)) {
    for (const entry of Array.isArray(value) ? value : [value]) {
      if (!isSprintLike(entry)) continue;
      const originBoardId = integer(entry.originBoardId) ?? integer(entry.boardId);
      const sprint = toRestSprint(originBoardId === undefined ? entry : { ...entry, originBoardId });
      if (sprint) found.push(sprint);
    }
  }
  return found;
}

export function isSprintLike(value: unknown): value is Loose {
  return (
    isRecord(value) &&
    integer(value.id) !== undefined &&
    typeof value.name === 'string' &&
    typeof value.state === 'string'
  );
}

export interface SprintList {
  /** The board whose sprint list this is (`/board/{id}/sprint`), when the source says. */
  boardId?: number;
  sprints: RestSprint[];
}

/**
 * The snapshot's sprints by board: each listed sprint under the board whose list holds it, each sprint known only
 * from issues under its origin board. A sprint seen several times is kept once, later sightings filling what the
 * first lacks (a goal, a complete date).
 */
export function collectSprints(
  lists: SprintList[],
  issues: RestIssue[],
  notes: string[],
): Record<string, RestSprint[]> {
  const byId = new Map<number, { board: string | undefined; sprint: RestSprint }>();
  const see = (sprint: RestSprint, board: string | undefined): void => {
    const known = byId.get(sprint.id);
    byId.set(
      sprint.id,
      known ? { board: known.board ?? board, sprint: { ...sprint, ...known.sprint } } : { board, sprint },
    );
  };
  for (const sprintList of lists) {
    for (const sprint of sprintList.sprints) see(sprint, idText(sprintList.boardId ?? sprint.originBoardId));
  }
  const listed = new Set(byId.keys());
  for (const issue of issues) for (const sprint of sprintsInIssue(issue)) see(sprint, idText(sprint.originBoardId));
  const byBoard: Record<string, RestSprint[]> = {};
  const boardless: string[] = [];
  let fromIssues = 0;
  for (const { board, sprint } of byId.values()) {
    if (board === undefined) {
      boardless.push(`${sprint.id} "${sprint.name}"`);
      continue;
    }
    if (!listed.has(sprint.id)) fromIssues += 1;
    (byBoard[board] ??= []).push(sprint);
  }
  if (fromIssues > 0)
    notes.push(
      `${fromIssues} sprints are known only from issues' sprint fields and are filed under their origin board`,
    );
  if (boardless.length > 0) {
    notes.push(
      `${boardless.length} sprints name no board and are left out of the sprint lists (a snapshot files sprints by board): ${boardless.join(', ')}`,
    );
  }
  for (const sprints of Object.values(byBoard)) sprints.sort((a, b) => a.id - b.id);
  return byBoard;
}

/**
 * Boards the sprints imply: the board of every sprint list and every sprint's origin board. Only sprints being
 * known, such a board is a scrum board whose name the source does not give; it is called "Board <id>".
 */
export function deriveBoards(known: RestBoard[], sprints: Record<string, RestSprint[]>, notes: string[]): RestBoard[] {
  const ids = new Set(known.map((board) => board.id));
  const implied = new Set<number>();
  for (const [boardKey, list] of Object.entries(sprints)) {
    for (const id of [integer(boardKey), ...list.map((sprint) => sprint.originBoardId)]) {
      if (id !== undefined && !ids.has(id)) implied.add(id);
    }
  }
  const derived = [...implied]
    .sort((a, b) => a - b)
    .map((id): RestBoard => ({ id, name: `Board ${id}`, type: 'scrum' }));
  if (derived.length > 0) {
    notes.push(
      `${derived.length} boards (${derived.map((board) => board.id).join(', ')}) are known only as sprints' boards: type scrum, named "Board <id>" for want of a name`,
    );
  }
  return [...known, ...derived];
}

/** Projects the issues and boards name but the project list lacks (or all of them, when there is none). */
export function deriveProjects(
  known: RestProject[],
  issues: RestIssue[],
  boards: RestBoard[],
  notes: string[],
): RestProject[] {
  const byKey = new Map(known.map((project) => [project.key, project]));
  const derived: RestProject[] = [];
  const add = (project: RestProject): void => {
    if (byKey.has(project.key)) return;
    byKey.set(project.key, project);
    derived.push(project);
  };
  for (const issue of issues) {
    const project = issue.fields.project;
    if (!isRecord(project)) continue;
    const id = idText(project.id);
    const key = text(project.key);
    if (id && key) add({ ...project, id, key, name: text(project.name) ?? key });
  }
  for (const board of boards) {
    const key = text(board.location?.projectKey);
    const id = idText(board.location?.projectId);
    if (key && id) add({ id, key, name: text(board.location?.projectName) ?? key });
  }
  if (derived.length > 0) {
    notes.push(
      `${derived.length} projects (${derived.map((project) => project.key).join(', ')}) are derived from issues' project fields and board locations`,
    );
  }
  return [...known, ...derived];
}

/**
 * The latest moment the data shows — an issue's last update, a change history or a comment (issueSHARK's DRILL
 * issues have comments written after their last recorded update): the capture cannot be earlier, and its real time
 * is not recorded.
 */
export function latestActivity(issues: RestIssue[]): string | undefined {
  let latest: number | undefined;
  const see = (value: unknown) => {
    const time = parseJiraTime(value);
    if (time !== undefined && (latest === undefined || time > latest)) latest = time;
  };
  for (const issue of issues) {
    see(issue.fields.updated);
    for (const history of issue.changelog?.histories ?? []) see(history.created);
    const comment = issue.fields.comment;
    const comments: unknown[] = Array.isArray(comment)
      ? comment
      : isRecord(comment) && Array.isArray(comment.comments)
        ? comment.comments
        : [];
    for (const entry of comments) if (isRecord(entry)) for (const key of ['created', 'updated']) see(entry[key]);
  }
  return latest === undefined ? undefined : new Date(latest).toISOString();
}
