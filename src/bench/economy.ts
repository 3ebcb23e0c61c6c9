import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { auditWindow } from '../audit/window';
import { defaultConfig } from '../config/defaults';
import { JiraClient } from '../jira/client';
import { httpAccountReporter, jiraProfileFinder } from '../jira/personal-data';
import { HttpTransport } from '../jira/transport-http';
import { jobPushes, parseJob } from '../jobs/events';
import { runJob } from '../jobs/consumer';
import { reportPersonalData } from '../jobs/personal-data';
import { recordProductEvent } from '../jobs/product-events';
import { scheduleScans } from '../jobs/scheduler';
import type { Job, JobQueue, JobServices } from '../jobs/types';
import { runHandler } from '../resolvers/registry';
import type { AppServices } from '../resolvers/services';
import { RULE_METAS } from '../rules';
import {
  auditDue,
  auditState,
  BackgroundScanner,
  cachedProjectKeys,
  readListedProjects,
  readStoredReport,
  scanningProjectKeys,
} from '../scan';
import { isoWeekStart } from '../domain/weeks';
import { ConfigRepository } from '../store/config-store';
import {
  addPrefixBytes,
  addTraffic,
  CountingStore,
  NO_TRAFFIC,
  type KvsTraffic,
  type PrefixBytes,
} from './counting-store';
import { FileStore } from './file-store';
import type { WindowMinimum } from './minimum';
import type { Remote } from './rpc';
import { openSite, type BenchSite } from './site';
import { openWorker, type BenchTasks } from './tasks';
import { AUDIT_JOB_HEAP_MB, AUDIT_JOB_SEMI_SPACE_MB, label, seconds } from './targets';
import { timed } from './usage';

/**
 * A site's economy: a week of a busy site on the site's clock, driving the app's real jobs code — the scheduler
 * every 5 minutes, the queue consumer with the scans and audits it runs, product events for every edit, and panel
 * opens through the resolvers — against the emulator, counting Jira points and requests, KVS bytes and function
 * time. The site is installed on a Sunday at 00:00 (the first scan and audit run then), and the week measured runs
 * from the Monday after, so that what the policy does daily and weekly falls inside it. Right after the install, before
 * the scheduler's first run, a user opens the busiest board's panel: its project is asked to be scanned first, and
 * the first panel's time is the site's until that panel shows a report for its project.
 */

export interface EconomyInput {
  issues: number;
  seed?: number;
  latencyMs: number;
  concurrency: number;
  stepBudgetMs: number;
  /** Up to this many issues every invocation runs for real; above it the costly kinds are sampled (see `method`). */
  exactMaxIssues: number;
  /** Real runs of each sampled kind before the rest are counted at their mean. */
  samples: number;
  /** Days measured after the install day (a week: 7). */
  days: number;
  /** Share of the issues edited per working day. */
  editShare: number;
  panelOpensPerDay: number;
  placement: 'forked' | 'in-process';
}

/** The figures `bench/results.json` holds under "economy", one object per size (these keys only). */
export interface EconomyFigures {
  issues: number;
  firstScanPoints: number;
  firstScanMinimumPoints: number;
  steadyPointsPerHour: number;
  firstPanelMinutes: number;
  kvsReadGBPerDay: number;
  kvsWriteGBPerDay: number;
  functionGBSecondsPerDay: number;
  usdPerSiteMonth: number;
  panelOpenRequests: number;
  panelOpenKvsKB: number;
}

export type FunctionKey = 'scan-scheduler' | 'scan-worker' | 'product-events' | 'personal-data-report' | 'resolver';
export const FUNCTION_KEYS: readonly FunctionKey[] = [
  'scan-scheduler',
  'scan-worker',
  'product-events',
  'personal-data-report',
  'resolver',
];

export interface FunctionUse {
  invocations: number;
  /** Of those, run for real (the rest counted at the mean of their kind). */
  measured: number;
  wallS: number;
  cpuS: number;
  memoryMb: number;
  gbSeconds: number;
  kvsReadBytes: number;
  kvsWriteBytes: number;
}

