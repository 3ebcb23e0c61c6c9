import { chooseView } from '../../static/app/src/context';

describe('chooseView', () => {
  it.each(['jira:boardAction', 'jira:backlogAction'])(
    'opens the board panel for %s, ids as Jira sends them',
    (type) => {
      expect(chooseView({ type, board: { id: '5' } })).toEqual({ kind: 'board', moduleType: type, boardId: 5 });
      expect(chooseView({ type, board: { id: 5 }, sprint: { id: 79 } })).toEqual({
        kind: 'board',
        moduleType: type,
        boardId: 5,
      });
    },
  );

  it('takes the sprint only from the sprint menu', () => {
    expect(chooseView({ type: 'jira:sprintAction', board: { id: '5' }, sprint: { id: '79' } })).toEqual({
      kind: 'board',
      moduleType: 'jira:sprintAction',
      boardId: 5,
      sprintId: 79,
    });
  });

  it('leaves out malformed ids (the resolver then says what is missing)', () => {
    expect(chooseView({ type: 'jira:sprintAction', board: { id: 'abc' }, sprint: { id: '-3' } })).toEqual({
      kind: 'board',
      moduleType: 'jira:sprintAction',
    });
  });

  it('opens the roadmap for a project page and across projects for the global page', () => {
    expect(chooseView({ type: 'jira:projectPage', project: { key: 'MOB', id: '10001' } })).toEqual({
      kind: 'roadmap',
      moduleType: 'jira:projectPage',
      projectKey: 'MOB',
    });
    expect(chooseView({ type: 'jira:globalPage' })).toEqual({ kind: 'roadmap', moduleType: 'jira:globalPage' });
  });

  it('opens the site settings for the admin page and a project’s for its settings page', () => {
    expect(chooseView({ type: 'jira:adminPage' })).toEqual({ kind: 'settings', moduleType: 'jira:adminPage' });
    expect(chooseView({ type: 'jira:projectSettingsPage', project: { key: 'PLAT' } })).toEqual({
      kind: 'settings',
      moduleType: 'jira:projectSettingsPage',
      projectKey: 'PLAT',
    });
  });

  it("opens the issue view's decision log on the issue Jira names, or leaves it to the resolver's context", () => {
    expect(chooseView({ type: 'jira:issueContext', issue: { key: 'PAY-192', id: '10192' } })).toEqual({
      kind: 'issue',
      moduleType: 'jira:issueContext',
      issueKey: 'PAY-192',
    });
    expect(chooseView({ type: 'jira:issueContext' })).toEqual({ kind: 'issue', moduleType: 'jira:issueContext' });
  });

  it('refuses project modules without a project, unknown modules and missing contexts, saying why', () => {
    expect(chooseView({ type: 'jira:projectSettingsPage' })).toMatchObject({
      kind: 'unsupported',
      reason: expect.stringContaining('without its project'),
    });
    expect(chooseView({ type: 'jira:projectPage', project: { key: '  ' } })).toMatchObject({ kind: 'unsupported' });
    expect(chooseView({ type: 'jira:issuePanel' })).toMatchObject({
      kind: 'unsupported',
      moduleType: 'jira:issuePanel',
      reason: expect.stringContaining('jira:issuePanel'),
    });
    expect(chooseView(undefined)).toMatchObject({ kind: 'unsupported', moduleType: null });
  });
});
