import { fail, ok, type ResolverResponse } from './response';

/** Where a panel was opened: enough for the UI to choose its view and for resolvers to scope their reads. */
export type ModuleContext = {
  /** The manifest key of the module, e.g. `rba-sprint-action`. */
  moduleKey: string;
  /** The Forge module type from the extension context, e.g. `jira:sprintAction`; null if Jira sent none. */
  moduleType: string | null;
  boardId: number | null;
  sprintId: number | null;
  projectKey: string | null;
  /** The issue an issue-view module (`jira:issueContext`) was opened on. */
  issueKey: string | null;
};

type Json = { [key: string]: unknown };

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const nonEmptyString = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/** Jira sends board and sprint ids as strings on some surfaces and numbers on others. */
function readId(value: unknown): number | null | 'invalid' {
  if (value === undefined || value === null) return null;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return /^[1-9]\d*$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : 'invalid';
}

const nested = (record: Json, key: string): Json => {
  const value = record[key];
  return isObject(value) ? value : {};
};

/** An issue key as Jira writes it (`PAY-12`); anything else is no issue. */
function issueKeyOf(value: unknown): string | null {
  const text = nonEmptyString(value);
  return text !== null && /^[A-Z][A-Z0-9_]*-[1-9]\d*$/.test(text) ? text : null;
}

/**
 * Reads the module context from a resolver request's `context` (as @forge/resolver passes it).
 * Unknown extension fields are ignored; ids that are present but not positive integers are rejected.
 */
export function readModuleContext(context: unknown): ResolverResponse<ModuleContext> {
  if (!isObject(context)) return fail('INVALID_INPUT', 'The request carries no context.');
  const moduleKey = nonEmptyString(context.moduleKey);
  if (moduleKey === null) return fail('INVALID_INPUT', 'The request was not made from an app module (no moduleKey).');

  const extension = nested(context, 'extension');
  const rawBoardId = nested(extension, 'board').id;
  const rawSprintId = nested(extension, 'sprint').id;
  const boardId = readId(rawBoardId);
  const sprintId = readId(rawSprintId);
  if (boardId === 'invalid' || sprintId === 'invalid') {
    const fields = [boardId === 'invalid' ? 'board.id' : null, sprintId === 'invalid' ? 'sprint.id' : null];
    return fail('INVALID_INPUT', `The module context has a malformed ${fields.filter(Boolean).join(' and ')}.`, {
      boardId: rawBoardId,
      sprintId: rawSprintId,
    });
  }

  return ok({
    moduleKey,
    moduleType: nonEmptyString(extension.type),
    boardId,
    sprintId,
    projectKey: nonEmptyString(nested(extension, 'project').key),
    issueKey: issueKeyOf(nested(extension, 'issue').key),
  });
}
