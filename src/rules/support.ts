import { ownerOf } from '../horizon/roadmap';
import type { ProductRole } from '../config/types';
import { CRITERIA, RELATIONS, type CriteriaId } from '../criteria';
import type { FindingEvidence, FindingSubject } from '../domain/finding';
import { isOpen } from '../domain/item-state';
import { HIERARCHY, type CalendarDate, type FieldChange, type Instant, type Item } from '../domain/model';
import { plannedSpan, type Span } from '../horizon';
import { describeInference, type RoleDirectory, type RoleInfo } from '../roles';
import type { AuditIndex, ClassifiedAction, RuleContext } from './types';
import { personName, plural, listed } from '../domain/text';

/**
 * What rules share: which field a planned date comes from and the evidence for it, who counts as a decider and
 * which roles someone holds by the mapping, how an action reads as evidence, who should act on a finding, and
 * counts, names and spans said in words.
 */

export type DateMeaning = 'targetStart' | 'startDate' | 'targetEnd' | 'dueDate';

export interface DatedField {
  meaning: DateMeaning;
  label: string;
  date: CalendarDate;
}

const LABELS: Record<DateMeaning, string> = {
  targetStart: 'target start',
  startDate: 'start date',
  targetEnd: 'target end',
  dueDate: 'due date',
};

function dated(meaning: DateMeaning, date: CalendarDate | undefined): DatedField | undefined {
  return date === undefined ? undefined : { meaning, label: LABELS[meaning], date };
}

/** The field the planned start comes from, picked as horizon's plannedStart picks it. */
export function startField(item: Item): DatedField | undefined {
  return dated('targetStart', item.targetStart) ?? dated('startDate', item.startDate);
}

/** The field the planned end comes from, picked as horizon's plannedEnd picks it. */
export function endField(item: Item): DatedField | undefined {
  return dated('targetEnd', item.targetEnd) ?? dated('dueDate', item.dueDate);
}

/** The fields an item's planned span comes from, start first. */
export function spanFields(item: Item): DatedField[] {
  return [startField(item), endField(item)].filter((field): field is DatedField => field !== undefined);
}

export function itemSubject(item: Item): FindingSubject {
  return { type: 'item', id: item.key, key: item.key, name: item.summary };
}

/** `{{type}} {{key}} "{{summary}}"` for message templates. */
export function itemData(item: Item): { type: string; key: string; summary: string } {
  return { type: item.type.name, key: item.key, summary: item.summary };
}

/**
 * Evidence for the dates a finding rests on: for each field, the change in the audit window that last set it
 * (who moved it from what to what), else its value as read.
 */
export function dateEvidence(
  index: AuditIndex,
  item: Item,
  fields: readonly DatedField[],
  asOf: Instant,
): FindingEvidence[] {
  return fields.map((field) => {
    const actions = index.actionsByItem.get(item.key) ?? [];
    for (let i = actions.length - 1; i >= 0; i--) {
      const action = actions[i]!.action;
      if (action.kind !== 'change') continue;
      const change = action.changes.find((candidate) => candidate.meaning === field.meaning);
      if (!change) continue;
      const who = action.authorId ? personName(index, action.authorId) : 'Someone';
      return {
        issueKey: item.key,
        actionId: action.id,
        at: action.at,
        what: `${who} ${describeDateChange(change, field.label)}`,
      };
    }
    return { issueKey: item.key, at: asOf, what: `${capitalise(field.label)} is ${field.date}` };
  });
}

function describeDateChange(change: FieldChange, label: string): string {
  const to = dateText(change.toValue ?? change.toText);
  const from = dateText(change.fromValue ?? change.fromText);
  if (to === undefined) return `cleared the ${label}`;
  return from === undefined ? `set the ${label} to ${to}` : `moved the ${label} from ${from} to ${to}`;
}

/** Jira writes dates in changelogs as `2026-12-28` or `2026-12-28 00:00:00.0`; other text is shown as it is. */
function dateText(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0] ?? value;
}

export interface ParentWalk {
  /** The item, then each parent in turn, up to where the walk stopped. */
  path: Item[];
  /** `found`: the last item in the path matched; `top`: it has no parent; `missing`: its parent is not on the site as read; `cycle`: its parent is already in the path. */
  end: 'found' | 'top' | 'missing' | 'cycle';
}

