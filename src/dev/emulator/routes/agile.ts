import type { RestBoard, RestSprint } from '../../../jira/snapshot';
import { badRequest, notFound } from '../errors';
import { FieldSelection, renderIssue } from '../issues';
import { firstParam, listParam, offsetPage, type OffsetPage } from '../params';
import type { Answer, RequestContext, Route } from '../route';
import { compileQuery, parseQuery } from './search';

const AGILE_PAGE_CAP = 50;
const BOARD_NOT_FOUND =
  'The requested board cannot be viewed because it either does not exist or you do not have permission to view it.';
const SPRINT_NOT_FOUND =
  'The requested sprint cannot be viewed because it either does not exist or you do not have permission to view it.';
/** Jira lists a board's sprints closed first, then active, then future, each in board order. */
const STATE_ORDER: Record<string, number> = { closed: 0, active: 1, future: 2 };

interface AgilePage<T> {
  maxResults: number;
  startAt: number;
  total: number;
  isLast: boolean;
  values: T[];
}

function agilePage<T>(items: readonly T[], page: OffsetPage): AgilePage<T> {
  const values = items.slice(page.startAt, page.startAt + page.maxResults);
  return {
    maxResults: page.maxResults,
    startAt: page.startAt,
    total: items.length,
    isLast: page.startAt + values.length >= items.length,
    values,
  };
}

function boardView(context: RequestContext, board: RestBoard): RestBoard {
  return { ...board, self: board.self ?? `${context.origin}/rest/agile/1.0/board/${board.id}` };
}

function sprintView(context: RequestContext, sprint: RestSprint, boardId: number): RestSprint {
  return {
    ...sprint,
    self: sprint.self ?? `${context.origin}/rest/agile/1.0/sprint/${sprint.id}`,
    originBoardId: sprint.originBoardId ?? boardId,
  };
}

function numericParam(context: RequestContext, name: string): number {
  const raw = context.params[name] ?? '';
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value))
    throw badRequest(`Failed to convert '${name}' with value: '${raw}'`);
  return value;
}

function listBoards(context: RequestContext): Answer {
  const { query, site, viewer } = context;
  const types = new Set(listParam(query, 'type'));
  const name = firstParam(query, 'name')?.toLowerCase();
  const project = firstParam(query, 'projectKeyOrId');
  const orderBy = firstParam(query, 'orderBy');
  const boards = site.snapshot.boards.filter(
    (board) =>
      site.canSeeBoard(viewer, board) &&
      (types.size === 0 || types.has(board.type)) &&
      (name === undefined || board.name.toLowerCase().includes(name)) &&
      (project === undefined ||
        board.location?.projectKey === project ||
        String(board.location?.projectId) === project),
  );
  if (orderBy !== undefined) {
    if (orderBy.replace(/^[+-]/, '') !== 'name')
      throw badRequest(`The Jira emulator orders boards by name, not '${orderBy}'.`);
    boards.sort((a, b) => a.name.localeCompare(b.name));
    if (orderBy.startsWith('-')) boards.reverse();
  }
  const page = agilePage(boards, offsetPage(query, { defaultMax: AGILE_PAGE_CAP, cap: AGILE_PAGE_CAP }));
  return {
    body: { ...page, values: page.values.map((board) => boardView(context, board)) },
    objects: page.values.length,
  };
}

function getBoard(context: RequestContext): Answer {
  const board = context.site.board(numericParam(context, 'boardId'));
  if (!board || !context.site.canSeeBoard(context.viewer, board)) throw notFound(BOARD_NOT_FOUND);
  return { body: boardView(context, board), objects: 1 };
}

function boardSprints(context: RequestContext): Answer {
  const { query, site, viewer } = context;
  const boardId = numericParam(context, 'boardId');
  const board = site.board(boardId);
  if (!board || !site.canSeeBoard(viewer, board)) throw notFound(BOARD_NOT_FOUND);
  if (board.type === 'kanban') throw badRequest('The board does not support sprints');
  const states = new Set(listParam(query, 'state').map((state) => state.toLowerCase()));
  const sprints = site
    .sprintsOfBoard(boardId)
    .filter((sprint) => states.size === 0 || states.has(sprint.state.toLowerCase()))
    .map((sprint, position) => ({ sprint, position }))
    .sort((a, b) => (STATE_ORDER[a.sprint.state] ?? 3) - (STATE_ORDER[b.sprint.state] ?? 3) || a.position - b.position)
    .map(({ sprint }) => sprint);
  const page = agilePage(sprints, offsetPage(query, { defaultMax: AGILE_PAGE_CAP, cap: AGILE_PAGE_CAP }));
  return {
    body: { ...page, values: page.values.map((sprint) => sprintView(context, sprint, boardId)) },
    objects: page.values.length,
  };
}

function visibleSprint(context: RequestContext) {
  const entry = context.site.sprint(numericParam(context, 'sprintId'));
  const board = entry && context.site.board(entry.boardId);
  if (!entry || (board && !context.site.canSeeBoard(context.viewer, board))) throw notFound(SPRINT_NOT_FOUND);
  return entry;
}

function getSprint(context: RequestContext): Answer {
  const { sprint, boardId } = visibleSprint(context);
  return { body: sprintView(context, sprint, boardId), objects: 1 };
}

/** A sprint's issues in rank order (or the `jql` parameter's own ORDER BY), filtered by that `jql`. */
function sprintIssues(context: RequestContext): Answer {
  const { query, site, viewer } = context;
  const { sprint } = visibleSprint(context);
  const parsed = parseQuery(firstParam(query, 'jql') ?? '');
  const defaultOrder = site.rankFieldId ? 'rank' : 'key';
  const compiled = compileQuery(
    parsed.orderBy.length > 0
      ? parsed
      : { ...parsed, orderBy: [{ field: defaultOrder, direction: 'ASC', position: 0 }] },
    context,
  );
  const issues = site
    .visibleIssues(viewer)
    .filter((issue) => site.sprintIdsOf(issue).includes(sprint.id) && compiled.matches(issue))
    .sort((a, b) => compiled.compare(a, b));
  const { startAt, maxResults } = offsetPage(query, { defaultMax: AGILE_PAGE_CAP, cap: AGILE_PAGE_CAP });
  const selection = FieldSelection.parse(listParam(query, 'fields'), ['*navigable']);
  const rendered = issues.slice(startAt, startAt + maxResults).map((issue) =>
    renderIssue(issue, site, {
      selection,
      expandChangelog: false,
      selfLink: (target) => `${context.origin}/rest/agile/1.0/issue/${target.id}`,
    }),
  );
  return {
    body: {
      expand: 'schema,names',
      startAt,
      maxResults,
      total: issues.length,
      issues: rendered.map(({ json }) => json),
    },
    objects: rendered.reduce((sum, { objects }) => sum + objects, 0),
  };
}

export const agileRoutes: Route[] = [
  { method: 'GET', url: '/rest/agile/1.0/board', handle: listBoards },
  { method: 'GET', url: '/rest/agile/1.0/board/:boardId', handle: getBoard },
  { method: 'GET', url: '/rest/agile/1.0/board/:boardId/sprint', handle: boardSprints },
  { method: 'GET', url: '/rest/agile/1.0/sprint/:sprintId', handle: getSprint },
  { method: 'GET', url: '/rest/agile/1.0/sprint/:sprintId/issue', handle: sprintIssues },
];