/** How the figures came about, and what else the economy shows (printed, kept beside the figures). */
export interface EconomyDetails {
  issues: number;
  method: string;
  window: WindowMinimum & { days: number; shareOfIssues: number; shareOfFullReadPoints: number };
  /** Peak RSS of the process that ran the audit jobs (those run for real), with Forge's memory. */
  auditJobPeakMb: number;
  /** Whether the opened project's panel showed its report within the run (else firstPanelMinutes is the whole run's). */
  firstPanelReady: boolean;
  /** What the panel opened right after install answered: the first scan's progress (the project asked to be scanned first). */
  firstPanelOpenedOnProgress: boolean;
  /**
   * KVS bytes of the measured days by key prefix (the key's first two `:`-separated parts), most first; an
   * invocation counted at its kind's mean counts that mean's bytes.
   */
  kvsByPrefix: PrefixBytes[];
  week: {
    points: number;
    requests: number;
    kvs: KvsTraffic;
    functions: Record<FunctionKey, FunctionUse>;
    edits: number;
    panelOpens: number;
    auditJobsAuditing: number;
  };
  install: { points: number; requests: number; wallS: number };
  panelOpenMaxRequests: number;
  /** Kinds of invocation measured a few times and multiplied; empty when every invocation ran for real. */
  sampled: Array<{ kind: string; measured: number; counted: number; meanWallMs: number }>;
  /**
   * Audits that audit, by kind: a full re-audit (every cached project's part worked out again: the first audit, a
   * new week) or an incremental one (only the projects whose inputs changed), each counted at its own kind's mean.
   */
  audits: Array<{
    kind: string;
    /** Audits of the install day (sampled apart), not of the measured days. */
    installDay: boolean;
    measured: number;
    counted: number;
    /** Of the runs for real: the mean number of projects audited again, of the projects cached. */
    meanReaudited: number;
    projects: number;
    meanKvsReadMB: number;
    meanKvsWrittenMB: number;
    meanWallMs: number;
  }>;
  wallMs: number;
}

export interface EconomyResult {
  figures: EconomyFigures;
  details: EconomyDetails;
}

/** Prices of Forge's usage beyond the free allowance (per app; here as if the site had it to itself). */
export const PRICES = {
  usdPerGbSecond: 0.000025,
  freeGbSecondsPerMonth: 100_000,
  usdPerKvsGbRead: 0.055,
  usdPerKvsGbWritten: 1.09,
  freeKvsGbPerMonth: 0.1,
};
export const DAYS_PER_MONTH = 30;
export const GB = 1e9;
/** The quota the first panel's time is worked out under. */
export const FIRST_PANEL_POINTS_PER_HOUR = 100_000;
/** Forge's function memory when manifest.yml names none. */
const DEFAULT_FUNCTION_MB = 512;
const WORKING_HOURS = { start: 9, end: 17 };
const BURSTS_PER_DAY = 8;
const MINUTE = 60_000;
const TICK = 5 * MINUTE;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function usdPerMonth(perDay: { gbSeconds: number; kvsReadGb: number; kvsWriteGb: number }): number {
  const beyond = (used: number, free: number) => Math.max(0, used * DAYS_PER_MONTH - free);
  return (
    beyond(perDay.gbSeconds, PRICES.freeGbSecondsPerMonth) * PRICES.usdPerGbSecond +
    beyond(perDay.kvsReadGb, PRICES.freeKvsGbPerMonth) * PRICES.usdPerKvsGbRead +
    beyond(perDay.kvsWriteGb, PRICES.freeKvsGbPerMonth) * PRICES.usdPerKvsGbWritten
  );
}

/** Each function's memory as manifest.yml sets it (`memoryMB`), Forge's default where it does not. */
export function functionMemoryMb(manifest: string): Record<string, number> {
  const memory: Record<string, number> = {};
  const section = /^ {2}function:\n((?: {4}.*\n?)*)/m.exec(manifest)?.[1] ?? '';
  for (const entry of section.split(/^ {4}- /m).slice(1)) {
    const key = /key:\s*(\S+)/.exec(entry)?.[1];
    if (key) memory[key] = Number(/memoryMB:\s*(\d+)/.exec(entry)?.[1] ?? DEFAULT_FUNCTION_MB);
  }
  return memory;
}

