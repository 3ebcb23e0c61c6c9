import type {
  Finding,
  FindingQuery,
  PersonProfile,
  RoadmapItemSummary,
  RoadmapView,
  SprintSummary,
} from '../../../src/resolvers/api';
import { findingFilter, NO_OWNER } from '../../../src/resolvers/findings-query';

export { NO_OWNER };

/** What the roadmap page is narrowed to; an absent key means "all". */
export interface RoadmapFilters {
  project?: string;
  /** An owner's account id, or NO_OWNER for items nobody owns. */
  owner?: string;
  rule?: string;
}

/** What the filters ask of getFindings when the page has not loaded every finding. */
export function findingQueryOf(filters: RoadmapFilters): FindingQuery {
  const query: FindingQuery = {};
  if (filters.project !== undefined) query.projectKey = filters.project;
  if (filters.rule !== undefined) query.rule = filters.rule;
  if (filters.owner !== undefined) query.ownerId = filters.owner;
  return query;
}

export interface FilteredRoadmap {
  items: RoadmapItemSummary[];
  findings: Finding[];
  sprints: SprintSummary[];
  people: PersonProfile[];
}

/**
 * Narrows every part of the page the same way. A finding matches an owner when it is about that person or about
 * one of their items (the same test getFindings makes on the server); an item matches a rule when one of its
 * findings comes from it, whether or not that finding is loaded.
 */
export function filterRoadmap(
  view: Pick<RoadmapView, 'items' | 'findings' | 'sprints' | 'people'>,
  filters: RoadmapFilters,
): FilteredRoadmap {
  const ruleOf = new Map(view.findings.map((finding) => [finding.id, finding.rule]));
  const ownedBy = (item: RoadmapItemSummary, owner: string) =>
    owner === NO_OWNER ? item.ownerId === undefined : item.ownerId === owner;
  const items = view.items.filter(
    (item) =>
      (filters.project === undefined || item.projectKey === filters.project) &&
      (filters.owner === undefined || ownedBy(item, filters.owner)) &&
      (filters.rule === undefined ||
        item.findings.some((id) => (ruleOf.get(id) ?? ruleOfFindingId(id)) === filters.rule)),
  );
  const findings = view.findings.filter(findingFilter(view.items, findingQueryOf(filters)));
  const sprints = view.sprints.filter(
    (sprint) => filters.project === undefined || sprint.projectKey === filters.project,
  );
  const people = view.people.filter(
    (person) =>
      (filters.project === undefined || person.projects.includes(filters.project)) &&
      (filters.owner === undefined || filters.owner === NO_OWNER || person.accountId === filters.owner),
  );
  return { items, findings, sprints, people };
}

/** A finding id starts with its rule: `rule|type:subject[|discriminator]` (src/audit/run-rules.ts). */
function ruleOfFindingId(id: string): string {
  const end = id.indexOf('|');
  return end < 0 ? id : id.slice(0, end);
}

export interface Option {
  value: string;
  label: string;
}

/** Owners to filter by: everyone who owns a roadmap item, by name, then "No owner" when some item has none. */
export function ownerOptions(items: readonly RoadmapItemSummary[]): Option[] {
  const owners = new Map<string, string>();
  for (const item of items) if (item.ownerId !== undefined) owners.set(item.ownerId, item.ownerName ?? item.ownerId);
  const options = [...owners.entries()]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
  if (items.some((item) => item.ownerId === undefined)) options.push({ value: NO_OWNER, label: 'No owner' });
  return options;
}

/** Names for account ids, from the people and item owners the view already holds. */
export function nameIndex(view: Pick<RoadmapView, 'people' | 'items' | 'directory'>): Map<string, string> {
  const names = new Map<string, string>();
  for (const person of view.directory) names.set(person.accountId, person.displayName);
  for (const item of view.items)
    if (item.ownerId !== undefined && item.ownerName !== undefined) names.set(item.ownerId, item.ownerName);
  for (const person of view.people) names.set(person.accountId, person.displayName);
  return names;
}
