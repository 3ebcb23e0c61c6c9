import type { Action, ChangeAction, FieldChange, Item } from '../domain/model';

/**
 * The item as it was at each of its actions, rebuilt from its history: the final state is the last one known, and
 * undoing each change from the newest back gives the state before it. A horizon or a tier is judged on the state
 * the person acting saw, never on what the item became years later.
 */
export interface ItemStates {
  /** The item just after the action (for a creation: as created). */
  after: Item;
  /** The item just before the action (for a creation: as created). */
  before: Item;
}

/** What the rest of the site says about names a history only gives as text: a type's level, a status's category. */
export interface SiteVocabulary {
  typeLevels: ReadonlyMap<string, number>;
  statusCategories: ReadonlyMap<string, string>;
}

export function siteVocabulary(items: readonly Item[]): SiteVocabulary {
  const typeLevels = new Map<string, number>();
  const statusCategories = new Map<string, string>();
  for (const item of items) {
    typeLevels.set(item.type.name.toLowerCase(), item.type.hierarchyLevel);
    statusCategories.set(item.status.name.toLowerCase(), item.status.category);
  }
  return { typeLevels, statusCategories };
}

/** States of one item at each of its actions, by action id. `actions` are the item's own, in any order. */
export function itemStates(
  item: Item,
  actions: readonly Action[],
  vocabulary: SiteVocabulary,
): Map<string, ItemStates> {
  const newestFirst = [...actions].sort(newerFirst);
  const states = new Map<string, ItemStates>();
  let current = item;
  for (const action of newestFirst) {
    const after = current;
    if (action.kind === 'change') current = undone(current, action, vocabulary);
    states.set(action.id, { after, before: action.kind === 'change' ? current : after });
  }
  return states;
}

/** Newest first; on the same instant creation is oldest and later history ids are newer. */
function newerFirst(a: Action, b: Action): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  return order(b) - order(a);
}

function order(action: Action): number {
  if (action.kind === 'create') return -1;
  const id = Number(action.kind === 'change' ? action.historyId : action.commentId);
  return Number.isFinite(id) ? id : 0;
}

const ISSUE_KEY = /^[A-Z][A-Z0-9_]*-\d+$/u;

/** The item before `action`: each of its changes undone, later items of the same history first. */
function undone(item: Item, action: ChangeAction, vocabulary: SiteVocabulary): Item {
  const state: Item = { ...item, type: { ...item.type }, status: { ...item.status } };
  for (const change of [...action.changes].reverse()) undo(state, change, action, vocabulary);
  return state;
}

function undo(state: Item, change: FieldChange, action: ChangeAction, vocabulary: SiteVocabulary): void {
  switch (change.meaning) {
    case 'issueType': {
      const name = change.fromText?.trim();
      if (!name) return;
      state.type = {
        name,
        hierarchyLevel: vocabulary.typeLevels.get(name.toLowerCase()) ?? state.type.hierarchyLevel,
      };
      return;
    }
    case 'parent':
    case 'parentLink':
    case 'epicLink': {
      const key = change.fromText?.trim();
      if (key && ISSUE_KEY.test(key)) state.parentKey = key;
      else if (!key && change.toText && state.parentKey === change.toText.trim()) delete state.parentKey;
      return;
    }
    case 'dueDate':
      return restoreDate(state, 'dueDate', change);
    case 'startDate':
      return restoreDate(state, 'startDate', change);
    case 'targetStart':
      return restoreDate(state, 'targetStart', change);
    case 'targetEnd':
      return restoreDate(state, 'targetEnd', change);
    case 'sprint':
      state.sprintIds = idList(change.fromValue);
      return;
    case 'fixVersions': {
      const removed = change.toText?.trim();
      const restored = change.fromText?.trim();
      const versions = state.fixVersions.filter((name) => name !== removed);
      if (restored && !versions.includes(restored)) versions.push(restored);
      state.fixVersions = versions;
      return;
    }
    case 'status': {
      const name = change.fromText?.trim();
      if (!name) return;
      state.status = { name, category: vocabulary.statusCategories.get(name.toLowerCase()) ?? 'undefined' };
      return;
    }
    case 'resolution':
      // Before a resolution was set the item was open; before one was cleared it was resolved, at the latest then.
      if (change.fromText || change.fromValue) state.resolved = state.resolved ?? action.at;
      else delete state.resolved;
      return;
    case 'storyPoints': {
      const points = Number(change.fromText ?? change.fromValue);
      if (change.fromText !== undefined && change.fromText !== '' && Number.isFinite(points))
        state.storyPoints = points;
      else delete state.storyPoints;
      return;
    }
    case 'summary':
      if (change.fromText !== undefined) state.summary = change.fromText;
      return;
    case 'labels':
      state.labels = (change.fromText ?? '').split(/\s+/u).filter(Boolean);
      return;
    case 'priority':
      if (change.fromText) state.priority = change.fromText;
      else delete state.priority;
      return;
    default:
      return;
  }
}

type DateField = 'dueDate' | 'startDate' | 'targetStart' | 'targetEnd';

function restoreDate(state: Item, field: DateField, change: FieldChange): void {
  const value = (change.fromValue ?? change.fromText)?.trim();
  const date = value && /^\d{4}-\d{2}-\d{2}/u.test(value) ? value.slice(0, 10) : undefined;
  if (date) state[field] = date;
  else delete state[field];
}

function idList(value: string | undefined): number[] {
  if (!value) return [];
  return value
    .split(/[,\s]+/u)
    .map(Number)
    .filter((id) => Number.isFinite(id) && id > 0);
}
