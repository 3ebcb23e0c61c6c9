import type { Thresholds } from '../criteria';
import type { Action, CalendarDate, Item, Site, Sprint } from '../domain/model';
import { itemStates, siteVocabulary, type ItemStates } from './as-of';
import { actionsByItem, bookkeepingActions } from './bookkeeping';
import type { ClassifyContext } from './types';

/**
 * Classification contexts for the actions of one whole site: each action sees its item as it was then (rebuilt from
 * the item's history), the release dates of the versions of its project, the site's sprints, and whether the site
 * shows it to be bookkeeping (bulk edits, app accounts). Built once per site; contexts are made per action.
 */
export interface SiteContexts {
  /** The context for one of the site's actions; undefined when its item is not on the site. */
  contextFor(action: Action): ClassifyContext | undefined;
}

export function siteContexts(site: Site, thresholdsFor?: (projectKey: string) => Thresholds): SiteContexts {
  const items = new Map(site.items.map((item) => [item.key, item]));
  const sprints = new Map<number, Sprint>(site.sprints.map((sprint) => [sprint.id, sprint]));
  const releasesByProject = releaseDates(site);
  const bookkeeping = bookkeepingActions(site);
  const vocabulary = siteVocabulary(site.items);
  const byItem = actionsByItem(site.actions);
  const states = new Map<string, Map<string, ItemStates>>();

  const statesOf = (item: Item): Map<string, ItemStates> => {
    let found = states.get(item.key);
    if (!found) {
      found = itemStates(item, byItem.get(item.key) ?? [], vocabulary);
      states.set(item.key, found);
    }
    return found;
  };

  return {
    contextFor(action) {
      const item = items.get(action.itemKey);
      if (!item) return undefined;
      const state = statesOf(item).get(action.id) ?? { after: item, before: item };
      const parentKey = state.after.parentKey;
      const parent = parentKey === undefined ? undefined : items.get(parentKey);
      const reason = bookkeeping.automated.get(action.id);
      const bulkEdit = bookkeeping.bulk.get(action.id);
      const thresholds = thresholdsFor?.(item.projectKey);
      return {
        item: state.after,
        before: state.before,
        ...(parent ? { parent } : {}),
        sprints,
        releases: releasesByProject.get(item.projectKey) ?? NO_RELEASES,
        ...(thresholds ? { thresholds } : {}),
        ...(reason ? { bookkeeping: reason } : {}),
        ...(bulkEdit ? { bulkEdit } : {}),
      };
    },
  };
}

const NO_RELEASES: ReadonlyMap<string, CalendarDate> = new Map();

/** Release dates by project, each version under both its id (what changelogs record) and its name. */
function releaseDates(site: Site): Map<string, Map<string, CalendarDate>> {
  const byProject = new Map<string, Map<string, CalendarDate>>();
  for (const release of site.releases ?? []) {
    if (release.releaseDate === undefined) continue;
    let dates = byProject.get(release.projectKey);
    if (!dates) byProject.set(release.projectKey, (dates = new Map<string, CalendarDate>()));
    if (release.id !== undefined) dates.set(release.id, release.releaseDate);
    if (!dates.has(release.name)) dates.set(release.name, release.releaseDate);
  }
  return byProject;
}