interface Invocation {
  wallMs: number;
  cpuMs: number;
  requests: number;
  points: number;
  kvs: KvsTraffic;
  kvsByPrefix: PrefixBytes[];
  /** An audit job's: the cached projects, and those it audited again. */
  audited?: { projects: number; reaudited: number };
}

/** The kinds of audits that audit, as the digests tell them apart (`IncrementalAudit.audited` against the projects). */
const AUDIT_KIND = { full: 'audit: full re-audit', incremental: 'audit: incremental' } as const;

/** The queue the simulation drains: Forge's event limits and JSON, as MemoryJobQueue, with who pushed what. */
class SimQueue implements JobQueue {
  readonly waiting: Array<{ job: Job; byScheduler: boolean }> = [];
  pushingScheduler = false;

  async push(jobs: Job | Job[], options: { delaySeconds?: number } = {}): Promise<void> {
    for (const events of jobPushes(Array.isArray(jobs) ? jobs : [jobs], options.delaySeconds)) {
      for (const event of events) {
        const job = parseJob(JSON.parse(JSON.stringify(event.body)));
        if (!job) throw new Error(`the consumer cannot read ${JSON.stringify(event.body)}`);
        this.waiting.push({ job, byScheduler: this.pushingScheduler });
      }
    }
  }
}

/** Runs one size's economy: opens the site (a process of its own when forked) and simulates install and week. */
export async function simulateEconomy(input: EconomyInput): Promise<EconomyResult> {
  const started = performance.now();
  const { site, description } = await openSite(
    { issues: input.issues, latencyMs: input.latencyMs, ...(input.seed === undefined ? {} : { seed: input.seed }) },
    input.placement,
  );
  const session = mkdtempSync(join(tmpdir(), 'rba-economy-'));
  try {
    const simulation = new Simulation(site, input, session, description);
    return await simulation.run(started);
  } finally {
    await site.close();
    rmSync(session, { recursive: true, force: true });
  }
}

type Description = Awaited<ReturnType<typeof openSite>>['description'];

class Simulation {
  private readonly raw: FileStore;
  private readonly store: CountingStore;
  private readonly queue = new SimQueue();
  private readonly scanner = new BackgroundScanner();
  private readonly memory: Record<string, number>;
  private readonly exact: boolean;
  private now: number;
  private readonly install: number;
  private readonly weekStart: number;
  private measuring = false;
  private readonly functions = {} as Record<FunctionKey, FunctionUse>;
  private week = { points: 0, requests: 0, kvs: { ...NO_TRAFFIC }, edits: 0, panelOpens: 0, auditJobsAuditing: 0 };
  private installUse = { points: 0, requests: 0, wallMs: 0 };
  /**
   * Points of the scheduler and consumer from the install until every project Jira lists is cached and no scan
   * runs: the first scans, and the audits between them.
   */
  private firstScanPoints = 0;
  private firstScanDone = false;
  /** Everything since the install, until the opened project's panel is ready. */
  private sinceInstall = { points: 0, wallMs: 0 };
  private firstPanel?: { points: number; wallMs: number };
  private firstPanelOpenedOnProgress = false;
  private readonly samples = new Map<string, { runs: Invocation[]; counted: number }>();
  /** The cache state a counted (not run) audit stood for: the stored reports are older than they would be. */
  private auditedState?: string;
  /** The week of the last audit that audited (run or counted): a new week re-audits every project. */
  private lastAuditWeek?: string;
  private auditJobPeakMb = 0;
  private weekPrefixes: PrefixBytes[] = [];
  private auditWorker?: Remote<BenchTasks>;
  private panelOpenMaxRequests = 0;
  private panelOpenKvsBytes = 0;

