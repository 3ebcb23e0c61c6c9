import type {
  Action,
  ChangeAction,
  CommentAction,
  CreateAction,
  FieldChange,
  FieldMeaning,
  Item,
} from '../../src/domain/model';

/** Small domain objects for classifier tests; every action happens on AT unless told otherwise. */
export const AT = '2026-10-01T10:00:00.000Z';

const TYPES = {
  initiative: { name: 'Initiative', hierarchyLevel: 2 },
  epic: { name: 'Epic', hierarchyLevel: 1 },
  story: { name: 'Story', hierarchyLevel: 0 },
  bug: { name: 'Bug', hierarchyLevel: 0 },
  task: { name: 'Task', hierarchyLevel: 0 },
  idea: { name: 'Idea', hierarchyLevel: 0 },
  subtask: { name: 'Sub-task', hierarchyLevel: -1 },
} as const;

export type TypeKey = keyof typeof TYPES;

export function item(type: TypeKey, overrides: Partial<Item> = {}): Item {
  return {
    id: '10001',
    key: 'SHOP-1',
    projectKey: 'SHOP',
    type: { ...TYPES[type] },
    summary: 'Checkout improvements',
    status: { name: 'To Do', category: 'new' },
    created: '2026-09-01T09:00:00.000Z',
    labels: [],
    fixVersions: [],
    sprintIds: [],
    userFields: {},
    ...overrides,
  };
}

export function field(
  meaning: FieldMeaning,
  fieldName: string,
  from?: string,
  to?: string,
  values: Partial<FieldChange> = {},
): FieldChange {
  return {
    fieldId: fieldName.toLowerCase(),
    meaning,
    fieldName,
    ...(from !== undefined ? { fromText: from } : {}),
    ...(to !== undefined ? { toText: to } : {}),
    ...values,
  };
}

export function changed(changes: FieldChange[], at = AT, authorId = 'author-1'): ChangeAction {
  return { id: 'SHOP-1:h1', kind: 'change', itemKey: 'SHOP-1', historyId: '1', at, authorId, changes };
}

export function commented(text: string, at = AT, authorId = 'author-1'): CommentAction {
  return { id: 'SHOP-1:c1', kind: 'comment', itemKey: 'SHOP-1', commentId: '1', at, authorId, text };
}

export function created(at = AT, authorId = 'author-1'): CreateAction {
  return { id: 'SHOP-1:create', kind: 'create', itemKey: 'SHOP-1', at, authorId };
}

export function withAuthor(action: Action, authorId: string | undefined): Action {
  const { authorId: _dropped, ...rest } = action;
  return authorId === undefined ? rest : { ...rest, authorId };
}
