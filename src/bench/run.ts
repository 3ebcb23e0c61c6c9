import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { EmulatorStats, RouteStats } from '../dev/emulator';
import { measureBundle, type BundleFigures } from './bundle';
import type { EconomyDetails, EconomyFigures } from './economy';
import { actualRequests, refreshMinimum, type RequestBreakdown } from './minimum';
import type { Remote } from './rpc';
import { openSite, type BenchSite, type SiteDescription } from './site';
import {
  openWorker,
  type AuditFigures,
  type AuditJobFigures,
  type ClassifierFigures,
  type ClassifierInput,
  type ReadFigures,
  type ReadInput,
  type ResolverFigures,
  type ResolverInput,
  type ScanFigures,
  type ScanInput,
} from './tasks';
import { AUDIT_JOB_HEAP_MB, AUDIT_JOB_SEMI_SPACE_MB, checkTargets, type TargetCheck } from './targets';

/**
 * The benchmark: for each size, a synthetic site served by the emulator in a process of its own, read and audited
 * by a worker process of its own per measurement; then the classifier's throughput and the UI bundle. Every ratio is
 * against a baseline measured or worked out in the same run (the naive reader, the minimum the API allows).
 */

export interface BenchOptions {
  /** Issue counts of the sites to build. */
  sizes: number[];
  latencyMs: number;
  /** Requests the reader keeps in flight (the app's client default is 4). */
  concurrency: number;
  /** The naive reader is run up to this many issues and extrapolated above (it sends one request per issue). */
  naiveMaxIssues: number;
  /** Each classifier mix is classified again and again for at least this long. */
  classifierMinMs: number;
  classifierSources: Array<ClassifierInput['source']>;
  /** Resolvers are also called without a scan cache (reading Jira live) up to this many issues. */
  /** Share of the issues edited before the incremental refresh is measured (the issue asks for 1%). */
  refreshShare: number;
  /** Time budget of one scan step. */
  stepBudgetMs: number;
  /** The Vite build to weigh; none: not weighed. */
  bundleDir?: string;
  /** Child processes (the real run) or this process (the smoke test). */
  placement: 'forked' | 'in-process';
  /** Run only this part (the economy) rather than every measurement. */
  only?: 'economy';
  economy: {
    /** Every invocation of the simulated week runs for real up to this many issues; above, costly kinds are sampled. */
    exactMaxIssues: number;
    samples: number;
    days: number;
    editShare: number;
    panelOpensPerDay: number;
  };
  seed?: number;
  log?: (line: string) => void;
}

export interface EmulatorShare {
  requests: number;
  points: number;
  /** Requests by part of the read, grouped as the minimum is. */
  byPart: RequestBreakdown;
  /** CPU the emulator spent answering. */
  cpuMs: number;
}

export interface ReadMeasurement extends ReadFigures {
  emulator: EmulatorShare;
}

export type NaiveMeasurement =
  | ({ measured: true } & ReadMeasurement)
  | { measured: false; requests: number; estimatedWallMs: number; basis: string };

export interface ScanMeasurement extends ScanFigures {
  emulator: EmulatorShare;
}

export interface RefreshMeasurement {
  full: ScanMeasurement;
  /** The first refresh after a full scan also lists every issue id once (to catch deletions); later ones do not. */
  settle: ScanMeasurement;
  changed: ScanMeasurement & { touched: number; minimum: ReturnType<typeof refreshMinimum> };
  unchanged: ScanMeasurement & { projects: number };
  /** The audit job over the cache, a project at a time, in a worker with Forge's memory (the store in files). */
  auditJob: AuditJobFigures;
  /** The panels' resolvers once the scan has cached every project and the audit job stored its reports. */
  resolvers: ResolverFigures[];
}

export interface SizeResult {
  issues: number;
  site: Pick<SiteDescription, 'facts' | 'generateMs'> & { emulatorRssMb: number };
  minimum: RequestBreakdown;
  full: { read: ReadMeasurement; audit: AuditFigures };
  naive: NaiveMeasurement;
  refresh: RefreshMeasurement;
  /** The panels' resolvers on a fresh install (nothing scanned): each answers the first scan's progress. */
  freshInstallResolvers: ResolverFigures[];
  /** One panel open (the costlier of getBoardPanel and getRoadmap of one project), fresh install and cached. */
  panelOpen: { freshInstall: PanelOpenFigures; cached: PanelOpenFigures };
  ratios: {
    /** Requests of the full (bulk) read over the minimum the API's page sizes allow. */
    actualOverMinimum: number;
    /** Requests of the naive read over the bulk read. */
    naiveOverBulk: number;
  };
}