  constructor(
    private readonly site: Remote<BenchSite>,
    private readonly input: EconomyInput,
    private readonly session: string,
    private readonly description: Description,
  ) {
    this.raw = new FileStore(session);
    this.store = new CountingStore(this.raw);
    this.memory = functionMemoryMb(readFileSync(resolve(__dirname, '..', '..', 'manifest.yml'), 'utf8'));
    this.exact = input.issues <= input.exactMaxIssues;
    for (const key of FUNCTION_KEYS)
      this.functions[key] = {
        invocations: 0,
        measured: 0,
        wallS: 0,
        cpuS: 0,
        memoryMb: this.memory[key] ?? DEFAULT_FUNCTION_MB,
        gbSeconds: 0,
        kvsReadBytes: 0,
        kvsWriteBytes: 0,
      };
    this.weekStart = nextMonday(Date.parse(description.capturedAt) + DAY);
    this.install = this.weekStart - DAY;
    this.now = this.install;
  }

  async run(started: number): Promise<EconomyResult> {
    const { input } = this;
    const windowDays = defaultConfig().auditWindowDays;
    await this.site.setSiteTime(new Date(this.install).toISOString());
    const window = await this.site.windowMinimum(auditWindow(defaultConfig(), { now: new Date(this.install) }).since);

    const end = this.weekStart + input.days * DAY;
    try {
      for (; this.now < end; this.now += TICK) {
        this.measuring = this.now >= this.weekStart;
        await this.site.setSiteTime(new Date(this.now).toISOString());
        await this.edits();
        if (this.now === this.install) await this.openFirstPanel();
        await this.tick();
        await this.reportPersonalData();
        await this.panelOpens();
        if (!this.firstScanDone) this.firstScanDone = await this.everyProjectScanned();
        if ((this.now + TICK - this.install) % DAY === 0)
          this.log(
            `${new Date(this.now).toISOString().slice(0, 10)} simulated (${seconds(performance.now() - started)})`,
          );
      }
    } finally {
      await this.auditWorker?.close();
    }

    const days = input.days;
    const perDay = {
      gbSeconds: Object.values(this.functions).reduce((sum, use) => sum + use.gbSeconds, 0) / days,
      kvsReadGb: this.week.kvs.readBytes / GB / days,
      kvsWriteGb: this.week.kvs.writeBytes / GB / days,
    };
    const quotaPerMinute = FIRST_PANEL_POINTS_PER_HOUR / 60;
    const firstPanel = this.firstPanel;
    const figures: EconomyFigures = {
      issues: input.issues,
      firstScanPoints: this.firstScanPoints,
      firstScanMinimumPoints: window.points,
      steadyPointsPerHour: this.week.points / (days * 24),
      // Never ready in the run: the whole run is what it took at least.
      firstPanelMinutes: Math.max(
        (firstPanel ?? this.sinceInstall).points / quotaPerMinute,
        (firstPanel ?? this.sinceInstall).wallMs / MINUTE,
      ),
      kvsReadGBPerDay: perDay.kvsReadGb,
      kvsWriteGBPerDay: perDay.kvsWriteGb,
      functionGBSecondsPerDay: perDay.gbSeconds,
      usdPerSiteMonth: usdPerMonth(perDay),
      panelOpenRequests: this.panelOpenMaxRequests,
      panelOpenKvsKB: this.week.panelOpens > 0 ? this.panelOpenKvsBytes / 1024 / this.week.panelOpens : 0,
    };
    const sampled = [...this.samples]
      .filter(([, sample]) => sample.counted > 0)
      .map(([kind, sample]) => ({
        kind,
        measured: sample.runs.length,
        counted: sample.counted,
        meanWallMs: mean(sample.runs).wallMs,
      }));
    return {
      figures,
      details: {
        issues: input.issues,
        method: this.exact
          ? `every invocation of the ${days} days run for real`
          : `the schedule simulated exactly (real scheduler, scans, product events); audits that audit (full re-audits and incremental ones apart) and panel opens measured ${input.samples}× per kind for real, the rest counted at their kind's mean`,
        window: {
          ...window,
          days: windowDays,
          shareOfIssues: (window.inWindow + window.openOutside) / input.issues,
          shareOfFullReadPoints: window.points / window.fullReadPoints,
        },
        auditJobPeakMb: this.auditJobPeakMb,
        firstPanelReady: this.firstPanel !== undefined,
        firstPanelOpenedOnProgress: this.firstPanelOpenedOnProgress,
        kvsByPrefix: this.weekPrefixes,
        week: { ...this.week, functions: this.functions },
        install: {
          points: this.installUse.points,
          requests: this.installUse.requests,
          wallS: this.installUse.wallMs / 1000,
        },
        panelOpenMaxRequests: this.panelOpenMaxRequests,
        sampled,
        audits: this.auditKinds(),
        wallMs: performance.now() - started,
      },
    };
  }

