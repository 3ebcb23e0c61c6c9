import type { Board, Item, Sprint } from './model';

/**
 * The project each sprint belongs to: its board's project (the board's location), or, for a board with no location,
 * the project most of the sprint's items come from (on a tie, the first project key in order). A sprint with neither
 * belongs to no project. Boards on sites like Appcelerator's have no location and their sprints mix projects, so the
 * first item's project would file a sprint of 41 TIMOB items and one MOD item under MOD.
 */
export function sprintProjects(site: {
  boards: readonly Board[];
  sprints: readonly Sprint[];
  items: readonly Pick<Item, 'projectKey' | 'sprintIds'>[];
}): Map<number, string> {
  const boardProject = new Map(site.boards.map((board) => [board.id, board.projectKey]));
  const itemCounts = new Map<number, Map<string, number>>();
  for (const item of site.items) {
    for (const sprintId of item.sprintIds) {
      const counts = itemCounts.get(sprintId) ?? new Map<string, number>();
      counts.set(item.projectKey, (counts.get(item.projectKey) ?? 0) + 1);
      itemCounts.set(sprintId, counts);
    }
  }
  const projects = new Map<number, string>();
  for (const sprint of site.sprints) {
    const fromBoard = sprint.boardId !== undefined ? boardProject.get(sprint.boardId) : undefined;
    const home = fromBoard ?? mostItems(itemCounts.get(sprint.id));
    if (home) projects.set(sprint.id, home);
  }
  return projects;
}

function mostItems(counts: ReadonlyMap<string, number> | undefined): string | undefined {
  let best: [string, number] | undefined;
  for (const [projectKey, count] of counts ?? []) {
    if (!best || count > best[1] || (count === best[1] && projectKey < best[0])) best = [projectKey, count];
  }
  return best?.[0];
}
