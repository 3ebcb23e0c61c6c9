import { startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import { JiraClient } from '../../src/jira/client';
import type { JiraRequest, JiraTransport } from '../../src/jira/transport';
import { HttpTransport } from '../../src/jira/transport-http';
import { BackgroundScanner } from '../../src/scan';
import { ADMIN, comparable, demo, fakeClock, LimitedStore, scanToEnd, withIssues } from './support';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator(demo);
});
afterAll(async () => {
  await emulator.close();
});

/** Jira answering 503 to every changelog request while `broken` is set. */
class BrokenChangelogs implements JiraTransport {
  readonly name = 'broken-changelogs';
  broken = false;
  constructor(private readonly inner: JiraTransport) {}
  async send(request: JiraRequest) {
    if (this.broken && request.path.includes('changelog'))
      return { status: 503, headers: {}, body: 'Service Unavailable' };
    return this.inner.send(request);
  }
}

describe('a scan that fails part way', () => {
  it('keeps the previous complete result readable, resumes where it stopped, and gives up after a few tries', async () => {
    const clock = fakeClock('2026-11-22T08:00:00.000Z');
    const transport = new BrokenChangelogs(new HttpTransport({ baseUrl: emulator.url, email: ADMIN, apiToken: 'any' }));
    const client = new JiraClient(transport, {
      sleep: clock.sleep,
      now: clock.now,
      retry: { maxTries: 2, baseDelayMs: 10 },
    });
    const store = new LimitedStore();
    const scanner = new BackgroundScanner({ maxFailures: 3 });
    await scanToEnd(scanner, client, store, 'PLAT', { now: clock.date });
    const good = await scanner.cachedSnapshot(store, ['PLAT']);

    // A new full scan whose changelog reads fail: every step throws, the old generation stays what readers get.
    emulator.replaceSnapshot(
      withIssues(demo, (issues) =>
        issues.map((issue) => ({
          ...issue,
          fields: { ...issue.fields, summary: `${String(issue.fields.summary)} (edited)` },
        })),
      ),
    );
    transport.broken = true;
    const options = { timeBudgetMs: 60_000, now: clock.date, kind: 'full' as const };
    await expect(scanner.step(client, store, 'PLAT', options)).rejects.toThrow(/503/);
    expect(await scanner.cachedSnapshot(store, ['PLAT'])).toEqual(good);
    expect((await scanner.freshness(store, 'PLAT')).scanning).toBe('full');

    // A storage outage mid-step is no different.
    transport.broken = false;
    store.failWrites = true;
    await expect(scanner.step(client, store, 'PLAT', options)).rejects.toThrow(/storage unavailable/);
    store.failWrites = false;
    expect(await scanner.cachedSnapshot(store, ['PLAT'])).toEqual(good);

    // Once Jira and storage are back, the same scan completes and only then replaces the result.
    const results = await scanToEnd(scanner, client, store, 'PLAT', { now: clock.date, timeBudgetMs: 0 });
    expect(results[results.length - 1]).toMatchObject({ done: true, kind: 'full' });
    const fresh = (await scanner.cachedSnapshot(store, ['PLAT']))!;
    expect(fresh.issues.every((issue) => String(issue.fields.summary).endsWith('(edited)'))).toBe(true);

    // A scan that keeps failing is abandoned after maxFailures; the last complete result stays.
    transport.broken = true;
    for (let attempt = 0; attempt < 3; attempt++)
      await expect(scanner.step(client, store, 'PLAT', options)).rejects.toThrow(/503/);
    expect((await scanner.freshness(store, 'PLAT')).scanning).toBeUndefined();
    expect(comparable((await scanner.cachedSnapshot(store, ['PLAT']))!)).toEqual(comparable(fresh));
    expect(await store.keysWithPrefix('scan:lease:')).toEqual([]);
  });

  it('lets one step at a time work on a project', async () => {
    const store = new LimitedStore();
    const scanner = new BackgroundScanner();
    const client = new JiraClient(new HttpTransport({ baseUrl: emulator.url, email: ADMIN, apiToken: 'any' }));
    const [first, second] = await Promise.all([
      scanner.step(client, store, 'DATA', { timeBudgetMs: 60_000, now: () => new Date() }),
      scanner.step(client, store, 'DATA', { timeBudgetMs: 60_000, now: () => new Date() }),
    ]);
    expect([first.busy, second.busy].filter(Boolean)).toHaveLength(1);
  });
});