  /** Working days, working hours: a burst at a fixed minute of each hour, in a project drawn by its size. */
  private async edits(): Promise<void> {
    const at = new Date(this.now);
    if (!this.measuring || !workingTime(at) || at.getUTCMinutes() !== 25) return;
    const perDay = Math.max(1, Math.round(this.input.issues * this.input.editShare));
    const hour = at.getUTCHours() - WORKING_HOURS.start;
    const count = Math.floor(((hour + 1) * perDay) / BURSTS_PER_DAY) - Math.floor((hour * perDay) / BURSTS_PER_DAY);
    if (count === 0) return;
    for (const issue of await this.site.editBurst(count)) {
      this.week.edits++;
      const event = {
        eventType: 'avi:jira:updated:issue',
        issue: { id: issue.id, key: issue.key, fields: { project: { key: issue.projectKey } } },
      };
      await this.invoke('product-events', () => recordProductEvent(event, { store: this.store, now: () => at }));
    }
  }

  /** The scheduled trigger, then every job it queued (and the jobs those queued) through the consumer. */
  private async tick(): Promise<void> {
    this.queue.pushingScheduler = true;
    await this.invoke('scan-scheduler', () => scheduleScans(this.jobServices()));
    this.queue.pushingScheduler = false;
    if (this.auditedState !== undefined && this.auditedState === (await this.auditStateNow())) {
      // The audit this run counted without running would have stored reports for this cache: the real scheduler
      // would find them up to date and queue nothing.
      this.queue.waiting.splice(
        0,
        this.queue.waiting.length,
        ...this.queue.waiting.filter((entry) => !entry.byScheduler || entry.job.type !== 'audit'),
      );
    }
    for (let next = this.queue.waiting.shift(); next; next = this.queue.waiting.shift()) {
      await this.consume(next.job);
      // The user's panel shows the report once one is stored for its project: opened again then, for real.
      if (!this.firstPanel && (await readStoredReport(this.raw, this.description.busiestBoardProjectKey)))
        await this.openFirstPanel();
    }
  }

  /**
   * The busiest board's panel as the user who opened it right after install sees it; the first time it shows a
   * report for its project (rather than the first scan's progress) is the first panel's time.
   */
  private async openFirstPanel(): Promise<void> {
    let showsReport = false;
    const use = await this.measure(async () => {
      showsReport = !('firstScan' in (await this.openPanel('getBoardPanel')));
    });
    this.record('resolver', 'the first panel', use);
    if (this.now === this.install && this.runsOf('the first panel') === 1)
      this.firstPanelOpenedOnProgress = !showsReport;
    if (showsReport) this.firstPanel = { ...this.sinceInstall };
  }

  private async everyProjectScanned(): Promise<boolean> {
    const listed = Object.keys((await readListedProjects(this.raw))?.projects ?? {});
    const cached = new Set(await cachedProjectKeys(this.raw));
    return (
      listed.length > 0 && listed.every((key) => cached.has(key)) && (await scanningProjectKeys(this.raw)).length === 0
    );
  }

  /** The hourly personal-data trigger (manifest.yml), reporting to the emulator's personal data API. */
  private async reportPersonalData(): Promise<void> {
    if ((this.now - this.install) % HOUR !== 0) return;
    const kind = this.phased('personal-data-report');
    if (!this.exact && this.runsOf(kind) >= this.input.samples) {
      this.countAtMean('personal-data-report', kind);
      return;
    }
    const report = httpAccountReporter(
      new HttpTransport({ baseUrl: this.description.url, email: this.description.login, apiToken: 'bench' }),
    );
    this.record(
      'personal-data-report',
      kind,
      await this.measure(() =>
        reportPersonalData({
          store: this.store,
          now: () => new Date(this.now),
          report,
          findProfile: jiraProfileFinder(this.client()),
        }),
      ),
    );
  }

