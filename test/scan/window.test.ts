import { startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import type { SiteSnapshot } from '../../src/jira/snapshot';
import { demoConfig } from '../../src/dev/demo';
import { auditCachedSite, BackgroundScanner } from '../../src/scan';
import { readHead } from '../../src/scan/state';
import { MemoryStore } from '../../src/store/key-value';
import { clientFor, demo, fakeClock, PROJECT_KEYS, scanToEnd } from './support';

let emulator: RunningEmulator;
const clock = fakeClock('2026-01-01T00:00:00.000Z');
beforeAll(async () => {
  emulator = await startEmulator(demo, { now: clock.now });
});
afterAll(async () => {
  await emulator.close();
});

async function scanWithWindow(store: MemoryStore, windowDays: number) {
  const client = clientFor(emulator);
  for (const key of PROJECT_KEYS)
    await scanToEnd(new BackgroundScanner(), client, store, key, {
      now: () => emulator.siteNow(),
      sleep: clock.sleep,
      windowDays,
    });
  return client.usage.points;
}

/** Each cached issue's key and whether the cache holds its history (fields-only issues have no changelog). */
function holding(snapshot: SiteSnapshot): string[] {
  return snapshot.issues.map((issue) => `${issue.key}${issue.changelog ? ' whole' : ''}`).sort();
}

describe('the audit window decides what the scan reads', () => {
  it('records the window each project holds, the audit says what a wider one lacks, and reading it reads the difference only', async () => {
    const narrow = new MemoryStore();
    const narrowPoints = await scanWithWindow(narrow, 30);
    expect((await readHead(narrow, 'PAY'))!.window).toMatchObject({ days: 30 });
    const narrowCache = (await new BackgroundScanner().cachedSnapshot(narrow))!;

    const wide = new MemoryStore();
    const widePoints = await scanWithWindow(wide, 90);
    const wideCache = (await new BackgroundScanner().cachedSnapshot(wide))!;
    expect(wideCache.issues.length).toBeGreaterThan(narrowCache.issues.length);
    expect(wideCache.issues.length).toBeLessThan(demo.issues.length);

    // Until the wider window is read, the audit says the older histories are unread rather than judge their absence.
    const before = await auditCachedSite(narrow, demoConfig(), { now: emulator.siteNow() });
    expect(before.audited && before.report.coverage.unread).toEqual(
      expect.arrayContaining([expect.objectContaining({ scope: 'project', ref: 'PAY', unread: 'history' })]),
    );

    const widenPoints = await scanWithWindow(narrow, 90);
    const after = await auditCachedSite(narrow, demoConfig(), { now: emulator.siteNow() });
    expect(after.audited && after.report.coverage.unread.filter((problem) => problem.unread === 'history')).toEqual([]);
    expect((await readHead(narrow, 'PAY'))!.window).toMatchObject({ days: 90 });
    expect(holding((await new BackgroundScanner().cachedSnapshot(narrow))!)).toEqual(holding(wideCache));
    expect(widenPoints).toBeLessThan(widePoints - narrowPoints / 2);
  });
});
