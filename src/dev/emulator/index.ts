/**
 * A local Jira Cloud: serves a `SiteSnapshot` over HTTP with Jira's paths, shapes, paging, caps, permissions,
 * JQL subset and points-based rate limiting, so the app and the CLI can run against it instead of a real site.
 */
import type { AddressInfo } from 'node:net';
import { SNAPSHOT_FORMAT, type SiteSnapshot } from '../../jira/snapshot';
import { Faults, withoutProject, type FaultRule, type FaultScript } from './faults';
import { PointsBucket } from './points';
import { AccountStatuses } from './routes/personal-data';
import { seededRandom } from './random';
import { buildServer, STATS_PATH, type ServerSettings } from './server';
import { Site, instant } from './site';
import { StatsRecorder, type EmulatorStats, type RouteStats } from './stats';

export type { EmulatorStats, RouteStats };
export type { Fault, FaultHandle, FaultRequest, FaultRule, FaultScript } from './faults';
export { STATS_PATH };
export { APP_LOGIN } from './site';

export interface EmulatorOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Delay added to every answer, in milliseconds. */
  latencyMs?: number;
  /** Share (0..1) of authenticated requests answered with a 500/502/503/504 instead of their answer; not charged. */
  failRate?: number;
  /** Hourly points budget, enforced as a token bucket holding one minute's worth; unset means unlimited. */
  pointsPerHour?: number;
  /** Source of randomness for failRate; defaults to a seeded PRNG so that runs repeat. */
  random?: () => number;
  /** Clock in epoch milliseconds for the points budget and the site's "now"; defaults to Date.now. */
  now?: () => number;
  /** Scripted faults in force from the first request; more can be added through `faults`. */
  faults?: FaultRule[];
  /** Accounts the personal data reporting API (`POST /app/report-accounts`) reports as closed. */
  closedAccounts?: string[];
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`, the base URL to use in place of `https://<site>.atlassian.net`. */
  url: string;
  stats(): EmulatorStats;
  resetStats(): void;
  /** The site's clock: the snapshot's capture time plus the time the emulator has run. */
  siteNow(): Date;
  /**
   * Test-only: answer from another snapshot from the next request on, as if the site had changed while the app
   * was away (issues edited, created, deleted). Callers stamp `fields.updated` themselves, e.g. with `siteNow()`.
   */
  replaceSnapshot(snapshot: SiteSnapshot): void;
  /** Test-only: the project, its issues, roles, boards and their sprints are deleted from the next request on. */
  removeProject(projectKey: string): void;
  /** Test-only: scripted faults (see faults.ts); none unless added. */
  faults: FaultScript;
  /** Test-only: which accounts the personal data reporting API reports as closed or updated. */
  accounts: AccountStatuses;
  /** Lets go of hung and delayed requests, then stops the server. */
  close(): Promise<void>;
}

function checkOptions(options: EmulatorOptions): void {
  const { port, latencyMs, failRate, pointsPerHour } = options;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new RangeError(`port must be an integer in 0..65535, got ${port}`);
  if (latencyMs !== undefined && !(latencyMs >= 0 && Number.isFinite(latencyMs)))
    throw new RangeError(`latencyMs must be a finite number >= 0, got ${latencyMs}`);
  if (failRate !== undefined && !(failRate >= 0 && failRate <= 1))
    throw new RangeError(`failRate must be in 0..1, got ${failRate}`);
  if (pointsPerHour !== undefined && !(pointsPerHour > 0 && Number.isFinite(pointsPerHour))) {
    throw new RangeError(`pointsPerHour must be a finite number > 0, got ${pointsPerHour}`);
  }
}

/** A snapshot file may say anything in `format`: only the format this code reads is served. */
function checkFormat(format: unknown): void {
  if (format !== SNAPSHOT_FORMAT)
    throw new Error(`Expected a ${SNAPSHOT_FORMAT} snapshot, got format '${String(format)}'.`);
}

export async function startEmulator(snapshot: SiteSnapshot, options: EmulatorOptions = {}): Promise<RunningEmulator> {
  checkFormat(snapshot.format);
  checkOptions(options);
  const now = options.now ?? Date.now;
  const startedAt = now();
  // The site's time starts at the snapshot's capture time and runs with the clock, so `updated >= -7d` means what it meant then.
  const capturedAt = instant(snapshot.capturedAt);
  const stats = new StatsRecorder();
  const faults = new Faults();
  for (const rule of options.faults ?? []) faults.add(rule);
  const accounts = new AccountStatuses();
  for (const accountId of options.closedAccounts ?? []) accounts.close(accountId);
  const closing = new AbortController();
  const settings: ServerSettings = {
    site: new Site(snapshot),
    stats,
    bucket: options.pointsPerHour === undefined ? undefined : new PointsBucket(options.pointsPerHour, now),
    latencyMs: options.latencyMs ?? 0,
    failRate: options.failRate ?? 0,
    random: options.random ?? seededRandom(),
    siteNow: () => (capturedAt === undefined ? now() : capturedAt + (now() - startedAt)),
    faults,
    closing: closing.signal,
    accounts,
  };
  const app = buildServer(settings);
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    siteNow: () => new Date(settings.siteNow()),
    replaceSnapshot: (next) => {
      checkFormat(next.format);
      settings.site = new Site(next);
    },
    removeProject: (projectKey) => {
      settings.site = new Site(withoutProject(settings.site.snapshot, projectKey));
    },
    faults,
    accounts,
    close: async () => {
      closing.abort();
      await app.close();
    },
  };
}