export interface BenchResults {
  startedAt: string;
  wallMs: number;
  machine: { cpus: number; memoryGb: number; node: string };
  options: Omit<BenchOptions, 'log' | 'placement'>;
  sizes: SizeResult[];
  classifier: ClassifierFigures[];
  bundle?: BundleFigures;
  /** A site's economy per size: exactly the keys the issue names. */
  economy: EconomyFigures[];
  /** How each size's economy was measured, and what else it showed. */
  economyDetails: EconomyDetails[];
  targets: TargetCheck[];
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const sizes: SizeResult[] = [];
  const economy: EconomyFigures[] = [];
  const economyDetails: EconomyDetails[] = [];
  for (const issues of options.sizes) {
    if (options.only === undefined) sizes.push(await measureSize(issues, options, sizes, log));
    log(`${issues} issues: a simulated week of a busy site (economy)`);
    const result = await inWorker(options, (worker) =>
      worker.economy({
        issues,
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        latencyMs: options.latencyMs,
        concurrency: options.concurrency,
        stepBudgetMs: options.stepBudgetMs,
        placement: options.placement,
        ...options.economy,
      }),
    );
    economy.push(result.figures);
    economyDetails.push(result.details);
  }

  const classifier: ClassifierFigures[] = [];
  for (const source of options.only === undefined ? options.classifierSources : []) {
    log(`classifier: ${typeof source === 'string' ? source : `${source.issues} issues`}`);
    // "On one core": the collector runs on the measuring thread too, so the process's CPU time is that one core's.
    classifier.push(
      await inWorker(options, (worker) => worker.classify({ source, minMs: options.classifierMinMs }), [
        '--single-threaded-gc',
      ]),
    );
  }
  const bundle = options.bundleDir && options.only === undefined ? measureBundle(options.bundleDir) : undefined;
  const { log: _log, placement: _placement, ...recorded } = options;
  const results: Omit<BenchResults, 'targets'> = {
    startedAt,
    wallMs: performance.now() - started,
    machine: { cpus: cpus().length, memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version },
    options: recorded,
    sizes,
    classifier,
    ...(bundle ? { bundle } : {}),
    economy,
    economyDetails,
  };
  return { ...results, targets: checkTargets(results) };
}

async function measureSize(
  issues: number,
  options: BenchOptions,
  earlier: readonly SizeResult[],
  log: (line: string) => void,
): Promise<SizeResult> {
  log(`${issues} issues: generating and serving the site`);
  const { site, description } = await openSite(
    { issues, latencyMs: options.latencyMs, ...(options.seed === undefined ? {} : { seed: options.seed }) },
    options.placement,
  );
  try {
    const emulatorRssMb = (await site.usage()).rssMb;
    log(`${issues} issues: full read and audit`);
    const full = await measureRead(site, description, options, 'bulk');
    if (!full.audit) throw new Error('the full read came back without its audit');
    const naive = await measureNaive(site, description, options, full.read, earlier, log);
    const refresh = await measureRefresh(site, description, options, log);
    log(`${issues} issues: resolvers on a fresh install (nothing scanned)`);
    const freshInstallResolvers = await inWorker(options, (worker) =>
      worker.resolvers(resolverInput(description, options)),
    );
    return {
      issues,
      site: { facts: description.facts, generateMs: description.generateMs, emulatorRssMb },
      minimum: description.minimum,
      full: { read: full.read, audit: full.audit },
      naive,
      refresh,
      freshInstallResolvers,
      panelOpen: { freshInstall: panelOpen(freshInstallResolvers), cached: panelOpen(refresh.resolvers) },
      ratios: {
        actualOverMinimum: full.read.emulator.requests / description.minimum.total,
        naiveOverBulk: naive.requests / full.read.emulator.requests,
      },
    };
  } finally {
    await site.close();
  }
}

async function measureNaive(
  site: Remote<BenchSite>,
  description: SiteDescription,
  options: BenchOptions,
  bulk: ReadMeasurement,
  earlier: readonly SizeResult[],
  log: (line: string) => void,
): Promise<NaiveMeasurement> {
  const issues = description.facts.issues;
  if (issues <= options.naiveMaxIssues) {
    log(`${issues} issues: naive read (one changelog request per issue)`);
    const naive = await measureRead(site, description, options, 'per-issue');
    return { measured: true, ...naive.read };
  }
  // The naive reader differs from the bulk one only in its changelog requests: swap those for one per issue.
  const requests = bulk.emulator.requests - bulk.emulator.byPart.changelogs + description.perIssueChangelogRequests;
  const measured = [...earlier].reverse().find((result) => result.naive.measured)?.naive;
  if (measured?.measured) {
    return {
      measured: false,
      requests,
      estimatedWallMs: requests * (measured.wallMs / measured.emulator.requests),
      basis: `wall time per request of the naive read at ${measured.issues} issues`,
    };
  }
  return {
    measured: false,
    requests,
    estimatedWallMs: (requests * options.latencyMs) / options.concurrency,
    basis: 'latency × requests ÷ concurrency',
  };
}