  private async consume(job: Job): Promise<void> {
    if (job.type === 'scan' || job.viewId !== undefined) {
      await this.invoke('scan-worker', () => runJob(job, this.jobServices()));
      return;
    }
    const config = await new ConfigRepository(this.raw, RULE_METAS).effective();
    const now = new Date(this.now);
    const audits =
      (await scanningProjectKeys(this.raw)).length === 0 && (await auditDue(this.raw, config, undefined, now));
    if (!audits) {
      await this.invoke('scan-worker', () => runJob(job, this.jobServices()));
      return;
    }
    const state = await auditState(this.raw, config, now);
    if (this.auditedState === state) {
      // The counted audit left reports for this state: the real job would find them up to date.
      this.countAtMean('scan-worker', 'audit up to date');
      return;
    }
    if (this.measuring) this.week.auditJobsAuditing++;
    // Not run yet, an audit's kind is foreseen: a new week re-audits every project, a change only what it touches.
    const expected = this.phased(this.lastAuditWeek === isoWeekStart(now) ? AUDIT_KIND.incremental : AUDIT_KIND.full);
    this.lastAuditWeek = isoWeekStart(now);
    if (this.exact || this.runsOf(expected) < this.input.samples) {
      this.auditedState = undefined;
      const run = await this.auditInWorker();
      const kind = run.audited!.reaudited === run.audited!.projects ? AUDIT_KIND.full : AUDIT_KIND.incremental;
      this.record('scan-worker', this.phased(kind), run);
      this.log(
        `${now.toISOString().slice(0, 16)} ${kind} (${run.audited!.reaudited} of ${run.audited!.projects} projects), ` +
          `${(run.kvs.readBytes / 1e6).toFixed(1)} MB read, ${(run.kvs.writeBytes / 1e6).toFixed(1)} MB written`,
      );
    } else {
      this.countAtMean('scan-worker', expected);
      this.auditedState = state;
    }
  }

  /** The audits that audited, by kind, as `EconomyDetails.audits` gives them. */
  private auditKinds(): EconomyDetails['audits'] {
    const kinds = [...this.samples].flatMap(([name, sample]) => {
      const kind = Object.values(AUDIT_KIND).find((each) => name.startsWith(each));
      return kind ? [{ kind, installDay: name !== kind, sample }] : [];
    });
    return kinds.map(({ kind, installDay, sample }) => {
      const runs = sample.runs;
      const average = mean(runs);
      return {
        kind,
        installDay,
        measured: runs.length,
        counted: sample.counted,
        meanReaudited: runs.reduce((sum, run) => sum + (run.audited?.reaudited ?? 0), 0) / Math.max(1, runs.length),
        projects: runs[runs.length - 1]?.audited?.projects ?? 0,
        meanKvsReadMB: average.kvs.readBytes / 1e6,
        meanKvsWrittenMB: average.kvs.writeBytes / 1e6,
        meanWallMs: average.wallMs,
      };
    });
  }

  /**
   * A sampled kind's name in the install day apart: the install's audits (the first, of the whole site) and hourly
   * reports cost more than the measured days' (incremental) ones, whose mean they would otherwise set.
   */
  private phased(kind: string): string {
    return this.measuring ? kind : `${kind} on the install day`;
  }

  /**
   * An audit job in the audit process: one process with Forge's memory for every audit job of the run (as Forge
   * reuses a warm function), so that its peak is the audit jobs' own.
   */
  private async auditInWorker(): Promise<Invocation> {
    this.auditWorker ??= openWorker(this.input.placement, [
      `--max-old-space-size=${AUDIT_JOB_HEAP_MB}`,
      `--max-semi-space-size=${AUDIT_JOB_SEMI_SPACE_MB}`,
    ]);
    const before = await this.site.counters();
    const run = await this.auditWorker.economyAuditJob({
      session: this.session,
      now: new Date(this.now).toISOString(),
      url: this.description.url,
      login: this.description.login,
      concurrency: this.input.concurrency,
    });
    const after = await this.site.counters();
    this.auditJobPeakMb = Math.max(this.auditJobPeakMb, run.maxRssMb);
    return {
      wallMs: run.wallMs,
      cpuMs: run.cpuMs,
      requests: after.requests - before.requests,
      points: after.points - before.points,
      kvs: run.kvs,
      kvsByPrefix: run.kvsByPrefix,
      audited: { projects: run.projects, reaudited: run.reaudited },
    };
  }

