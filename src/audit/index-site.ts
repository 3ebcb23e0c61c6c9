import { classifyAction } from '../classify';
import type { Thresholds } from '../criteria';
import type { Item, Site, Sprint } from '../domain/model';
import { sprintProjects } from '../domain/sprint-project';
import type { AuditIndex, ClassifiedAction } from '../rules/types';

/** Classifies every action in the window once; rules and the report only read the result. */
export function classifySite(
  site: Site,
  window: { since?: Date; until: Date },
  thresholdsFor: (projectKey: string) => Thresholds,
): ClassifiedAction[] {
  const items = new Map(site.items.map((item) => [item.key, item]));
  const sprints = new Map(site.sprints.map((sprint) => [sprint.id, sprint]));
  const since = window.since?.toISOString();
  const until = window.until.toISOString();
  const classified: ClassifiedAction[] = [];
  for (const action of site.actions) {
    if ((since !== undefined && action.at < since) || action.at > until) continue;
    const item = items.get(action.itemKey);
    if (!item) continue;
    const parent = item.parentKey ? items.get(item.parentKey) : undefined;
    const classification = classifyAction(action, {
      item,
      ...(parent ? { parent } : {}),
      sprints,
      thresholds: thresholdsFor(item.projectKey),
    });
    classified.push({ action, item, classification });
  }
  return classified;
}

export function buildIndex(site: Site, classified: readonly ClassifiedAction[]): AuditIndex {
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
    sprintProjects: sprintProjects(site),
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