/** Follows parent links up from an item (sub-task → story → epic → initiative) until `found` matches. */
export function walkUp(index: AuditIndex, item: Item, found: (candidate: Item) => boolean): ParentWalk {
  const path = [item];
  const seen = new Set([item.key]);
  for (let current = item; ;) {
    if (found(current)) return { path, end: 'found' };
    if (!current.parentKey) return { path, end: 'top' };
    const parent = index.items.get(current.parentKey);
    if (!parent) return { path, end: 'missing' };
    if (seen.has(parent.key)) return { path, end: 'cycle' };
    seen.add(parent.key);
    path.push(parent);
    current = parent;
  }
}

/**
 * The people holding a role in a project, by name ("Ana, Ben and Chen"): those mapped, else those inferred from their
 * decisions there (said so); `fallback` when there are none.
 */
export function roleHolderNames(
  context: RuleContext<object>,
  projectKey: string,
  role: ProductRole,
  fallback: string,
): string {
  const mapped = context.roles.holders(projectKey, role).map((accountId) => personName(context.index, accountId));
  if (mapped.length > 0) return listed(mapped);
  const inferred = context.roles
    .inferredHolders(projectKey, role)
    .map((holder) => `${personName(context.index, holder.accountId)} (${describeInference(holder)})`);
  return inferred.length > 0 ? listed(inferred) : fallback;
}

/** Who decides about a roadmap item: its owner (by the configured owner field), else the project's PMs. */
export function roadmapDecider(context: RuleContext<object>, item: Item): string {
  const ownerId = ownerOf(item, context.settings(item.projectKey));
  const owner = ownerId ? context.index.people.get(ownerId) : undefined;
  if (owner && owner.kind !== 'app') return owner.displayName;
  return roleHolderNames(context, item.projectKey, 'pm', 'the product manager');
}

/** "26 months", "24 months and 1 day", "19 days". */
export function describeMonths({ months, days }: { months: number; days: number }): string {
  const parts = [months > 0 ? plural(months, 'month') : '', days > 0 || months === 0 ? plural(days, 'day') : ''].filter(
    Boolean,
  );
  return parts.join(' and ');
}

/** Days as weeks with at most one decimal: 21 → "3", 29 → "4.1". */
export function weeksOf(days: number): string {
  return String(Math.round((days / 7) * 10) / 10);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Options of the rules that judge roadmap items' planned spans. */
export interface SpanRuleOptions {
  /** The lowest hierarchy level judged: 1 = epics and above, 2 = initiatives and above. */
  minLevel: number;
}

export const SPAN_RULE_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: { minLevel: { type: 'integer', minimum: HIERARCHY.epic, maximum: 10 } },
};

export const SPAN_RULE_DEFAULT_OPTIONS: SpanRuleOptions = { minLevel: HIERARCHY.epic };

/** Open items at or above the rule's level that have a planned span, with that span. */
export function* plannedRoadmapItems(context: RuleContext<SpanRuleOptions>): Generator<{ item: Item; span: Span }> {
  for (const item of context.index.site.items) {
    if (!isOpen(item) || item.type.hierarchyLevel < context.options(item.projectKey).minLevel) continue;
    const span = plannedSpan(item);
    if (span) yield { item, span };
  }
}

/** At most this many actions are listed as a finding's evidence; the message gives the total. */
export const EVIDENCE_LIMIT = 10;

/** Apps (automation, integrations) act on someone's behalf; they never count as deciders. */
export function isHumanDecider(index: AuditIndex, accountId: string | undefined): accountId is string {
  return accountId !== undefined && index.people.get(accountId)?.kind !== 'app';
}

/**
 * The roles someone holds for work in a project: the same resolution as the people table (mapped here, else
 * elsewhere on the site, else inferred from their decisions in the project). A finding that leans on an inferred
 * role says so and is provisional.
 */
export function rolesHeldIn(roles: RoleDirectory, accountId: string, projectKey: string): RoleInfo {
  return roles.rolesIn(accountId, projectKey);
}

