import { ConfigRepository } from '../store/config-store';
import { getBoard } from '../jira/api/agile';
import type { RestBoard } from '../jira/snapshot';
import type { BoardPanel, FirstScanView } from './api';
import type { Handler } from './handler';
import { fail, ok, type ResolverResponse } from './response';
import { RULE_METAS } from '../rules';
import type { AppServices } from './services';
import { auditForViewer } from './viewer-audit';
import { boardInContext, inScope, peopleInScope, trendOf } from './view-scope';

export const getBoardPanel: Handler<'getBoardPanel'> = async (services, payload, context) => {
  const { boardId, sprintId } = boardInContext(payload, context);
  if (!boardId) return fail('INVALID_INPUT', 'Open the panel from a board, a backlog or a sprint: no board was given.');
  const board = await getBoard(services.jiraAsUser(), boardId);
  if (!board) return fail('NOT_FOUND', `Board ${boardId} does not exist or you may not see it.`);
  return boardPanel(services, board, sprintId);
};

export async function boardPanel(
  services: AppServices,
  board: RestBoard,
  sprintId: number | null,
): Promise<ResolverResponse<BoardPanel | FirstScanView>> {
  const projectKey = board.location?.projectKey;
  const config = await new ConfigRepository(services.store, RULE_METAS).effective();
  const outcome = await auditForViewer(services, config, projectKey);
  if (!outcome.ok) return outcome;
  if (!('audit' in outcome.data)) return ok(outcome.data);
  const { audit } = outcome.data;
  const { report, names, baseUrl, freshness } = audit;

  const boardSprints = report.sprints.filter((sprint) => sprint.boardId === board.id);
  const chosen =
    (sprintId ? report.sprints.find((sprint) => sprint.id === sprintId) : undefined) ??
    boardSprints
      .filter((sprint) => sprint.state === 'active')
      .sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? ''))[0];
  const ownerIds = projectKey
    ? (report.projects.find((project) => project.key === projectKey)?.productOwners ?? [])
    : [];
  const panel: BoardPanel = {
    generatedAt: report.generatedAt,
    siteUrl: baseUrl,
    coverage: report.coverage,
    window: report.window,
    freshness,
    board: { id: board.id, name: board.name, type: board.type, ...(projectKey ? { projectKey } : {}) },
    findings: report.findings.filter((finding) => inScope(projectKey, finding.projectKeys)),
    people: peopleInScope(report.people, projectKey),
    trend: await trendOf(services, projectKey, audit),
  };
  if (chosen)
    panel.sprint = {
      ...chosen,
      productOwners: ownerIds.map((accountId) => ({ accountId, displayName: names.get(accountId) ?? 'Unknown user' })),
    };
  return ok(panel);
}
