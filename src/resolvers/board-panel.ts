import { ConfigRepository } from '../store/config-store';
import { getBoard } from '../jira/api/agile';
import type { RestBoard } from '../jira/snapshot';
import type { BoardPanel, FirstScanView } from './api';
import type { Handler } from './handler';
import { fail, ok, type ResolverResponse } from './response';
import { countBySeverity } from '../domain/finding';
import { compareIssueKeys } from '../domain/issue-key';
import { inPanel, panelKind, panelScope, type PanelKind } from '../audit/panel-scope';
import type { SprintSummary } from '../audit/report';
import { RULE_METAS } from '../rules';
import type { AppServices } from './services';
import { auditForViewer } from './viewer-audit';
import { boardInContext, canBeAsked, peopleInScope, trendOf } from './view-scope';

export const getBoardPanel: Handler<'getBoardPanel'> = async (services, payload, context) => {
  const { boardId, sprintId, moduleType } = boardInContext(payload, context);
  if (!boardId) return fail('INVALID_INPUT', 'Open the panel from a board, a backlog or a sprint: no board was given.');
  const board = await getBoard(services.jiraAsUser(), boardId);
  if (!board) return fail('NOT_FOUND', `Board ${boardId} does not exist or you may not see it.`);
  return boardPanel(services, board, sprintId, panelKind(moduleType, sprintId));
};

/** The panel of `board` opened from a `kind` action; NOT_FOUND for a sprint that is not the board's. */
export async function boardPanel(
  services: AppServices,
  board: RestBoard,
  sprintId: number | null,
  kind: PanelKind,
): Promise<ResolverResponse<BoardPanel | FirstScanView>> {
  const projectKey = board.location?.projectKey;
  const config = await new ConfigRepository(services.store, RULE_METAS).effective();
  const outcome = await auditForViewer(services, config, projectKey);
  if (!outcome.ok) return outcome;
  if (!('audit' in outcome.data)) return ok(outcome.data);
  const { audit } = outcome.data;
  const { report, names, baseUrl, freshness } = audit;

  const boardSprints = report.sprints.filter((sprint) => sprint.boardId === board.id);
  const opened = sprintId ? boardSprints.find((sprint) => sprint.id === sprintId) : undefined;
  if (sprintId && !opened)
    return fail(
      'NOT_FOUND',
      `Sprint ${sprintId} is not a sprint of board ${board.id} that you may see, or it was created since the last scan.`,
    );
  const latestActive = boardSprints
    .filter((sprint) => sprint.state === 'active')
    .sort((a, b) => (b.startDate ?? '').localeCompare(a.startDate ?? ''))[0];
  const chosen = kind === 'backlog' ? undefined : (opened ?? latestActive);
  const scope = panelScope(
    kind,
    { id: board.id, ...(projectKey ? { projectKey } : {}) },
    boardSprints,
    chosen,
    new Set(report.roadmapItems.map((item) => item.key)),
  );
  const nameOf = (accountId: string) => names.get(accountId) ?? 'Unknown user';
  const ownerIds = projectKey
    ? (report.projects.find((project) => project.key === projectKey)?.productOwners ?? [])
    : [];
  const nobodyToAsk = new Set(report.people.filter((person) => !canBeAsked(person)).map((person) => person.accountId));
  const deciders = decidersOf(scope.sprints)
    .filter((decider) => !nobodyToAsk.has(decider.accountId))
    .map((decider) => ({ ...decider, displayName: nameOf(decider.accountId) }));
  const projectPeople = peopleInScope(report.people, projectKey);
  const findings = report.findings.filter((finding) => inPanel(scope, finding));
  const panel: BoardPanel = {
    kind,
    generatedAt: report.generatedAt,
    siteUrl: baseUrl,
    coverage: report.coverage,
    window: report.window,
    freshness,
    board: { id: board.id, name: board.name, type: board.type, ...(projectKey ? { projectKey } : {}) },
    sprints: scope.sprints,
    deciders,
    roadmapKeys: [...scope.roadmapKeys].sort(compareIssueKeys),
    // The project's own: another project's roadmap items are summarised in its stored reports, which a board's view
    // does not read (the panel names them by key).
    roadmapItems: report.roadmapItems.filter(
      (item) => scope.roadmapKeys.has(item.key) && item.projectKey === projectKey,
    ),
    findings,
    severityCounts: countBySeverity(findings),
    // On a sprint's panels, the people who decided on its work; elsewhere everyone acting on the project's.
    people:
      scope.sprints.length > 0
        ? projectPeople.filter((person) => deciders.some((decider) => decider.accountId === person.accountId))
        : projectPeople,
    trend: trendOf(report, projectKey),
  };
  if (chosen)
    panel.sprint = {
      ...chosen,
      productOwners: ownerIds.map((accountId) => ({ accountId, displayName: nameOf(accountId) })),
    };
  return ok(panel);
}

/** Strategic and tactical decisions on the sprints' work, summed per person over projects, most decisions first. */
function decidersOf(sprints: readonly SprintSummary[]) {
  const totals = new Map<string, { strategic: number; tactical: number }>();
  for (const work of sprints.flatMap((sprint) => Object.values(sprint.byProject)))
    for (const [accountId, counts] of Object.entries(work.deciders)) {
      const total = totals.get(accountId) ?? { strategic: 0, tactical: 0 };
      total.strategic += counts.strategic;
      total.tactical += counts.tactical;
      totals.set(accountId, total);
    }
  return [...totals.entries()]
    .map(([accountId, counts]) => ({ accountId, ...counts }))
    .sort(
      (a, b) =>
        b.strategic + b.tactical - (a.strategic + a.tactical) ||
        (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0),
    );
}
