import type { ProductRole } from '../../config/types';
import { CRITERIA, RELATIONS, type CriteriaId } from '../../criteria';
import type { FindingEvidence } from '../../domain/finding';
import type { Instant } from '../../domain/model';
import { describeInference, type RoleDirectory, type RoleInfo } from '../../roles';
import type { AuditIndex, ClassifiedAction } from '../types';

/**
 * Small helpers the role rules share: who counts as a decider, which roles someone holds by the mapping,
 * and how an action reads as evidence.
 */

/** At most this many actions are listed as a finding's evidence; the message gives the total. */
export const EVIDENCE_LIMIT = 10;

/** Apps (automation, integrations) act on someone's behalf; they never count as deciders. */
export function isHumanDecider(index: AuditIndex, accountId: string | undefined): accountId is string {
  return accountId !== undefined && index.people.get(accountId)?.kind !== 'app';
}

export function personName(index: AuditIndex, accountId: string): string {
  return index.people.get(accountId)?.displayName ?? 'Unknown user';
}

/**
 * The roles someone holds for work in a project: the same resolution as the people table (mapped here, else
 * elsewhere on the site, else inferred from their decisions in the project). A finding that leans on an inferred
 * role says so and is provisional.
 */
export function rolesHeldIn(roles: RoleDirectory, accountId: string, projectKey: string): RoleInfo {
  return roles.rolesIn(accountId, projectKey);
}

/** Whether someone holds the role anywhere on the site, mapped or inferred. */
export function holdsAnywhere(roles: RoleDirectory, accountId: string, role: ProductRole): boolean {
  return roles.siteRoles(accountId).roles.includes(role);
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

/** Whether someone is mapped to the role anywhere on the site. */
export function mappedAnywhere(roles: RoleDirectory, accountId: string, role: ProductRole): boolean {
  const info = roles.siteRoles(accountId);
  return info.scope === 'site' && info.roles.includes(role);
}

/** "Ana Costa", "Ana Costa and Lukas Becker", "Ana Costa, Lukas Becker and Wei Zhang". */
export function listed(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
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

/** The UTC calendar day of an instant. */
export function day(at: Instant): string {
  return at.slice(0, 10);
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

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
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
