import type { Finding, PersonProfile, RoadmapItemSummary, RoadmapView, SprintSummary } from '../../../src/resolvers/api';

/** What the roadmap page is narrowed to; an absent key means "all". */
export interface RoadmapFilters {
  project?: string;
  /** An owner's account id, or NO_OWNER for items nobody owns. */
  owner?: string;
  rule?: string;
}

export const NO_OWNER = '(none)';

export interface FilteredRoadmap {
  items: RoadmapItemSummary[];
  findings: Finding[];
  sprints: SprintSummary[];
  people: PersonProfile[];
}

/**
 * Narrows every part of the page the same way. A finding matches an owner when it is about that person or about
 * one of their items; an item matches a rule when one of its findings comes from it.
 */
export function filterRoadmap(view: Pick<RoadmapView, 'items' | 'findings' | 'sprints' | 'people'>, filters: RoadmapFilters): FilteredRoadmap {
  const ruleOf = new Map(view.findings.map((finding) => [finding.id, finding.rule]));
  const ownedBy = (item: RoadmapItemSummary, owner: string) => (owner === NO_OWNER ? item.ownerId === undefined : item.ownerId === owner);
  const items = view.items.filter(
    (item) =>
      (filters.project === undefined || item.projectKey === filters.project) &&
      (filters.owner === undefined || ownedBy(item, filters.owner)) &&
      (filters.rule === undefined || item.findings.some((id) => ruleOf.get(id) === filters.rule)),
  );
  const ownerItems = filters.owner === undefined ? undefined : new Set(view.items.filter((item) => ownedBy(item, filters.owner!)).map((item) => item.key));
  const findings = view.findings.filter(
    (finding) =>
      (filters.project === undefined || finding.projectKeys.includes(filters.project)) &&
      (filters.rule === undefined || finding.rule === filters.rule) &&
      (ownerItems === undefined ||
        (finding.subject.type === 'person' && finding.subject.id === filters.owner) ||
        finding.issueKeys.some((key) => ownerItems.has(key))),
  );
  const sprints = view.sprints.filter((sprint) => filters.project === undefined || sprint.projectKey === filters.project);
  const people = view.people.filter(
    (person) =>
      (filters.project === undefined || person.projects.includes(filters.project)) &&
      (filters.owner === undefined || filters.owner === NO_OWNER || person.accountId === filters.owner),
  );
  return { items, findings, sprints, people };
}

export interface Option {
  value: string;
  label: string;
}

/** Owners to filter by: everyone who owns a roadmap item, by name, then "No owner" when some item has none. */
export function ownerOptions(items: readonly RoadmapItemSummary[]): Option[] {
  const owners = new Map<string, string>();
  for (const item of items) if (item.ownerId !== undefined) owners.set(item.ownerId, item.ownerName ?? item.ownerId);
  const options = [...owners.entries()].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  if (items.some((item) => item.ownerId === undefined)) options.push({ value: NO_OWNER, label: 'No owner' });
  return options;
}

/** Names for account ids, from the people and item owners the view already holds. */
export function nameIndex(view: Pick<RoadmapView, 'people' | 'items' | 'directory'>): Map<string, string> {
  const names = new Map<string, string>();
  for (const person of view.directory) names.set(person.accountId, person.displayName);
  for (const item of view.items) if (item.ownerId !== undefined && item.ownerName !== undefined) names.set(item.ownerId, item.ownerName);
  for (const person of view.people) names.set(person.accountId, person.displayName);
  return names;
}
