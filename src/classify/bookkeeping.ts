import { projectKeyOf } from '../domain/issue-key';
import type { Action, ChangeAction, FieldChange, Site } from '../domain/model';

/**
 * Bookkeeping that only the whole site shows: a change one person makes to many issues of a project within minutes is an
 * administrative clean-up or a migration, not a decision about each issue; an action by an app or automation
 * account (known by the account's type, never by its name) decides nothing. Computed once over the site's actions
 * and handed to the classifier, which itself never looks at who acted.
 */

/** This many issues given the same change by one person within the window make a bulk change. */
export const BULK_MIN_ITEMS = 5;
/** How close together the changes of one bulk edit are. */
export const BULK_WINDOW_MS = 10 * 60 * 1000;

/**
 * Ordering and sprint planning are done an issue after another and in batches (a sprint's close carries its open
 * issues over), so a run of them is still a run of decisions: only the other fields form bulk edits.
 */
const PLANNING_FIELDS = new Set<FieldChange['meaning']>(['rank', 'sprint']);

export interface SiteBookkeeping {
  /** Actions by app or automation accounts, with why they decide nothing. */
  automated: Map<string, string>;
  /** Changes that are part of a bulk edit: how many issues the edit touched, by action id. */
  bulk: Map<string, number>;
}

export function bookkeepingActions(site: Pick<Site, 'actions' | 'people'>): SiteBookkeeping {
  const automated = new Map<string, string>();
  const bulk = new Map<string, number>();
  const apps = new Set(site.people.filter((person) => person.kind === 'app').map((person) => person.accountId));
  const runs = new Map<string, ChangeAction[]>();
  for (const action of site.actions) {
    if (action.authorId !== undefined && apps.has(action.authorId)) {
      automated.set(action.id, 'Made by an app or automation account, not a person deciding');
      continue;
    }
    if (action.kind !== 'change' || action.authorId === undefined) continue;
    const signature = changeSignature(action);
    if (signature === undefined) continue;
    // Within one project: an audit a project at a time must find the same bulk edits as one of the whole site.
    const key = `${projectKeyOf(action.itemKey)}\u0000${action.authorId}\u0000${signature}`;
    const run = runs.get(key);
    if (run) run.push(action);
    else runs.set(key, [action]);
  }
  for (const run of runs.values()) markBulk(run, bulk);
  return { automated, bulk };
}

/** The same change, whoever's issue it is on: the fields touched and the values they went from and to. */
function changeSignature(action: ChangeAction): string | undefined {
  const parts = action.changes
    .filter((change) => !PLANNING_FIELDS.has(change.meaning))
    .map((change) => `${change.fieldId}|${change.fromText ?? ''}|${change.toText ?? ''}`);
  return parts.length === 0 ? undefined : parts.sort().join('\u0001');
}

/** Within one person's identical changes, each window of BULK_WINDOW_MS covering enough issues is a bulk edit. */
function markBulk(run: ChangeAction[], bulk: Map<string, number>): void {
  if (run.length < BULK_MIN_ITEMS) return;
  const sorted = [...run].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const times = sorted.map((action) => Date.parse(action.at));
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((times[end] ?? 0) - (times[start] ?? 0) > BULK_WINDOW_MS) start++;
    const window = sorted.slice(start, end + 1);
    const items = new Set(window.map((action) => action.itemKey));
    if (items.size >= BULK_MIN_ITEMS)
      for (const action of window) bulk.set(action.id, Math.max(bulk.get(action.id) ?? 0, items.size));
  }
}

/** Actions of the site grouped by item key. */
export function actionsByItem(actions: readonly Action[]): Map<string, Action[]> {
  const byItem = new Map<string, Action[]>();
  for (const action of actions) {
    const list = byItem.get(action.itemKey);
    if (list) list.push(action);
    else byItem.set(action.itemKey, [action]);
  }
  return byItem;
}
