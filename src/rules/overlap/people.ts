import type { ProductRole } from '../../config/types';
import { CRITERIA, RELATIONS, type CriteriaId } from '../../criteria';
import type { FindingEvidence } from '../../domain/finding';
import type { RoleDirectory } from '../../roles';
import type { AuditIndex, ClassifiedAction } from '../types';
import { personName, listed } from '../../domain/text';

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

/**
 * The roles someone holds for work in a project by the configured mapping (mapped there, else elsewhere on the
 * site). Roles inferred from the person's own actions do not count: judging those actions against a role guessed
 * from them would be circular.
 */
export function mappedRolesIn(roles: RoleDirectory, accountId: string, projectKey: string): ProductRole[] {
  const info = roles.rolesIn(accountId, projectKey);
  return info.scope === 'project' || info.scope === 'site' ? info.roles : [];
}

/** Whether someone is mapped to the role anywhere on the site. */
export function mappedAnywhere(roles: RoleDirectory, accountId: string, role: ProductRole): boolean {
  const info = roles.siteRoles(accountId);
  return info.scope === 'site' && info.roles.includes(role);
}

/** Project keys where the person is mapped to the role, sorted. */
export function projectsWhereMapped(
  index: AuditIndex,
  roles: RoleDirectory,
  accountId: string,
  role: ProductRole,
): string[] {
  return [...index.projects.keys()].filter((key) => roles.holders(key, role).includes(accountId)).sort();
}

/** Names of the people (not apps) mapped to a role in a project, or a phrase saying nobody is. */
export function holderNames(index: AuditIndex, roles: RoleDirectory, projectKey: string, role: ProductRole): string {
  const names = roles
    .holders(projectKey, role)
    .filter((id) => isHumanDecider(index, id))
    .map((id) => personName(index, id));
  return names.length > 0
    ? listed(names)
    : `nobody yet (no ${role === 'pm' ? 'Product Manager' : 'Product Owner'} is mapped in ${projectKey})`;
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
