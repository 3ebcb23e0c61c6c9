import { effectiveSettings } from '../config/defaults';
import { roleMappingGroups } from '../config/role-mapping';
import { getBoard } from '../jira/api/agile';
import { getProject } from '../jira/api/platform';
import { auditDue, BackgroundScanner } from '../scan';
import { ConfigRepository } from '../store/config-store';
import { boardPanel } from './board-panel';
import { panelKind } from '../audit/panel-scope';
import type { Handler } from './handler';
import { fail, ok } from './response';
import { roadmapView } from './roadmap';
import { RULE_METAS } from '../rules';
import { boardInContext } from './view-scope';

/** A refresh step from a resolver stops starting requests after this long, leaving time to audit within 25 s. */
const REFRESH_BUDGET_MS = 8_000;

/**
 * Runs one refresh step of the viewer's project now (as the app: the cache is shared, so it holds what the app
 * sees, and views filter it by what the viewer may browse), then returns the view it was asked from. A project
 * never scanned gets the first step of its full scan; the background scan completes it.
 */
export const refreshProject: Handler<'refreshProject'> = async (services, payload, context) => {
  const { boardId, sprintId, projectKey: contextProject, moduleType } = boardInContext(payload, context);
  const client = services.jiraAsUser();
  const board = boardId ? await getBoard(client, boardId) : undefined;
  if (boardId && !board) return fail('NOT_FOUND', `Board ${boardId} does not exist or you may not see it.`);
  const projectKey = payload?.projectKey ?? board?.location?.projectKey ?? contextProject;
  if (!projectKey) return fail('INVALID_INPUT', 'Say which project to refresh: no project or board was given.');
  if (!(await getProject(client, projectKey)))
    return fail('NOT_FOUND', `Project ${projectKey} does not exist or you may not browse it.`);

  const config = await new ConfigRepository(services.store, RULE_METAS).effective();
  const step = await new BackgroundScanner().step(services.jiraAsApp(), services.store, projectKey, {
    timeBudgetMs: REFRESH_BUDGET_MS,
    now: services.now,
    groups: roleMappingGroups(config),
    windowDays: effectiveSettings(config, projectKey).auditWindowDays,
  });
  const refresh = {
    done: step.done,
    busy: step.busy === true,
    issuesWritten: step.issuesWritten,
    requests: step.requests,
  };
  // A refresh that found nothing new leaves the stored reports current: no audit to queue.
  if (step.done && (await auditDue(services.store, config, undefined, services.now()))) await services.requestAudit?.();
  if (board) {
    const panel = await boardPanel(services, board, sprintId, panelKind(moduleType, sprintId));
    return panel.ok ? ok({ projectKey, refresh, view: { kind: 'board', panel: panel.data } }) : panel;
  }
  const roadmap = await roadmapView(services, projectKey);
  return roadmap.ok ? ok({ projectKey, refresh, view: { kind: 'roadmap', roadmap: roadmap.data } }) : roadmap;
};
