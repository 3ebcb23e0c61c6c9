import type { RestChangeItem } from '../../jira/snapshot';
import { CUSTOM, FLAG_OPTION, PRIORITIES, RESOLUTIONS, STATUSES, type PriorityName, type StatusName } from './catalog';
import { person } from './people';
import type { ItemPlan, SprintPlan } from './skeleton';
import type { Handle } from './scenario/types';

/**
 * Replays an issue's events over its state at creation and writes each event down as a changelog history, the
 * way Jira does: one history per save, one item per field (one per added or removed fix version), `from`/`to`
 * with ids and `fromString`/`toString` with display values. Whatever the events do, the issue's final fields
 * are the state after the last one, so fields and histories agree by construction.
 */

export type DateField = 'duedate' | 'startDate' | 'targetStart' | 'targetEnd';

export type Change =
  | { field: 'status'; to: StatusName }
  | { field: 'assignee'; to: Handle | null }
  | { field: 'priority'; to: PriorityName }
  | { field: 'labels'; to: string[] }
  | { field: 'fixVersions'; add?: string[]; remove?: string[] }
  | { field: DateField; to: string | null }
  | { field: 'sprints'; to: SprintPlan[] }
  | { field: 'storyPoints'; to: number | null }
  | { field: 'rank'; direction: 'higher' | 'lower' }
  | { field: 'flagged'; to: boolean }
  | { field: 'acceptanceCriteria'; to: string }
  | { field: 'description'; to: string }
  | { field: 'parent'; to: ItemPlan };

export type ChangedField = Change['field'];

export interface IssueEvent {
  at: number;
  author: Handle;
  changes: Change[];
}

export interface IssueState {
  status: StatusName;
  assignee: Handle | null;
  priority: PriorityName;
  labels: string[];
  fixVersions: string[];
  duedate: string | null;
  startDate: string | null;
  targetStart: string | null;
  targetEnd: string | null;
  sprints: SprintPlan[];
  storyPoints: number | null;
  rank: string;
  flagged: boolean;
  acceptanceCriteria: string | null;
  description: string;
  parent: ItemPlan | undefined;
  /** When the status last changed category (Jira's statuscategorychangedate). */
  statusCategoryChangedAt: number;
  resolvedAt: number | null;
}

export interface VersionRef {
  id: string;
  name: string;
}

export interface HistoryDraft {
  at: number;
  author: Handle;
  items: RestChangeItem[];
}

export interface Simulation {
  state: IssueState;
  histories: HistoryDraft[];
}

export function simulate(
  item: ItemPlan,
  initial: IssueState,
  events: IssueEvent[],
  versions: ReadonlyMap<string, VersionRef>,
): Simulation {
  const state: IssueState = {
    ...initial,
    labels: [...initial.labels],
    fixVersions: [...initial.fixVersions],
    sprints: [...initial.sprints],
  };
  const ordered = [...events].sort((a, b) => a.at - b.at);
  const histories: HistoryDraft[] = [];
  let rankMoves = 0;
  for (const event of ordered) {
    const items = event.changes.flatMap((change) => {
      if (change.field === 'rank') rankMoves += 1;
      return apply(state, change, event.at, versions, item, rankMoves);
    });
    if (items.length > 0) histories.push({ at: event.at, author: event.author, items });
  }
  return { state, histories };
}

function apply(
  state: IssueState,
  change: Change,
  at: number,
  versions: ReadonlyMap<string, VersionRef>,
  item: ItemPlan,
  rankMoves: number,
): RestChangeItem[] {
  switch (change.field) {
    case 'status':
      return applyStatus(state, change.to, at);
    case 'assignee': {
      if (state.assignee === change.to) return [];
      const from = state.assignee;
      state.assignee = change.to;
      return [
        jira(
          'assignee',
          'assignee',
          from && person(from).accountId,
          from && person(from).displayName,
          change.to && person(change.to).accountId,
          change.to && person(change.to).displayName,
        ),
      ];
    }
    case 'priority': {
      if (state.priority === change.to) return [];
      const from = PRIORITIES[state.priority];
      const to = PRIORITIES[change.to];
      state.priority = change.to;
      return [jira('priority', 'priority', from.id, from.name, to.id, to.name)];
    }
    case 'labels': {
      const from = state.labels.join(' ');
      state.labels = [...change.to];
      return [jira('labels', 'labels', null, from, null, state.labels.join(' '))];
    }
    case 'fixVersions':
      return applyFixVersions(state, change.add ?? [], change.remove ?? [], versions, item);
    case 'duedate': {
      const from = state.duedate;
      state.duedate = change.to;
      return [jira('duedate', 'duedate', from, from, change.to, change.to)];
    }
    case 'startDate':
    case 'targetStart':
    case 'targetEnd': {
      const from = state[change.field];
      state[change.field] = change.to;
      const name =
        change.field === 'startDate' ? 'Start date' : change.field === 'targetStart' ? 'Target start' : 'Target end';
      return [custom(name, CUSTOM[change.field], null, from, null, change.to)];
    }
    case 'sprints': {
      const from = state.sprints;
      state.sprints = [...change.to];
      return [sprintChange(from, change.to)];
    }
    case 'storyPoints': {
      const from = state.storyPoints;
      state.storyPoints = change.to;
      return [
        custom(
          'Story point estimate',
          CUSTOM.storyPoints,
          null,
          from === null ? null : String(from),
          null,
          change.to === null ? null : String(change.to),
        ),
      ];
    }
    case 'rank':
      state.rank = moveRank(state.rank, change.direction, rankMoves);
      return [
        custom('Rank', CUSTOM.rank, '', '', '', change.direction === 'higher' ? 'Ranked higher' : 'Ranked lower'),
      ];
    case 'flagged': {
      if (state.flagged === change.to) return [];
      const flag = `[${FLAG_OPTION.id}]`;
      state.flagged = change.to;
      return [
        custom(
          'Flagged',
          CUSTOM.flagged,
          change.to ? null : flag,
          change.to ? null : FLAG_OPTION.value,
          change.to ? flag : null,
          change.to ? FLAG_OPTION.value : null,
        ),
      ];
    }
    case 'acceptanceCriteria': {
      const from = state.acceptanceCriteria;
      state.acceptanceCriteria = change.to;
      return [custom('Acceptance Criteria', CUSTOM.acceptanceCriteria, null, from, null, change.to)];
    }
    case 'description': {
      const from = state.description;
      state.description = change.to;
      return [jira('description', 'description', null, from, null, change.to)];
    }
    case 'parent': {
      const from = state.parent;
      state.parent = change.to;
      return [parentChangeItem(from, change.to)];
    }
  }
}

