/** Which view a module shows, read from the Forge extension context (`view.getContext().extension`). */
export type ViewChoice =
  | { kind: 'board'; moduleType: string; boardId?: number; sprintId?: number }
  | { kind: 'roadmap'; moduleType: string; projectKey?: string }
  | { kind: 'issue'; moduleType: string; issueKey?: string }
  | { kind: 'settings'; moduleType: string; projectKey?: string }
  | { kind: 'unsupported'; moduleType: string | null; reason: string };

const BOARD_MODULES = new Set(['jira:boardAction', 'jira:backlogAction', 'jira:sprintAction']);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const nested = (record: Json, key: string): Json => (isObject(record[key]) ? record[key] : {});

/** Jira sends board and sprint ids as strings on some surfaces and numbers on others. */
function positiveId(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return /^[1-9]\d*$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : undefined;
}

function projectKeyOf(extension: Json): string | undefined {
  const key = nested(extension, 'project').key;
  return typeof key === 'string' && key.trim() !== '' ? key.trim() : undefined;
}

export function chooseView(extension: unknown): ViewChoice {
  const ext = isObject(extension) ? extension : {};
  const moduleType = typeof ext.type === 'string' ? ext.type : null;
  if (moduleType === null)
    return { kind: 'unsupported', moduleType, reason: 'Jira did not say which module opened the app.' };

  if (BOARD_MODULES.has(moduleType)) {
    const boardId = positiveId(nested(ext, 'board').id);
    const sprintId = moduleType === 'jira:sprintAction' ? positiveId(nested(ext, 'sprint').id) : undefined;
    return {
      kind: 'board',
      moduleType,
      ...(boardId !== undefined ? { boardId } : {}),
      ...(sprintId !== undefined ? { sprintId } : {}),
    };
  }
  const projectKey = projectKeyOf(ext);
  switch (moduleType) {
    case 'jira:issueContext': {
      // Without a key the resolver reads the issue from the module's own context.
      const issueKey = nested(ext, 'issue').key;
      return typeof issueKey === 'string' && issueKey.trim() !== ''
        ? { kind: 'issue', moduleType, issueKey: issueKey.trim() }
        : { kind: 'issue', moduleType };
    }
    case 'jira:projectPage':
      if (projectKey === undefined)
        return { kind: 'unsupported', moduleType, reason: 'The project page was opened without its project.' };
      return { kind: 'roadmap', moduleType, projectKey };
    case 'jira:globalPage':
      return { kind: 'roadmap', moduleType };
    case 'jira:adminPage':
      return { kind: 'settings', moduleType };
    case 'jira:projectSettingsPage':
      if (projectKey === undefined)
        return { kind: 'unsupported', moduleType, reason: 'The project settings page was opened without its project.' };
      return { kind: 'settings', moduleType, projectKey };
    default:
      return { kind: 'unsupported', moduleType, reason: `The app has no view for the module type ${moduleType}.` };
  }
}
