import type { AuditReport } from '../audit';
import { profileInProject, type PersonProfile } from '../audit/report';
import type { DecisionWeek } from '../audit/weekly';
import { readModuleContext } from './context';
import type { CallerContext } from './services';

/**
 * The project's last weeks of decisions, from its stored report: empty without a project, or when the viewer may
 * not see some of its issues (their decisions are in every week's counts, see src/audit/visibility.ts).
 */
export function trendOf(report: AuditReport, projectKey: string | undefined): DecisionWeek[] {
  return report.projects.find((project) => project.key === projectKey)?.weeks ?? [];
}

/**
 * People who worked in the view's project, with the counts of their work there (all of it on the global page). App
 * accounts (automation, integrations) and former users are left out: they are nobody a PM or a PO can talk to.
 */
export function peopleInScope(people: readonly PersonProfile[], projectKey: string | undefined): PersonProfile[] {
  const humans = people.filter(canBeAsked);
  if (projectKey === undefined) return humans;
  return humans
    .filter((person) => person.projects.includes(projectKey))
    .map((person) => profileInProject(person, projectKey));
}

/** Not an app account (automation, integrations) nor a former user: someone a PM or a PO can talk to. */
export function canBeAsked(person: Pick<PersonProfile, 'kind' | 'former'>): boolean {
  return person.kind !== 'app' && person.former !== true;
}

export function inScope(projectKey: string | undefined, keys: readonly string[]): boolean {
  return projectKey === undefined || keys.includes(projectKey);
}

/** The board, sprint and project a call is about: from the payload, else from the module the UI was opened in. */
export function boardInContext(payload: { boardId?: number; sprintId?: number } | undefined, context: CallerContext) {
  const fromModule = readModuleContext({ moduleKey: context.moduleKey ?? 'unknown', extension: context.extension });
  return {
    boardId: payload?.boardId ?? (fromModule.ok ? fromModule.data.boardId : null),
    sprintId: payload?.sprintId ?? (fromModule.ok ? fromModule.data.sprintId : null),
    projectKey: fromModule.ok ? (fromModule.data.projectKey ?? undefined) : undefined,
    moduleType: fromModule.ok ? fromModule.data.moduleType : null,
  };
}

/** The issue an issue-view module was opened on, from the caller's context. */
export function issueInContext(context: CallerContext): string | undefined {
  const fromModule = readModuleContext({ moduleKey: context.moduleKey ?? 'unknown', extension: context.extension });
  return fromModule.ok ? (fromModule.data.issueKey ?? undefined) : undefined;
}
