import { startEmulator } from '../../src/dev/emulator';
import { BackgroundScanner } from '../../src/scan';
import { MemoryStore } from '../../src/store/key-value';
import { readSite } from '../../src/jira/read-site';
import { clientFor, comparable, demo, fakeClock, GROUPS, PROJECT_KEYS, scanToEnd } from './support';

describe('a scan under a points budget', () => {
  it('sees Jira say the budget is nearly spent, slows down, and still reads the whole site', async () => {
    const clock = fakeClock(demo.capturedAt!);
    const emulator = await startEmulator(demo, { pointsPerHour: 120_000, now: clock.now });
    try {
      const client = clientFor(emulator, undefined, { sleep: clock.sleep, now: clock.now, concurrency: 4 });
      const store = new MemoryStore();
      const scanner = new BackgroundScanner();
      let paused = 0;
      for (const key of PROJECT_KEYS) {
        const results = await scanToEnd(scanner, client, store, key, {
          now: clock.date,
          sleep: clock.sleep,
          timeBudgetMs: 60_000,
        });
        paused += results.reduce((sum, result) => sum + result.pausedMs, 0);
      }
      expect(paused).toBeGreaterThan(0);
      expect(client.concurrencyLimit).toBe(4);
      expect(client.quota.remaining).toEqual(expect.any(Number));
      expect(comparable((await scanner.cachedSnapshot(store))!)).toEqual(comparable(demo));
      const stats = emulator.stats();
      expect(stats.throttled).toBe(0);
      process.stdout.write(
        `under a 120,000 points/hour budget: ${stats.requests} requests, ${stats.points} points, ${stats.throttled} refused with 429, ${Math.round(paused / 1000)} s paused\n`,
      );
    } finally {
      await emulator.close();
    }
  });

  it('is refused less than a reader that does not listen (the same site, the same budget)', async () => {
    const clock = fakeClock(demo.capturedAt!);
    const emulator = await startEmulator(demo, { pointsPerHour: 120_000, now: clock.now });
    try {
      const client = clientFor(emulator, undefined, { sleep: clock.sleep, now: clock.now, concurrency: 4 });
      await readSite(client, { baseUrl: emulator.url, groups: GROUPS });
      expect(emulator.stats().throttled).toBeGreaterThan(0);
    } finally {
      await emulator.close();
    }
  });
});
