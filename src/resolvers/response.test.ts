import { fail, ok } from './response';

describe('ResolverResponse helpers', () => {
  it('ok wraps data', () => {
    expect(ok({ n: 1 })).toEqual({ ok: true, data: { n: 1 } });
  });

  it('fail carries a code and message, and details only when given', () => {
    expect(fail('NOT_FOUND', 'No such sprint.')).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No such sprint.' },
    });
    expect(fail('RATE_LIMITED', 'Jira asked to wait.', { retryAfterSeconds: 30 })).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: 'Jira asked to wait.', details: { retryAfterSeconds: 30 } },
    });
  });
});
