import { readAllOffsetPages, readAllTokenPages, PagingError } from '../../src/jira/api/paging';
import { JiraClient } from '../../src/jira/client';
import { ScriptedTransport, json } from './fake-transport';

describe('readAllOffsetPages', () => {
  it('moves on by what came back when Jira caps the page below the ask', async () => {
    const items = Array.from({ length: 45 }, (_, index) => index);
    const transport = new ScriptedTransport((request) => {
      const startAt = Number(request.query?.startAt);
      const values = items.slice(startAt, startAt + 20);
      return json(200, { startAt, maxResults: 20, total: 45, isLast: startAt + values.length >= 45, values });
    });
    const all = await readAllOffsetPages<number>(new JiraClient(transport), '/rest/agile/1.0/board', {}, 50);
    expect(all).toEqual(items);
    expect(transport.sent.map((request) => request.query?.startAt)).toEqual([0, 20, 40]);
  });

  it.each([
    ['isLast', (startAt: number) => ({ values: startAt === 0 ? [1, 2] : [3], isLast: startAt > 0 })],
    ['total without isLast', (startAt: number) => ({ values: startAt === 0 ? [1, 2] : [3], total: 3 })],
    ['an empty page', (startAt: number) => ({ values: startAt === 0 ? [1, 2] : startAt === 2 ? [3] : [] })],
  ])('stops on %s', async (_, page) => {
    const transport = new ScriptedTransport((request) => json(200, page(Number(request.query?.startAt))));
    expect(await readAllOffsetPages<number>(new JiraClient(transport), '/x', {}, 2)).toEqual([1, 2, 3]);
  });
});

describe('readAllTokenPages', () => {
  it('follows tokens until Jira leaves them out', async () => {
    const pages = [{ n: 1, nextPageToken: 'a' }, { n: 2, nextPageToken: 'b' }, { n: 3 }];
    const seen: number[] = [];
    await readAllTokenPages(
      async (token) => pages[token === undefined ? 0 : token === 'a' ? 1 : 2]!,
      (page) => void seen.push(page.n),
      'test',
    );
    expect(seen).toEqual([1, 2, 3]);
  });

  it('stops with a clear error when a token repeats', async () => {
    let calls = 0;
    const read = readAllTokenPages(
      async () => ({ nextPageToken: calls++ < 1 ? 'same' : 'same' }),
      () => undefined,
      'search "project = X"',
    );
    await expect(read).rejects.toThrow(PagingError);
    await expect(
      readAllTokenPages(
        async () => ({ nextPageToken: 'loop' }),
        () => undefined,
        'search',
      ),
    ).rejects.toThrow(/same nextPageToken twice/);
  });
});
