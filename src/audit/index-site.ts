import { classifyAction, siteContexts } from '../classify';
import type { Thresholds } from '../criteria';
import type { Item, Site, Sprint } from '../domain/model';
import type { AuditIndex, ClassifiedAction } from '../rules/types';

/** Classifies every action in the window once; rules and the report only read the result. */
export function classifySite(
  site: Site,
  window: { since?: Date; until: Date },
  thresholdsFor: (projectKey: string) => Thresholds,
): ClassifiedAction[] {
  const items = new Map(site.items.map((item) => [item.key, item]));
  const contexts = siteContexts(site, thresholdsFor);
  const since = window.since?.toISOString();
  const until = window.until.toISOString();
  const classified: ClassifiedAction[] = [];
  for (const action of site.actions) {
    if ((since !== undefined && action.at < since) || action.at > until) continue;
    const item = items.get(action.itemKey);
    const context = contexts.contextFor(action);
    if (!item || !context) continue;
    classified.push({ action, item, classification: classifyAction(action, context) });
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
