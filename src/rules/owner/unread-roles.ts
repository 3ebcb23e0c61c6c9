import type { ProductRole } from '../../config/types';
import type { ReadProblem } from '../../domain/model';
import type { RuleContext } from '../types';

/**
 * The read problems that leave who holds a role in a project unknown: the project's roles were not read, or the
 * members of groups were not read while the role is mapped through groups there (by name in the mapping, or as
 * actors of the project roles mapped to it). While any stands, finding nobody in the role proves nothing.
 */
export function unreadRoleData<Options>(
  context: RuleContext<Options>,
  projectKey: string,
  role: ProductRole,
): ReadProblem[] {
  const problems = context.index.site.problems;
  const roles = problems.filter((problem) => problem.unread === 'project-roles' && problem.ref === projectKey);
  if (roles.length > 0) return roles;
  const groups = problems.filter((problem) => problem.unread === 'groups');
  if (groups.length === 0) return [];
  const mapping = context.settings(projectKey).roleMapping;
  const roleNames = new Set(mapping.projectRoles[role].map((name) => name.toLowerCase()));
  const throughGroups =
    mapping.groups[role].length > 0 ||
    (context.index.projects.get(projectKey)?.roles ?? []).some(
      (projectRole) => roleNames.has(projectRole.name.toLowerCase()) && projectRole.groupNames.length > 0,
    );
  return throughGroups ? groups : [];
}
