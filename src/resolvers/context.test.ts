import { readModuleContext } from './context';

// Extension contexts as Jira sends them to Custom UI resolvers, per module type.
const sprintAction = {
  moduleKey: 'rba-sprint-action',
  cloudId: 'cloud-1',
  extension: {
    type: 'jira:sprintAction',
    project: { id: '10000', key: 'OPS', type: 'software' },
    board: { id: '7', type: 'scrum' },
    sprint: { id: '42', state: 'active' },
    location: 'https://site.example/jira/software/projects/OPS/boards/7/backlog',
  },
};

describe('readModuleContext', () => {
  it('reads a sprint action: module, board, sprint and project', () => {
    expect(readModuleContext(sprintAction)).toEqual({
      ok: true,
      data: {
        moduleKey: 'rba-sprint-action',
        moduleType: 'jira:sprintAction',
        boardId: 7,
        sprintId: 42,
        projectKey: 'OPS',
        issueKey: null,
      },
    });
  });

  it('reads the issue view, which names its issue and project', () => {
    const context = {
      moduleKey: 'rba-issue-decisions',
      extension: {
        type: 'jira:issueContext',
        issue: { id: '10042', key: 'PAY-12', type: 'Story', typeId: '10001' },
        project: { id: '10000', key: 'PAY', type: 'software' },
      },
    };
    expect(readModuleContext(context)).toMatchObject({
      ok: true,
      data: { moduleType: 'jira:issueContext', projectKey: 'PAY', issueKey: 'PAY-12', boardId: null },
    });
  });

  it('takes no issue from a key that is not an issue key', () => {
    const context = {
      moduleKey: 'rba-issue-decisions',
      extension: { type: 'jira:issueContext', issue: { key: '../x' } },
    };
    expect(readModuleContext(context)).toMatchObject({ ok: true, data: { issueKey: null } });
  });

  it('accepts numeric ids as well as string ids', () => {
    const context = { ...sprintAction, extension: { ...sprintAction.extension, board: { id: 7 }, sprint: { id: 42 } } };
    expect(readModuleContext(context)).toMatchObject({ ok: true, data: { boardId: 7, sprintId: 42 } });
  });

  it('reads a board action, which has no sprint', () => {
    const context = {
      moduleKey: 'rba-board-action',
      extension: { type: 'jira:boardAction', project: { key: 'WEB' }, board: { id: '3', type: 'kanban' }, sprints: [] },
    };
    expect(readModuleContext(context)).toEqual({
      ok: true,
      data: {
        moduleKey: 'rba-board-action',
        moduleType: 'jira:boardAction',
        boardId: 3,
        sprintId: null,
        projectKey: 'WEB',
        issueKey: null,
      },
    });
  });

  it('reads a project settings page, which has only a project', () => {
    const context = {
      moduleKey: 'rba-project-settings',
      extension: { type: 'jira:projectSettingsPage', project: { id: '1', key: 'OPS' } },
    };
    expect(readModuleContext(context)).toMatchObject({
      ok: true,
      data: { boardId: null, sprintId: null, projectKey: 'OPS' },
    });
  });

  it('reads a global or admin page, which has no board, sprint or project', () => {
    expect(readModuleContext({ moduleKey: 'rba-admin-page', extension: { type: 'jira:adminPage' } })).toEqual({
      ok: true,
      data: {
        moduleKey: 'rba-admin-page',
        moduleType: 'jira:adminPage',
        boardId: null,
        sprintId: null,
        projectKey: null,
        issueKey: null,
      },
    });
  });

  it('tolerates a missing or odd extension', () => {
    expect(readModuleContext({ moduleKey: 'rba-global-page' })).toMatchObject({
      ok: true,
      data: { moduleType: null, projectKey: null },
    });
    expect(readModuleContext({ moduleKey: 'rba-global-page', extension: 'x' })).toMatchObject({
      ok: true,
      data: { boardId: null },
    });
    expect(readModuleContext({ moduleKey: 'rba-global-page', extension: { project: { key: '  ' } } })).toMatchObject({
      ok: true,
      data: { projectKey: null },
    });
  });

  it.each([
    ['no context at all', undefined],
    ['a context that is not an object', 'rba-sprint-action'],
    ['no module key', { extension: sprintAction.extension }],
    ['a blank module key', { ...sprintAction, moduleKey: ' ' }],
  ])('rejects %s as INVALID_INPUT', (_name, context) => {
    expect(readModuleContext(context)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it.each([
    ['board', { board: { id: 'abc' } }, 'board.id'],
    ['board', { board: { id: '0' } }, 'board.id'],
    ['board', { board: { id: -4 } }, 'board.id'],
    ['sprint', { sprint: { id: '4.5' } }, 'sprint.id'],
    ['sprint', { sprint: { id: '99999999999999999999' } }, 'sprint.id'],
  ])('rejects a malformed %s id %j', (_name, ids, field) => {
    const result = readModuleContext({ ...sprintAction, extension: { ...sprintAction.extension, ...ids } });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining(field) },
    });
  });

  it('names both ids when both are malformed, and echoes what it got', () => {
    const result = readModuleContext({ moduleKey: 'k', extension: { board: { id: 'b' }, sprint: { id: 's' } } });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'The module context has a malformed board.id and sprint.id.',
        details: { boardId: 'b', sprintId: 's' },
      },
    });
  });
});
