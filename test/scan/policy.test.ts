import { DEFAULT_POLICY, dueReason, planJob, readWindow } from '../../src/scan/policy';
import type { ProjectHead } from '../../src/scan/state';

const NOW = new Date('2026-12-07T12:00:00.000Z');
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

function head(changes: Partial<ProjectHead> = {}): ProjectHead {
  return {
    projectKey: 'PAY',
    table: { id: 't', parts: 1, bytes: 2 },
    directory: { id: 'd', parts: 1, bytes: 2 },
    issues: 10,
    scannedAt: ago(10 * 60_000),
    fullScanAt: ago(30 * DAY),
    directoryAt: ago(HOUR),
    idsCheckedAt: ago(29 * DAY),
    idsSliceAt: ago(HOUR),
    fieldSet: 'summary,status',
    problems: [],
    window: readWindow(90, new Date(NOW.getTime() - 30 * DAY), DEFAULT_POLICY),
    ...changes,
  };
}

const request = { markedBoards: [], fieldSet: 'summary,status', windowDays: 90 };

describe('what a new scan job does', () => {
  it('reads the window on a first scan, and again only when the field set changes', () => {
    expect(planJob(undefined, NOW, DEFAULT_POLICY, request)).toEqual({
      kind: 'full',
      directory: 'all',
      checkIds: 'none',
      window: readWindow(90, NOW, DEFAULT_POLICY),
    });
    expect(planJob(head(), NOW, DEFAULT_POLICY, request).kind).toBe('incremental');
    expect(planJob(head(), NOW, DEFAULT_POLICY, { ...request, fieldSet: 'summary' }).kind).toBe('full');
  });

  it('keeps the window it holds as it slides or narrows, and reads the difference when it widens', () => {
    const held = head().window!;
    expect(planJob(head(), NOW, DEFAULT_POLICY, request)).toMatchObject({ window: held });
    expect(planJob(head(), NOW, DEFAULT_POLICY, { ...request, windowDays: 30 })).toMatchObject({ window: held });
    expect(planJob(head(), NOW, DEFAULT_POLICY, { ...request, windowDays: 180 })).toMatchObject({
      window: readWindow(180, NOW, DEFAULT_POLICY),
      widenFrom: held.since,
    });
  });

  it('lists every id once after a full scan, then one slice of the cache a day', () => {
    expect(planJob(head({ idsCheckedAt: ago(40 * DAY) }), NOW, DEFAULT_POLICY, request).checkIds).toBe('all');
    expect(planJob(head(), NOW, DEFAULT_POLICY, { ...request, checkDeleted: true }).checkIds).toBe('all');
    expect(planJob(head(), NOW, DEFAULT_POLICY, request).checkIds).toBe('none');
    expect(planJob(head({ idsSliceAt: ago(DAY) }), NOW, DEFAULT_POLICY, request).checkIds).toBe('slice');
  });
});

describe('when the scheduler queues a refresh', () => {
  it('not for a cache a month old that was searched, listed and read lately: no full re-scan is ever due', () => {
    expect(dueReason({ head: head() }, false, NOW, DEFAULT_POLICY)).toBeUndefined();
  });

  it('for the hourly search, the daily directory and the daily ids slice', () => {
    expect(dueReason({ head: head({ scannedAt: ago(HOUR) }) }, false, NOW, DEFAULT_POLICY)).toBe('periodic');
    expect(dueReason({ head: head({ directoryAt: ago(DAY) }) }, false, NOW, DEFAULT_POLICY)).toBe('periodic');
    expect(dueReason({ head: head({ idsSliceAt: ago(DAY) }) }, false, NOW, DEFAULT_POLICY)).toBe('periodic');
  });
});
