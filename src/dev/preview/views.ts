import type { RestIssue, SiteSnapshot } from '../../jira/snapshot';

export interface ViewRequest {
  accountId: string;
  moduleKey: string;
  extension: {
    type: string;
    board?: { id: string };
    sprint?: { id: string };
    project?: { key: string };
    issue?: { key: string; id: string };
  };
}

export interface PreviewView {
  name: string;
  title: string;
  description: string;
  /** Path and query on the preview server. */
  url: string;
  accountId: string;
}

/**
 * One link per module, opened as the person it is for: the product owner of the first scrum board with an active
 * sprint (board, backlog and sprint panels), a product manager (project and global pages), the site admin
 * (admin page) and that project's admin (project settings).
 */
export interface ViewFocus {
  /** The project whose scrum board the PO panels open on. */
  boardProject?: string;
  /** The project the roadmap project page shows. */
  roadmapProject?: string;
  /** The project whose settings page opens (as its project admin). */
  settingsProject?: string;
  /** The issue whose decision log opens (as the board's PO); by default the board project's most changed issue. */
  issue?: string;
}

export function previewViews(snapshot: SiteSnapshot, focus: ViewFocus = {}): PreviewView[] {
  const name = (accountId: string) =>
    snapshot.users.find((user) => user.accountId === accountId)?.displayName ?? accountId;
  const roleHolder = (projectKey: string, roleName: string) =>
    (snapshot.projectRoles[projectKey] ?? [])
      .find((role) => role.name === roleName)
      ?.actors?.find((actor) => actor.actorUser)?.actorUser?.accountId;
  const withActiveSprint = snapshot.boards.filter(
    (candidate) =>
      candidate.type === 'scrum' &&
      candidate.location?.projectKey &&
      (snapshot.sprints[String(candidate.id)] ?? []).some((sprint) => sprint.state === 'active'),
  );
  const board =
    withActiveSprint.find((candidate) => candidate.location?.projectKey === focus.boardProject) ?? withActiveSprint[0];
  if (!board?.location?.projectKey)
    throw new Error('The preview needs a scrum board with an active sprint on the site');
  const projectKey = board.location.projectKey;
  const roadmapProject = focus.roadmapProject ?? projectKey;
  const settingsProject = focus.settingsProject ?? projectKey;
  const sprint = (snapshot.sprints[String(board.id)] ?? []).find((candidate) => candidate.state === 'active')!;
  const issue =
    snapshot.issues.find((candidate) => candidate.key === focus.issue) ?? mostDebatedIssue(snapshot, projectKey);
  const po = roleHolder(projectKey, 'Product Owner') ?? snapshot.users[0]!.accountId;
  const pm = roleHolder(roadmapProject, 'Product Manager') ?? roleHolder(projectKey, 'Product Manager') ?? po;
  const permissions = Object.entries(snapshot.permissions ?? {});
  const admin = permissions.find(([, grant]) => grant.admin)?.[0] ?? pm;
  const projectAdmin = permissions.find(([, grant]) => grant.projectAdmin?.includes(settingsProject))?.[0] ?? admin;
  const view = (
    viewName: string,
    module: string,
    accountId: string,
    title: string,
    description: string,
    query: Record<string, string | number>,
  ) => ({
    name: viewName,
    title,
    description: `${description}, as ${name(accountId)}`,
    url: `/app/?${new URLSearchParams({ module, as: accountId, ...Object.fromEntries(Object.entries(query).map(([key, value]) => [key, String(value)])) }).toString()}`,
    accountId,
  });
  return [
    view('board', 'jira:boardAction', po, `Board panel: ${board.name}`, 'the PO panel from the board menu', {
      board: board.id,
    }),
    view('backlog', 'jira:backlogAction', po, `Backlog panel: ${board.name}`, 'the PO panel from the backlog menu', {
      board: board.id,
    }),
    view('sprint', 'jira:sprintAction', po, `Sprint panel: ${sprint.name}`, 'the PO panel from the sprint menu', {
      board: board.id,
      sprint: sprint.id,
    }),
    ...(issue
      ? [
          view('issue', 'jira:issueContext', po, `Decision log: ${issue.key}`, "the issue view's decision log", {
            issue: issue.key,
          }),
        ]
      : []),
    view(
      'project',
      'jira:projectPage',
      pm,
      `Roadmap ownership: ${roadmapProject}`,
      'the project page for product managers',
      { project: roadmapProject },
    ),
    view('global', 'jira:globalPage', pm, 'Roadmap ownership across projects', 'the cross-project page', {}),
    view('admin', 'jira:adminPage', admin, 'Site configuration', 'the admin page', {}),
    view(
      'settings',
      'jira:projectSettingsPage',
      projectAdmin,
      `Project settings: ${settingsProject}`,
      "the project's settings page",
      { project: settingsProject },
    ),
  ];
}

/** The issue of the project most people changed, most often: the one whose decision log has the most to show. */
function mostDebatedIssue(snapshot: SiteSnapshot, projectKey: string): RestIssue | undefined {
  const weight = (issue: RestIssue) => {
    const histories = issue.changelog?.histories ?? [];
    return [new Set(histories.map((history) => history.author?.accountId)).size, histories.length] as const;
  };
  return snapshot.issues
    .filter((issue) => issue.key.startsWith(`${projectKey}-`))
    .map((issue) => ({ issue, weight: weight(issue) }))
    .sort((a, b) => b.weight[0] - a.weight[0] || b.weight[1] - a.weight[1] || a.issue.key.localeCompare(b.issue.key))[0]
    ?.issue;
}
