import { handler } from '../index';

// The payload shape the Forge platform hands a resolver function when the UI calls invoke().
const invoke = (functionKey: string, context: Record<string, unknown>) =>
  handler({ call: { functionKey, payload: {} }, context }, { principal: { accountId: 'user-1' } });

describe('resolver handler (src/index.ts)', () => {
  it('answers getContext with the module context the panel was opened from', async () => {
    const context = {
      moduleKey: 'rba-sprint-action',
      extension: { type: 'jira:sprintAction', board: { id: '7' }, sprint: { id: '42' }, project: { key: 'OPS' } },
    };
    await expect(invoke('getContext', context)).resolves.toEqual({
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

  it('answers getContext without a module key with INVALID_INPUT', async () => {
    await expect(invoke('getContext', {})).resolves.toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('rejects a resolver name it does not define', async () => {
    await expect(invoke('noSuchResolver', { moduleKey: 'rba-sprint-action' })).rejects.toThrow(
      "Resolver has no definition for 'noSuchResolver'.",
    );
  });
});