  /** 50 a working day from 9 to 5, a board panel and the roadmap page by turns, as a Jira admin. */
  private async panelOpens(): Promise<void> {
    const at = new Date(this.now);
    if (!this.measuring || !workingTime(at)) return;
    const slots = ((WORKING_HOURS.end - WORKING_HOURS.start) * 60) / 5;
    const slot = (at.getUTCHours() - WORKING_HOURS.start) * 12 + at.getUTCMinutes() / 5;
    const opens =
      Math.floor(((slot + 1) * this.input.panelOpensPerDay) / slots) -
      Math.floor((slot * this.input.panelOpensPerDay) / slots);
    for (let index = 0; index < opens; index++) {
      const name = this.week.panelOpens % 2 === 0 ? 'getBoardPanel' : 'getRoadmap';
      this.week.panelOpens++;
      const config = await new ConfigRepository(this.raw, RULE_METAS).effective();
      const counted = this.auditedState !== undefined && this.auditedState === (await this.auditStateNow());
      const kind = `${name} on ${counted || !(await auditDue(this.raw, config, undefined, at)) ? 'stored reports' : 'a newer cache'}`;
      const sample = this.samples.get(kind);
      const use =
        !this.exact && (counted || (sample?.runs.length ?? 0) >= this.input.samples) && sample && sample.runs.length > 0
          ? this.countAtMean('resolver', kind)
          : this.record('resolver', kind, await this.measure(() => this.openPanel(name)));
      this.panelOpenMaxRequests = Math.max(this.panelOpenMaxRequests, use.requests);
      this.panelOpenKvsBytes += use.kvs.readBytes + use.kvs.writeBytes;
    }
  }

