import type { Finding } from '../domain/finding';
import { projectKeyOf } from '../domain/issue-key';
import type { SprintSummary } from './report';

/** The Jira action a board panel was opened from: each shows only what it is opened on. */
export type PanelKind = 'board' | 'backlog' | 'sprint';

const KIND_OF_MODULE: Record<string, PanelKind> = {
  'jira:boardAction': 'board',
  'jira:backlogAction': 'backlog',
  'jira:sprintAction': 'sprint',
};

/** The panel's kind from the module type Jira sent; without one (a direct call), a sprint id asks for that sprint. */
export function panelKind(moduleType: string | null | undefined, sprintId: number | null): PanelKind {
  return (moduleType ? KIND_OF_MODULE[moduleType] : undefined) ?? (sprintId ? 'sprint' : 'board');
}

/** What one panel is about: the issues, sprints and roadmap items a finding must touch to be shown there. */
export interface PanelScope {
  kind: PanelKind;
  projectKey: string | undefined;
  /** The sprints in view: the one opened (sprint), the board's active ones (board), its future ones (backlog). */
  sprints: SprintSummary[];
  /** Issues of the sprints in view. */
  issueKeys: Set<string>;
  /** Roadmap items the sprints' work hangs under (board panel only). */
  roadmapKeys: Set<string>;
  /** Issues of the board's active and closed sprints: scheduled work, which the backlog panel leaves out. */
  scheduledKeys: Set<string>;
  /** Every roadmap item (epics and above): planned on the roadmap pages, not in the backlog. */
  roadmapItemKeys: ReadonlySet<string>;
}

const keysOf = (sprints: readonly SprintSummary[], field: 'keys' | 'hangsUnder') =>
  new Set(
    sprints.flatMap((sprint) =>
      Object.values(sprint.byProject).flatMap((work) => (field === 'keys' ? work.keys : Object.keys(work.hangsUnder))),
    ),
  );

/**
 * The scope of a panel opened on `board` (its sprints among `sprints`): the sprint opened, else the board's active
 * sprints and the roadmap items their work hangs under, else (backlog) the board's future sprints and unscheduled work.
 */
export function panelScope(
  kind: PanelKind,
  board: { id: number; projectKey?: string },
  boardSprints: readonly SprintSummary[],
  sprint: SprintSummary | undefined,
  roadmapItemKeys: ReadonlySet<string>,
): PanelScope {
  const byState = (state: string) => boardSprints.filter((candidate) => candidate.state === state);
  const inView =
    kind === 'sprint' ? (sprint ? [sprint] : []) : kind === 'board' ? byState('active') : byState('future');
  return {
    kind,
    projectKey: board.projectKey,
    sprints: inView,
    issueKeys: keysOf(inView, 'keys'),
    roadmapKeys: kind === 'board' ? keysOf(inView, 'hangsUnder') : new Set(),
    scheduledKeys: keysOf(
      boardSprints.filter((candidate) => candidate.state !== 'future'),
      'keys',
    ),
    roadmapItemKeys,
  };
}

/**
 * Whether a finding is about what the panel is opened on. A sprint panel shows findings about the sprint, its items
 * or resting on evidence from it; a board panel adds the roadmap items its active sprints' work hangs under and
 * the project's own findings (missing roles); a backlog panel shows findings about the project's work in no active
 * or closed sprint (unscheduled or in a future sprint) below the roadmap, its future sprints, and the project's own.
 * A board with no sprints in view (Kanban) shows everything of its project, its work being the board's.
 */
export function inPanel(scope: PanelScope, finding: Finding): boolean {
  const { projectKey } = scope;
  if (projectKey !== undefined && !finding.projectKeys.includes(projectKey)) return false;
  const sprintIds = new Set(scope.sprints.map((sprint) => String(sprint.id)));
  const aboutSprintInView =
    (finding.subject.type === 'sprint' && sprintIds.has(finding.subject.id)) ||
    finding.issueKeys.some((key) => scope.issueKeys.has(key)) ||
    finding.evidence.some((evidence) => evidence.sprintId !== undefined && sprintIds.has(String(evidence.sprintId)));
  if (aboutSprintInView) return true;
  const aboutProject = finding.subject.type === 'project' && finding.subject.id === projectKey;
  switch (scope.kind) {
    case 'sprint':
      return false;
    case 'board':
      return (
        aboutProject ||
        finding.issueKeys.some((key) => scope.roadmapKeys.has(key)) ||
        (scope.sprints.length === 0 && finding.subject.type !== 'sprint')
      );
    case 'backlog':
      return (
        aboutProject ||
        (finding.subject.type !== 'sprint' &&
          finding.subject.type !== 'person' &&
          finding.issueKeys.length > 0 &&
          finding.issueKeys.some(
            (key) =>
              (projectKey === undefined || projectKeyOf(key) === projectKey) &&
              !scope.scheduledKeys.has(key) &&
              !scope.roadmapItemKeys.has(key),
          ))
      );
  }
}
