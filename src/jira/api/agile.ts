import type { JiraClient } from '../client';
import type { RestBoard, RestSprint } from '../snapshot';
import { orNotFound } from '../errors';
import { readAllOffsetPages } from './paging';

const AGILE_PAGE = 50;

/** Every board the caller can see; with a project, only that project's boards. */
export async function listBoards(client: JiraClient, projectKeyOrId?: string): Promise<RestBoard[]> {
  return readAllOffsetPages<RestBoard>(
    client,
    '/rest/agile/1.0/board',
    projectKeyOrId ? { projectKeyOrId } : {},
    AGILE_PAGE,
  );
}

/** One board by id, if the caller may see it (Jira answers 404 for a board that is missing or hidden alike). */
export async function getBoard(client: JiraClient, boardId: number): Promise<RestBoard | undefined> {
  return orNotFound(client.get<RestBoard>(`/rest/agile/1.0/board/${boardId}`, undefined, { countObjects: () => 1 }));
}

/** A board's sprints, all states unless narrowed. Only scrum boards have sprints. */
export async function listSprints(
  client: JiraClient,
  boardId: number,
  states?: Array<'future' | 'active' | 'closed'>,
): Promise<RestSprint[]> {
  const query = states && states.length > 0 ? { state: states.join(',') } : {};
  return readAllOffsetPages<RestSprint>(client, `/rest/agile/1.0/board/${boardId}/sprint`, query, AGILE_PAGE);
}

export function boardHasSprints(board: RestBoard): boolean {
  return board.type === 'scrum';
}
