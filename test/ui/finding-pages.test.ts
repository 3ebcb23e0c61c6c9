import type { Finding } from '../../src/domain/finding';
import type { FindingQuery } from '../../src/resolvers/api';
import { MAX_FINDINGS_PAGE, queryFindings } from '../../src/resolvers/findings-query';
import { fail, ok } from '../../src/resolvers/response';
import {
  isComplete,
  queryKey,
  readAll,
  UNREAD,
  withPage,
  type PageReader,
  type PagedFindings,
} from '../../static/app/src/finding-pages';
import { findingQueryOf } from '../../static/app/src/roadmap';

const finding = (index: number, rule = index % 3 === 0 ? 'owner/x' : 'trace/y'): Finding => ({
  id: `${rule}|item:MOB-${index}`,
  rule,
  severity: 'warning',
  subject: { type: 'item', id: `MOB-${index}`, key: `MOB-${index}` },
  issueKeys: [`MOB-${index}`],
  projectKeys: ['MOB'],
  criteria: ['C5'],
  message: `finding ${index}`,
  evidence: [],
  suggestion: '',
});

const ALL = Array.from({ length: 1_234 }, (_, index) => finding(index));

/** A getFindings stand-in over a fixed list, recording what it was asked. */
function server(
  findings: readonly Finding[],
  query: FindingQuery = {},
): { read: PageReader; asked: Array<[number, number]> } {
  const asked: Array<[number, number]> = [];
  return {
    asked,
    read: async (offset, limit) => {
      asked.push([offset, limit]);
      return ok(queryFindings(findings, [], query, offset, limit));
    },
  };
}

const firstPage = (findings: readonly Finding[], size: number): PagedFindings =>
  withPage(UNREAD, queryFindings(findings, [], {}, 0, size));

describe('findingQueryOf and queryKey', () => {
  test('the page filters become a query; unset filters are left out', () => {
    expect(findingQueryOf({})).toEqual({});
    expect(findingQueryOf({ project: 'MOB', owner: 'ana', rule: 'owner/x' })).toEqual({
      projectKey: 'MOB',
      ownerId: 'ana',
      rule: 'owner/x',
    });
  });

  test('one key per query, whatever order its fields were set in; different queries differ', () => {
    expect(queryKey({ rule: 'a', projectKey: 'MOB' })).toBe(queryKey({ projectKey: 'MOB', rule: 'a' }));
    expect(queryKey({ rule: 'a' })).not.toBe(queryKey({ rule: 'b' }));
    expect(queryKey({ rule: 'a' })).not.toBe(queryKey({ ownerId: 'a' }));
    expect(queryKey({})).not.toBe(queryKey({ rule: 'a' }));
  });
});

describe('withPage', () => {
  test('appends a page at its offset and takes the total from it', () => {
    const list = firstPage(ALL, 250);
    expect([list.findings.length, list.total, list.status, isComplete(list)]).toEqual([250, 1_234, 'idle', false]);
    const next = withPage({ ...list, status: 'loading' }, queryFindings(ALL, [], {}, 250, 250));
    expect(next.findings.map((found) => found.id)).toEqual(ALL.slice(0, 500).map((found) => found.id));
    expect(next.status).toBe('idle');
  });

  test('a page that repeats findings already listed (offsets shifted under the view) lists them once', () => {
    const list = firstPage(ALL, 10);
    const shifted = { findings: ALL.slice(8, 14), total: 1_234, offset: 10 };
    expect(withPage(list, shifted).findings.map((found) => found.message)).toEqual(
      Array.from({ length: 14 }, (_, index) => `finding ${index}`),
    );
  });

  test('a list is complete when it holds its total, not before its first page', () => {
    expect(isComplete(UNREAD)).toBe(false);
    expect(isComplete(firstPage(ALL.slice(0, 5), 250))).toBe(true);
    expect(isComplete(withPage(UNREAD, queryFindings([], [], {}, 0, 250)))).toBe(true);
  });
});

describe('readAll', () => {
  test('reads what is not loaded in pages of MAX_FINDINGS_PAGE, from where the list ends, and says how far it got', async () => {
    const { read, asked } = server(ALL);
    const progress: Array<[number, number]> = [];
    const response = await readAll(firstPage(ALL, 250), read, (loaded, total) => progress.push([loaded, total]));
    expect(response.ok && response.data.map((found) => found.id)).toEqual(ALL.map((found) => found.id));
    expect(asked).toEqual([
      [250, MAX_FINDINGS_PAGE],
      [750, MAX_FINDINGS_PAGE],
    ]);
    expect(progress).toEqual([
      [750, 1_234],
      [1_234, 1_234],
    ]);
  });

  test('a filtered list read from nothing', async () => {
    const query = { rule: 'trace/y' };
    const { read, asked } = server(ALL, query);
    const response = await readAll(UNREAD, read);
    const expected = ALL.filter((found) => found.rule === 'trace/y');
    expect(response.ok && response.data).toEqual(expected);
    expect(asked).toEqual([0, 500].map((offset) => [offset, MAX_FINDINGS_PAGE]));
  });

  test('a complete list asks nothing', async () => {
    const { read, asked } = server(ALL);
    const list = firstPage(ALL.slice(0, 40), 250);
    const response = await readAll(list, read);
    expect([response.ok && response.data.length, asked]).toEqual([40, []]);
  });

  test('a page that fails fails the whole read: no partial export', async () => {
    const { read } = server(ALL);
    let calls = 0;
    const failing: PageReader = async (offset, limit) =>
      ++calls === 2 ? fail('RATE_LIMITED', 'Jira asked the app to slow down') : read(offset, limit);
    const response = await readAll(firstPage(ALL, 250), failing);
    expect(response).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: 'Jira asked the app to slow down' },
    });
  });

  test('when the findings shrink under the read, it ends with what there is instead of asking forever', async () => {
    const shrunk = ALL.slice(0, 300);
    const { read, asked } = server(shrunk);
    const list: PagedFindings = { findings: ALL.slice(0, 400), total: 1_234, status: 'idle' };
    const response = await readAll(list, read);
    expect(asked).toEqual([[400, MAX_FINDINGS_PAGE]]);
    expect(response.ok && response.data.length).toBe(300);
  });
});