const HOUR = 3_600_000;

export interface PanelOpenFigures {
  panelOpenRequests: number;
  panelOpenPoints: number;
}

function panelOpen(resolvers: readonly ResolverFigures[]): PanelOpenFigures {
  return {
    panelOpenRequests: Math.max(...resolvers.map((entry) => entry.requests)),
    panelOpenPoints: Math.max(...resolvers.map((entry) => entry.points)),
  };
}

function resolverInput(description: SiteDescription, options: BenchOptions): ResolverInput {
  return {
    url: description.url,
    login: description.login,
    concurrency: options.concurrency,
    boardId: description.busiestBoardId,
    projectKey: description.busiestBoardProjectKey,
    now: description.capturedAt,
  };
}

/**
 * The background scan over one session (one key-value store): a full scan, the refresh that settles it, then —
 * an hour of site time later each — a refresh after `refreshShare` of the issues changed and one after nothing did.
 */
async function measureRefresh(
  site: Remote<BenchSite>,
  description: SiteDescription,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<RefreshMeasurement> {
  const worker = openWorker(options.placement);
  const issues = description.facts.issues;
  const SESSION = mkdtempSync(join(tmpdir(), 'rba-bench-store-'));
  try {
    const scan = async (kind: ScanInput['kind'], clockSkewMs: number): Promise<ScanMeasurement> => {
      const before = await site.stats();
      const cpuBefore = (await site.usage()).cpuMs;
      const figures = await worker.scan({
        url: description.url,
        login: description.login,
        concurrency: options.concurrency,
        session: SESSION,
        projectKeys: description.projectKeys,
        clockSkewMs,
        timeBudgetMs: options.stepBudgetMs,
        kind,
      });
      return {
        ...figures,
        emulator: emulatorShare(before, await site.stats(), (await site.usage()).cpuMs - cpuBefore),
      };
    };
    log(`${issues} issues: full background scan`);
    const full = await scan('full', 0);
    const settle = await scan('incremental', await site.advanceClock(HOUR));
    const skew = await site.advanceClock(HOUR);
    const touched = await site.touch(options.refreshShare);
    log(`${issues} issues: refresh after ${touched.issues} issues changed, then after nothing did`);
    const changed = {
      ...(await scan('incremental', skew)),
      touched: touched.issues,
      minimum: refreshMinimum(touched.perProject),
    };
    const unchanged = {
      ...(await scan('incremental', await site.advanceClock(HOUR))),
      projects: description.projectKeys.length,
    };
    log(`${issues} issues: the audit job over the cache, old generation limited to ${AUDIT_JOB_HEAP_MB} MB`);
    const auditJob = await inWorker(options, (job) => job.auditJob({ session: SESSION, now: description.capturedAt }), [
      `--max-old-space-size=${AUDIT_JOB_HEAP_MB}`,
      `--max-semi-space-size=${AUDIT_JOB_SEMI_SPACE_MB}`,
    ]);
    log(`${issues} issues: resolvers on the stored reports`);
    const resolvers = await worker.resolvers({ ...resolverInput(description, options), session: SESSION });
    return { full, settle, changed, unchanged, auditJob, resolvers };
  } finally {
    await worker.close();
    rmSync(SESSION, { recursive: true, force: true });
  }
}

async function measureRead(
  site: Remote<BenchSite>,
  description: SiteDescription,
  options: BenchOptions,
  changelogs: ReadInput['changelogs'],
) {
  const before = await site.stats();
  const cpuBefore = (await site.usage()).cpuMs;
  const result = await inWorker(options, (worker) =>
    worker.read({
      url: description.url,
      login: description.login,
      concurrency: options.concurrency,
      changelogs,
      audit: changelogs === 'bulk',
    }),
  );
  const emulator = emulatorShare(before, await site.stats(), (await site.usage()).cpuMs - cpuBefore);
  return { read: { ...result.read, emulator }, audit: result.audit };
}

function emulatorShare(before: EmulatorStats, after: EmulatorStats, cpuMs: number): EmulatorShare {
  const byRoute: Record<string, RouteStats> = {};
  for (const [route, stats] of Object.entries(after.byRoute)) {
    const earlier = before.byRoute[route] ?? { requests: 0, points: 0 };
    byRoute[route] = { requests: stats.requests - earlier.requests, points: stats.points - earlier.points };
  }
  return {
    requests: after.requests - before.requests,
    points: after.points - before.points,
    byPart: actualRequests(byRoute),
    cpuMs,
  };
}

async function inWorker<T>(
  options: BenchOptions,
  work: (worker: ReturnType<typeof openWorker>) => Promise<T>,
  nodeOptions: string[] = [],
): Promise<T> {
  const worker = openWorker(options.placement, nodeOptions);
  try {
    return await work(worker);
  } finally {
    await worker.close();
  }
}