/**
 * The roles someone holds in a project by the mapping alone (mapped there, else elsewhere on the site): what the
 * overlap rules judge people against. Judging someone's decisions against a role inferred from those same decisions
 * would be circular, so overstepping waits until the role is confirmed.
 */
export function mappedRolesIn(roles: RoleDirectory, accountId: string, projectKey: string): ProductRole[] {
  const info = rolesHeldIn(roles, accountId, projectKey);
  return info.scope === 'project' || info.scope === 'site' ? info.roles : [];
}

/** Whether someone is mapped to the role anywhere on the site. */
export function mappedAnywhere(roles: RoleDirectory, accountId: string, role: ProductRole): boolean {
  const info = roles.siteRoles(accountId);
  return info.scope === 'site' && info.roles.includes(role);
}

/**
 * Project keys where the person is mapped to the role, sorted. overlap/dual-role asks about the mapping itself
 * ("mapped to both roles"); its behaviour basis covers people with no mapping.
 */
export function projectsWhereMapped(
  index: AuditIndex,
  roles: RoleDirectory,
  accountId: string,
  role: ProductRole,
): string[] {
  return [...index.projects.keys()].filter((key) => roles.holders(key, role).includes(accountId)).sort();
}

/** Who holds a role in a project: the people mapped to it, else those inferred from their decisions there. */
export interface RoleHolders {
  /** Names, with what each inferred role rests on; or a phrase saying nobody holds it. */
  names: string;
  /** Nobody is mapped: the names are inferred, or there are none. */
  inferred: boolean;
}

export function roleHolders(
  index: AuditIndex,
  roles: RoleDirectory,
  projectKey: string,
  role: ProductRole,
): RoleHolders {
  const mapped = roles
    .holders(projectKey, role)
    .filter((id) => isHumanDecider(index, id))
    .map((id) => personName(index, id));
  if (mapped.length > 0) return { names: listed(mapped), inferred: false };
  const inferred = roles
    .inferredHolders(projectKey, role)
    .map((holder) => `${personName(index, holder.accountId)} (${describeInference(holder)})`);
  const title = role === 'pm' ? 'Product Manager' : 'Product Owner';
  return {
    names: inferred.length > 0 ? listed(inferred) : `nobody yet (no ${title} is mapped in ${projectKey}, nor inferred)`,
    inferred: true,
  };
}

/** Names of the people holding a role in a project (see `roleHolders`), or a phrase saying nobody does. */
export function holderNames(index: AuditIndex, roles: RoleDirectory, projectKey: string, role: ProductRole): string {
  return roleHolders(index, roles, projectKey, role).names;
}

/** One action as evidence: "Daniel Kowalski (PO): Moved the epic's target end later by 5 months, to 8 months out". */
export function actionEvidence(index: AuditIndex, entry: ClassifiedAction, role?: string): FindingEvidence {
  const who = entry.action.authorId ? personName(index, entry.action.authorId) : 'Someone';
  return {
    issueKey: entry.item.key,
    actionId: entry.action.id,
    at: entry.action.at,
    what: `${who}${role ? ` (${role})` : ''}: ${entry.classification.reason}`,
  };
}

/** Decisions before comments (R4), then the more confident, then the more recent. */
export function mostTellingFirst(a: ClassifiedAction, b: ClassifiedAction): number {
  const comment = Number(a.action.kind === 'comment') - Number(b.action.kind === 'comment');
  return (
    comment ||
    b.classification.confidence - a.classification.confidence ||
    (a.action.at < b.action.at ? 1 : a.action.at > b.action.at ? -1 : 0)
  );
}

const CRITERIA_ORDER: readonly CriteriaId[] = [
  ...CRITERIA.map((entry) => entry.id),
  ...RELATIONS.map((entry) => entry.id),
];

/** The rule's own criteria with those its evidence was classified under, in the rulebook's order. */
export function criteriaOf(base: readonly CriteriaId[], entries: readonly ClassifiedAction[]): CriteriaId[] {
  const ids = new Set<CriteriaId>([...base, ...entries.flatMap((entry) => entry.classification.criteria)]);
  return CRITERIA_ORDER.filter((id) => ids.has(id));
}