  private async openPanel(name: 'getBoardPanel' | 'getRoadmap'): Promise<object> {
    const services: AppServices = {
      jiraAsUser: () => this.client(),
      jiraAsApp: () => this.client(),
      store: this.store,
      now: () => new Date(this.now),
    };
    const caller = { accountId: this.description.login, moduleKey: 'bench' };
    const result =
      name === 'getBoardPanel'
        ? await runHandler('getBoardPanel', services, { boardId: this.description.busiestBoardId }, caller)
        : await runHandler('getRoadmap', services, {}, caller);
    if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`);
    return result.data;
  }

  /** One invocation run for real, its kind the function's own. */
  private async invoke(key: FunctionKey, work: () => Promise<unknown>): Promise<void> {
    this.record(key, key, await this.measure(work));
  }

  private async measure(work: () => Promise<unknown>): Promise<Invocation> {
    const before = await this.site.counters();
    this.store.take();
    this.store.takeByPrefix();
    const run = await timed(work);
    const after = await this.site.counters();
    return {
      wallMs: run.wallMs,
      cpuMs: run.cpuMs,
      requests: after.requests - before.requests,
      points: after.points - before.points,
      kvs: this.store.take(),
      kvsByPrefix: this.store.takeByPrefix(),
    };
  }

  private record(key: FunctionKey, kind: string, invocation: Invocation): Invocation {
    const sample = this.samples.get(kind) ?? { runs: [], counted: 0 };
    sample.runs.push(invocation);
    this.samples.set(kind, sample);
    this.functions[key].measured += this.measuring ? 1 : 0;
    this.add(key, invocation);
    return invocation;
  }

  /** An invocation not run, counted at the mean of its kind's real runs. */
  private countAtMean(key: FunctionKey, kind: string): Invocation {
    const sample = this.samples.get(kind) ?? { runs: [], counted: 0 };
    sample.counted++;
    this.samples.set(kind, sample);
    const invocation = mean(sample.runs);
    this.add(key, invocation);
    return invocation;
  }

  private add(key: FunctionKey, invocation: Invocation): void {
    if (!this.firstScanDone && (key === 'scan-scheduler' || key === 'scan-worker'))
      this.firstScanPoints += invocation.points;
    this.sinceInstall.points += invocation.points;
    this.sinceInstall.wallMs += invocation.wallMs;
    if (!this.measuring) {
      this.installUse.points += invocation.points;
      this.installUse.requests += invocation.requests;
      this.installUse.wallMs += invocation.wallMs;
      return;
    }
    const use = this.functions[key];
    use.invocations++;
    use.wallS += invocation.wallMs / 1000;
    use.cpuS += invocation.cpuMs / 1000;
    use.gbSeconds += (invocation.wallMs / 1000) * (use.memoryMb / 1024);
    use.kvsReadBytes += invocation.kvs.readBytes;
    use.kvsWriteBytes += invocation.kvs.writeBytes;
    this.week.points += invocation.points;
    this.week.requests += invocation.requests;
    this.week.kvs = addTraffic(this.week.kvs, invocation.kvs);
    this.weekPrefixes = addPrefixBytes(this.weekPrefixes, invocation.kvsByPrefix);
  }

  /** Progress on stderr in the real run (forked), where a week of a big site takes minutes. */
  private log(line: string): void {
    if (this.input.placement === 'forked') process.stderr.write(`  economy ${label(this.input.issues)}: ${line}\n`);
  }

  private runsOf(kind: string): number {
    return this.samples.get(kind)?.runs.length ?? 0;
  }

  /** What an audit now would stand for (the cache's content, the configuration, the week), as the app tells it. */
  private async auditStateNow(): Promise<string> {
    const config = await new ConfigRepository(this.raw, RULE_METAS).effective();
    return auditState(this.raw, config, new Date(this.now));
  }

  private jobServices(): JobServices {
    return {
      jira: () => this.client(),
      store: this.store,
      queue: this.queue,
      scanner: this.scanner,
      now: () => new Date(this.now),
      stepBudgetMs: this.input.stepBudgetMs,
    };
  }

  private client(): JiraClient {
    return new JiraClient(
      new HttpTransport({ baseUrl: this.description.url, email: this.description.login, apiToken: 'bench' }),
      { concurrency: this.input.concurrency },
    );
  }
}

function mean(runs: readonly Invocation[]): Invocation {
  const count = Math.max(1, runs.length);
  const total = runs.reduce(
    (sum, run) => ({
      wallMs: sum.wallMs + run.wallMs,
      cpuMs: sum.cpuMs + run.cpuMs,
      requests: sum.requests + run.requests,
      points: sum.points + run.points,
      kvs: addTraffic(sum.kvs, run.kvs),
      kvsByPrefix: addPrefixBytes(sum.kvsByPrefix, run.kvsByPrefix),
    }),
    { wallMs: 0, cpuMs: 0, requests: 0, points: 0, kvs: { ...NO_TRAFFIC }, kvsByPrefix: [] as PrefixBytes[] },
  );
  const each = (value: number) => value / count;
  return {
    wallMs: each(total.wallMs),
    cpuMs: each(total.cpuMs),
    requests: each(total.requests),
    points: each(total.points),
    kvs: {
      reads: each(total.kvs.reads),
      readBytes: each(total.kvs.readBytes),
      writes: each(total.kvs.writes),
      writeBytes: each(total.kvs.writeBytes),
      deletes: each(total.kvs.deletes),
      queries: each(total.kvs.queries),
    },
    kvsByPrefix: addPrefixBytes([], total.kvsByPrefix, 1 / count),
  };
}

function workingTime(at: Date): boolean {
  const day = at.getUTCDay();
  const hour = at.getUTCHours();
  return day >= 1 && day <= 5 && hour >= WORKING_HOURS.start && hour < WORKING_HOURS.end;
}

/** The first Monday 00:00 UTC at or after `ms`. */
function nextMonday(ms: number): number {
  const day = new Date(ms);
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  const daysAhead = (8 - day.getUTCDay()) % 7;
  const monday = midnight + daysAhead * DAY;
  return monday < ms ? monday + 7 * DAY : monday;
}
