import { invoke } from '@forge/bridge';
import { call } from '../../static/app/src/api';

jest.mock('@forge/bridge', () => ({ invoke: jest.fn() }));
const mockedInvoke = invoke as jest.MockedFunction<typeof invoke>;

describe('call', () => {
  beforeEach(() => mockedInvoke.mockReset());

  it('passes the resolver name and payload to the bridge and returns its response', async () => {
    const response = {
      ok: true,
      data: {
        moduleKey: 'rba-board-action',
        moduleType: 'jira:boardAction',
        boardId: 5,
        sprintId: null,
        projectKey: null,
      },
    };
    mockedInvoke.mockResolvedValue(response);
    await expect(call('getContext', {})).resolves.toEqual(response);
    expect(mockedInvoke).toHaveBeenCalledWith('getContext', {});
  });

  it('returns resolver errors as they are', async () => {
    const response = { ok: false, error: { code: 'CONFLICT', message: 'Stale.', details: { version: 3 } } };
    mockedInvoke.mockResolvedValue(response);
    await expect(call('saveSettings', { settings: {}, version: 2 })).resolves.toEqual(response);
  });

  it('turns a thrown bridge error into INTERNAL', async () => {
    mockedInvoke.mockRejectedValue(new Error('Resolver calls are rate limited at 500req/25s'));
    await expect(call('getRoadmap', { projectKey: 'MOB' })).resolves.toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: "The call to the app's getRoadmap function failed: Resolver calls are rate limited at 500req/25s",
      },
    });
  });

  it('turns an answer that is not a ResolverResponse into INTERNAL', async () => {
    for (const answer of [undefined, 'text', { data: 1 }, { ok: false, error: { code: 'X' } }]) {
      mockedInvoke.mockResolvedValue(answer);
      await expect(call('getSettings', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    }
  });
});
