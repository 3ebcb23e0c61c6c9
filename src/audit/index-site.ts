import { classifyAction, siteContexts } from '../classify';
import type { Thresholds } from '../criteria';
import type { Action, FieldChange, FieldMeaning, Item, Site, Sprint } from '../domain/model';
import { sprintProjects } from '../domain/sprint-project';
import type { AuditIndex, ClassifiedAction } from '../rules/types';

/** Classifies every action in its project's window once; rules and the report only read the result. */
export function classifySite(
  site: Site,
  windowOf: (projectKey: string) => { since?: Date; until: Date },
  thresholdsFor: (projectKey: string) => Thresholds,
): ClassifiedAction[] {
  const items = new Map(site.items.map((item) => [item.key, item]));
  const contexts = siteContexts(site, thresholdsFor);
  const inWindow = windowTest(windowOf);
  const classified: ClassifiedAction[] = [];
  for (const action of site.actions) {
    const item = items.get(action.itemKey);
    if (!item || inWindow(action.at, item.projectKey) !== 'in') continue;
    const context = contexts.contextFor(action);
    if (!context) continue;
    classified.push({ action, item, classification: classifyAction(action, context) });
  }
  return classified;
}

/** Where an action's time falls against its project's window (windows looked up once per project). */
function windowTest(
  windowOf: (projectKey: string) => { since?: Date; until: Date },
): (at: string, projectKey: string) => 'before' | 'in' | 'after' {
  const bounds = new Map<string, { since?: string; until: string }>();
  return (at, projectKey) => {
    let found = bounds.get(projectKey);
    if (!found) {
      const window = windowOf(projectKey);
      found = { ...(window.since ? { since: window.since.toISOString() } : {}), until: window.until.toISOString() };
      bounds.set(projectKey, found);
    }
    return found.since !== undefined && at < found.since ? 'before' : at > found.until ? 'after' : 'in';
  };
}

/** How many of the site's actions fall before their project's window and how many after the audit's now. */
export function outsideWindow(
  site: Pick<Site, 'items' | 'actions'>,
  windowOf: (projectKey: string) => { since?: Date; until: Date },
): { before: number; after: number } {
  const projectOf = new Map(site.items.map((item) => [item.key, item.projectKey]));
  const inWindow = windowTest(windowOf);
  const counts = { before: 0, after: 0 };
  for (const action of site.actions) {
    const projectKey = projectOf.get(action.itemKey);
    if (projectKey === undefined) continue;
    const where = inWindow(action.at, projectKey);
    if (where !== 'in') counts[where]++;
  }
  return counts;
}

const PARENT_MEANINGS: ReadonlySet<FieldMeaning> = new Set(['parent', 'epicLink', 'parentLink']);

/**
 * One action per decision. Jira writes a move under an epic as two histories when both the parent and the Epic Link
 * field are kept (devlake's K5-2: "IssueParentAssociation" and "Epic Link" to K5-1, 22 ms apart): a change that
 * only sets parent fields to where another change by the same author in the same second already set them repeats
 * that move. The change that sets the parent itself is kept; the repeat is counted with it, not again.
 */
export function countedOnce(classified: readonly ClassifiedAction[]): {
  actions: ClassifiedAction[];
  repeated: ClassifiedAction[];
} {
  const bySecond = new Map<string, ClassifiedAction[]>();
  for (const entry of classified) {
    const { action } = entry;
    if (action.kind !== 'change' || !action.changes.some((change) => PARENT_MEANINGS.has(change.meaning))) continue;
    const key = `${action.itemKey}|${action.authorId ?? ''}|${action.at.slice(0, 19)}`;
    bySecond.set(key, [...(bySecond.get(key) ?? []), entry]);
  }
  const repeated = new Set<string>();
  for (const group of bySecond.values()) {
    if (group.length < 2) continue;
    const ranked = [...group].sort((a, b) => movePreference(a.action) - movePreference(b.action));
    const kept: Action[] = [];
    for (const { action } of ranked) {
      if (kept.some((other) => repeatsMove(action, other))) repeated.add(action.id);
      else kept.push(action);
    }
  }
  return {
    actions: classified.filter(({ action }) => !repeated.has(action.id)),
    repeated: classified.filter(({ action }) => repeated.has(action.id)),
  };
}

/** The parent field itself first, then Parent Link, then Epic Link: the one kept is the one closest to the move. */
function movePreference(action: Action): number {
  if (action.kind !== 'change') return 3;
  const meanings = new Set(action.changes.map((change) => change.meaning));
  return meanings.has('parent') ? 0 : meanings.has('parentLink') ? 1 : 2;
}

/** Every change of `action` sets a parent field to a target that `other` sets too. */
function repeatsMove(action: Action, other: Action): boolean {
  if (action.kind !== 'change' || other.kind !== 'change') return false;
  const targets = new Set(
    other.changes.filter((change) => PARENT_MEANINGS.has(change.meaning)).map((change) => moveTarget(change)),
  );
  return action.changes.every((change) => PARENT_MEANINGS.has(change.meaning) && targets.has(moveTarget(change)));
}

/** Where a parent change points: the issue key shown, else the raw id; empty when the parent was removed. */
function moveTarget(change: FieldChange): string {
  return change.toText?.trim() || change.toValue?.trim() || '';
}

export function buildIndex(
  site: Site,
  classified: readonly ClassifiedAction[],
  sprintHomes: ReadonlyMap<number, string> = sprintProjects(site),
): AuditIndex {
  const items = new Map(site.items.map((item) => [item.key, item]));
  const children = new Map<string, Item[]>();
  const itemsBySprint = new Map<number, Item[]>();
  for (const item of site.items) {
    if (item.parentKey) pushTo(children, item.parentKey, item);
    for (const sprintId of item.sprintIds) pushTo(itemsBySprint, sprintId, item);
  }
  const actionsByItem = new Map<string, ClassifiedAction[]>();
  for (const entry of classified) pushTo(actionsByItem, entry.item.key, entry);
  return {
    site,
    items,
    children,
    sprints: new Map<number, Sprint>(site.sprints.map((sprint) => [sprint.id, sprint])),
    itemsBySprint,
    sprintProjects: sprintHomes,
    people: new Map(site.people.map((person) => [person.accountId, person])),
    projects: new Map(site.projects.map((project) => [project.key, project])),
    actionsByItem,
  };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
