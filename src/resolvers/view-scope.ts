import { profileInProject, type PersonProfile } from '../audit/report';
import { readHistory } from '../scan';
import type { WeeklySummary } from './api';
import { readModuleContext } from './context';
import type { AppServices, CallerContext } from './services';
import type { ViewerAudit } from './viewer-audit';

/** A project's weekly history counts what the background audit saw of every project: only for viewers who see them all. */
export async function trendOf(
  services: AppServices,
  projectKey: string | undefined,
  audit: ViewerAudit,
): Promise<WeeklySummary[]> {
  return projectKey && audit.seesEveryCachedProject && !audit.historyHiddenFor?.includes(projectKey)
    ? readHistory(services.store, projectKey)
    : [];
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