function applyStatus(state: IssueState, to: StatusName, at: number): RestChangeItem[] {
  if (state.status === to) return [];
  const from = STATUSES[state.status];
  const next = STATUSES[to];
  state.status = to;
  const items: RestChangeItem[] = [];
  if (from.category !== next.category) state.statusCategoryChangedAt = at;
  if (next.category === 'done' && from.category !== 'done') {
    const resolution = to === "Won't Do" ? RESOLUTIONS["Won't Do"] : RESOLUTIONS.Done;
    state.resolvedAt = at;
    items.push(jira('resolution', 'resolution', null, null, resolution.id, resolution.name));
  } else if (next.category !== 'done' && from.category === 'done') {
    state.resolvedAt = null;
    items.push(jira('resolution', 'resolution', RESOLUTIONS.Done.id, RESOLUTIONS.Done.name, null, null));
  }
  items.push(jira('status', 'status', from.id, from.name, next.id, next.name));
  return items;
}

function applyFixVersions(
  state: IssueState,
  add: string[],
  remove: string[],
  versions: ReadonlyMap<string, VersionRef>,
  item: ItemPlan,
): RestChangeItem[] {
  const version = (name: string): VersionRef => {
    const found = versions.get(name);
    if (!found) throw new Error(`${item.summary}: unknown release ${name}`);
    return found;
  };
  const items: RestChangeItem[] = [];
  for (const name of remove) {
    if (!state.fixVersions.includes(name)) continue;
    state.fixVersions = state.fixVersions.filter((existing) => existing !== name);
    items.push(jira('Fix Version', 'fixVersions', version(name).id, name, null, null));
  }
  for (const name of add) {
    if (state.fixVersions.includes(name)) continue;
    state.fixVersions = [...state.fixVersions, name];
    items.push(jira('Fix Version', 'fixVersions', null, null, version(name).id, name));
  }
  return items;
}

/** A changelog item of a system field, as Jira writes it. */
export function jira(
  field: string,
  fieldId: string,
  from: string | null,
  fromString: string | null,
  to: string | null,
  toString: string | null,
): RestChangeItem {
  return { field, fieldtype: 'jira', fieldId, from, fromString, to, toString };
}

/** A changelog item of a custom field, as Jira writes it. */
export function custom(
  field: string,
  fieldId: string,
  from: string | null,
  fromString: string | null,
  to: string | null,
  toString: string | null,
): RestChangeItem {
  return { field, fieldtype: 'custom', fieldId, from, fromString, to, toString };
}

/** A Sprint change: Jira lists every sprint the issue is in before and after, by id and by name. */
export function sprintChange(
  from: ReadonlyArray<{ id: number; name: string }>,
  to: ReadonlyArray<{ id: number; name: string }>,
): RestChangeItem {
  const ids = (sprints: typeof from) => sprints.map((sprint) => String(sprint.id)).join(', ');
  const names = (sprints: typeof from) => sprints.map((sprint) => sprint.name).join(', ');
  return custom('Sprint', CUSTOM.sprint, ids(from), names(from), ids(to), names(to));
}

/** A lexo-rank value: the bucket, a base-36 position and, after moves, a suffix that sorts it among neighbours. */
export function initialRank(position: number): string {
  return `0|i${position.toString(36).padStart(5, '0')}:`;
}

function moveRank(rank: string, direction: 'higher' | 'lower', moves: number): string {
  const base = rank.split(':')[0] ?? rank;
  return `${base}:${direction === 'higher' ? 'h' : 'r'}${moves.toString(36)}`;
}

/** The parent change as Jira Cloud writes it: no field id, parent ids in from/to and keys in the strings. */
function parentChangeItem(from: ItemPlan | undefined, to: ItemPlan | undefined): RestChangeItem {
  return {
    field: 'IssueParentAssociation',
    fieldtype: 'jira',
    from: from?.id ?? null,
    fromString: from?.key ?? null,
    to: to?.id ?? null,
    toString: to?.key ?? null,
  };
}
