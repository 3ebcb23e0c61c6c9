import { join } from 'node:path';
import v8 from 'node:v8';
import { auditSite } from '../audit';
import { classifyAction, type ClassifyContext } from '../classify';
import { defaultConfig, effectiveSettings } from '../config/defaults';
import { generateDemoSite } from '../dev/demo';
import type { Action } from '../domain/model';
import { JiraClient } from '../jira/client';
import { normaliseSite } from '../jira/normalise';
import { readSite, type SiteRead } from '../jira/read-site';
import { HttpTransport } from '../jira/transport-http';
import { runHandler } from '../resolvers/registry';
import { auditCachedSite, BackgroundScanner, cachedProjectKeys } from '../scan';
import type { FirstScanView } from '../resolvers/api';
import type { ResolverResponse } from '../resolvers/response';
import type { AppServices } from '../resolvers/services';
import { MemoryStore } from '../store/key-value';
import { runJob } from '../jobs/consumer';
import { CountingStore, type KvsTraffic, type PrefixBytes } from './counting-store';
import { simulateEconomy, type EconomyInput, type EconomyResult } from './economy';
import { FileStore } from './file-store';
import { generateBenchSite } from './generate';
import { forkRemote, localRemote, type Remote } from './rpc';
import { liveHeapMb, processUsage, timed } from './usage';

/**
 * What the benchmark measures inside a worker process: a whole read (bulk or naive) followed by the audit, the
 * classifier's throughput, and the resolvers' responses. Each measurement gets a fresh worker, so the memory
 * figures are its own: `maxRssMb` is the process's high-water mark, `live…HeapMb` what stays on the heap after
 * a garbage collection (workers run with --expose-gc) — the size of the data a stage holds.
 */

export interface SiteAccess {
  url: string;
  login: string;
  /** Requests in flight at once, as the app's client allows. */
  concurrency: number;
}

export interface ReadInput extends SiteAccess {
  changelogs: 'bulk' | 'per-issue';
  /** Normalise and audit what was read, in the same process. */
  audit: boolean;
}

export interface ReadFigures {
  issues: number;
  histories: number;
  problems: number;
  requests: number;
  points: number;
  retries: number;
  wallMs: number;
  cpuMs: number;
  /** Process high-water mark at the end of the read. */
  maxRssMb: number;
  /** The snapshot the read built, once garbage is collected. */
  liveHeapMb: number;
}

export interface AuditFigures {
  normaliseMs: number;
  auditMs: number;
  cpuMs: number;
  actions: number;
  findings: number;
  /** The normalised site alone (the raw snapshot dropped). */
  liveSiteHeapMb: number;
  /** Process high-water mark once read, normalised and audited in one process. */
  maxRssMb: number;
}

export interface ReadResult {
  read: ReadFigures;
  audit?: AuditFigures;
}

export interface ClassifierInput {
  source: 'demo' | { issues: number };
  /** Keep classifying the set again until this much time has passed. */
  minMs: number;
}

export interface ClassifierFigures {
  source: string;
  /** Distinct actions in the mix, and how many of each kind. */
  actions: number;
  mix: Record<Action['kind'], number>;
  classified: number;
  wallMs: number;
  cpuMs: number;
  /** Per second of wall time, and per second of this process's CPU (the worker runs with a single-threaded GC). */
  perSecond: number;
  perCpuSecond: number;
}

export interface ResolverInput extends SiteAccess {
  boardId: number;
  /** The board's project, whose roadmap page is opened. */
  projectKey: string;
  /** The audit's "now": the site's capture time. */
  now: string;
  /** Panels read a scan session's stored reports; without one (a fresh install) they answer the first scan's progress. */
  session?: string;
}

/** One panel open: a resolver call as the viewer, what it asked of Jira and what it returned. */
export interface ResolverFigures {
  name: 'getRoadmap' | 'getBoardPanel';
  /** What the view showed: the stored report, or the first scan's progress. */
  answer: 'report' | 'first scan';
  /** Jira requests and points the call cost (as the viewer and as the app together). */
  requests: number;
  points: number;
  bytes: number;
  wallMs: number;
  findings: number;
}

export interface ScanInput extends SiteAccess {
  /** Scans of one session share one key-value store (a directory of files), as the jobs of one site share KVS. */
  session: string;
  projectKeys: string[];
  /** How far the site's clock has been moved on; the scanner's clock moves with it. */
  clockSkewMs: number;
  /** What each step may spend before it checkpoints (a Forge consumer runs for up to 900 s). */
  timeBudgetMs: number;
  kind: 'full' | 'incremental';
}

export interface ScanFigures {
  kind: 'full' | 'incremental';
  steps: number;
  longestStepMs: number;
  issuesWritten: number;
  requests: number;
  points: number;
  /** The costliest project's requests. */
  maxProjectRequests: number;
  wallMs: number;
  cpuMs: number;
  /** Process high-water mark; it includes the in-memory key-value store. */
  maxRssMb: number;
  store: StoreFigures;
}

export interface StoreFigures {
  keys: number;
  bytes: number;
  largestValueBytes: number;
  /** Writes since the previous scan of the session. */
  writes: number;
}

export interface AuditJobInput {
  /** The session's store directory. */
  session: string;
  now: string;
}

export interface AuditJobFigures {
  wallMs: number;
  cpuMs: number;
  projects: number;
  issues: number;
  actions: number;
  findings: number;
  /** Process high-water mark: the store is in files, so this is the job's own. */
  maxRssMb: number;
  /** The heap the worker was allowed (Forge's memory). */
  heapLimitMb: number;
}

export interface EconomyAuditJobInput extends SiteAccess {
  session: string;
  now: string;
}

export interface EconomyAuditJobFigures {
  outcome: string;
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  kvs: KvsTraffic;
  kvsByPrefix: PrefixBytes[];
  /** Cached projects, and of those the ones whose part the audit worked out again (their digest was rewritten). */
  projects: number;
  reaudited: number;
}

export class BenchTasks {
  /** A site's economy over a simulated week (src/bench/economy.ts); the site runs in a process of its own. */
  async economy(input: EconomyInput): Promise<EconomyResult> {
    return simulateEconomy(input);
  }

  /** One audit job of the economy's queue, through the real consumer, in this worker (run with Forge's memory). */
  async economyAuditJob(input: EconomyAuditJobInput): Promise<EconomyAuditJobFigures> {
    const raw = new FileStore(input.session);
    const store = new CountingStore(raw);
    // Read beside the count: which projects' digests the audit rewrote, i.e. which it audited again.
    const digests = async () =>
      Promise.all(
        (await cachedProjectKeys(raw)).map(async (key) => JSON.stringify(await raw.get(`audit:digest:${key}`))),
      );
    const before = await digests();
    const run = await timed(() =>
      runJob(
        { type: 'audit' },
        {
          jira: () => clientFor(input),
          store,
          queue: {
            push: async () => {
              throw new Error('an audit job queues nothing');
            },
          },
          scanner: new BackgroundScanner(),
          now: () => new Date(input.now),
          stepBudgetMs: 0,
        },
      ),
    );
    const after = await digests();
    return {
      outcome: run.result,
      wallMs: run.wallMs,
      cpuMs: run.cpuMs,
      maxRssMb: processUsage().maxRssMb,
      kvs: store.take(),
      kvsByPrefix: store.takeByPrefix(),
      projects: after.length,
      reaudited: after.filter((digest, index) => digest !== before[index]).length,
    };
  }

  async read(input: ReadInput): Promise<ReadResult> {
    const held: { read?: SiteRead } = {};
    const figures = await measureRead(clientFor(input), input, held);
    if (!input.audit) return { read: figures };

    const now = new Date(held.read?.snapshot.capturedAt ?? Date.now());
    const normalising = await timed(() => {
      const { snapshot, problems } = held.read!;
      // Let the raw snapshot go once normalised, as a memory-minded pipeline would, so the audit's figures are its own.
      held.read = undefined;
      return normaliseSite(snapshot, problems);
    });
    const liveSiteHeapMb = liveHeapMb();
    const auditing = await timed(() => auditSite(normalising.result, defaultConfig(), { now }));
    return {
      read: figures,
      audit: {
        normaliseMs: normalising.wallMs,
        auditMs: auditing.wallMs,
        cpuMs: normalising.cpuMs + auditing.cpuMs,
        actions: normalising.result.actions.length,
        findings: auditing.result.findings.length,
        liveSiteHeapMb,
        maxRssMb: processUsage().maxRssMb,
      },
    };
  }

  /**
   * Scans every project to the end, the projects side by side as the queue would run them, each a step at a time
   * with a client of its own; the emulator's counters give the total.
   */
  async scan(input: ScanInput): Promise<ScanFigures> {
    const store = new FileStore(input.session);
    const scanner = new BackgroundScanner();
    const now = () => new Date(Date.now() + input.clockSkewMs);
    let steps = 0;
    let longestStepMs = 0;
    let issuesWritten = 0;
    const perProject = await timed(() =>
      Promise.all(
        input.projectKeys.map(async (projectKey) => {
          const client = clientFor(input);
          for (let done = false, first = true; !done; first = false) {
            const step = await timed(() =>
              scanner.step(client, store, projectKey, {
                timeBudgetMs: input.timeBudgetMs,
                now,
                ...(first ? { kind: input.kind } : {}),
              }),
            );
            if (step.result.busy) throw new Error(`${projectKey}: another scan holds the lease`);
            steps++;
            longestStepMs = Math.max(longestStepMs, step.wallMs);
            issuesWritten += step.result.issuesWritten;
            done = step.result.done;
          }
          return client.usage;
        }),
      ),
    );
    return {
      kind: input.kind,
      steps,
      longestStepMs,
      issuesWritten,
      requests: perProject.result.reduce((sum, usage) => sum + usage.requests, 0),
      points: perProject.result.reduce((sum, usage) => sum + usage.points, 0),
      maxProjectRequests: Math.max(0, ...perProject.result.map((usage) => usage.requests)),
      wallMs: perProject.wallMs,
      cpuMs: perProject.cpuMs,
      maxRssMb: processUsage().maxRssMb,
      store: store.figures(),
    };
  }

  /**
   * The audit job over what a session's scans cached, as the queue consumer runs it (a project at a time); run in a
   * worker of its own with Forge's memory, so its peak is the job's.
   */
  async auditJob(input: AuditJobInput): Promise<AuditJobFigures> {
    const store = new FileStore(input.session);
    const run = await timed(() => auditCachedSite(store, defaultConfig(), { now: new Date(input.now) }));
    if (!run.result.audited) throw new Error(`the audit job did not audit: ${run.result.why}`);
    const { report } = run.result;
    return {
      wallMs: run.wallMs,
      cpuMs: run.cpuMs,
      projects: run.result.projectKeys.length,
      issues: report.coverage.issues,
      actions: report.coverage.actions,
      findings: report.findings.length,
      maxRssMb: processUsage().maxRssMb,
      heapLimitMb: v8.getHeapStatistics().heap_size_limit / 1024 / 1024,
    };
  }

  async classify(input: ClassifierInput): Promise<ClassifierFigures> {
    const snapshot =
      input.source === 'demo' ? generateDemoSite() : generateBenchSite({ issues: input.source.issues }).snapshot;
    const site = normaliseSite(snapshot);
    const items = new Map(site.items.map((item) => [item.key, item]));
    const sprints = new Map(site.sprints.map((sprint) => [sprint.id, sprint]));
    const thresholds = effectiveSettings(defaultConfig(), undefined).thresholds;
    const cases: Array<{ action: Action; context: ClassifyContext }> = [];
    for (const action of site.actions) {
      const item = items.get(action.itemKey);
      if (!item) continue;
      const parent = item.parentKey ? items.get(item.parentKey) : undefined;
      cases.push({ action, context: { item, ...(parent ? { parent } : {}), sprints, thresholds } });
    }
    const mix: Record<Action['kind'], number> = { create: 0, change: 0, comment: 0 };
    for (const { action } of cases) mix[action.kind]++;
    for (const { action, context } of cases) classifyAction(action, context);
    let classified = 0;
    const run = await timed(() => {
      const started = performance.now();
      do {
        for (const { action, context } of cases) classifyAction(action, context);
        classified += cases.length;
      } while (performance.now() - started < input.minMs);
    });
    return {
      source: input.source === 'demo' ? 'demo site' : `synthetic ${input.source.issues} issues`,
      actions: cases.length,
      mix,
      classified,
      wallMs: run.wallMs,
      cpuMs: run.cpuMs,
      perSecond: classified / (run.wallMs / 1000),
      perCpuSecond: classified / (run.cpuMs / 1000),
    };
  }

  async resolvers(input: ResolverInput): Promise<ResolverFigures[]> {
    const clients: JiraClient[] = [];
    const counted = () => {
      const client = clientFor(input);
      clients.push(client);
      return client;
    };
    const services: AppServices = {
      jiraAsUser: counted,
      jiraAsApp: counted,
      store: input.session ? new FileStore(input.session) : new MemoryStore(),
      now: () => new Date(input.now),
    };
    const caller = { accountId: input.login, moduleKey: 'bench' };
    const calls: Array<
      [ResolverFigures['name'], () => Promise<ResolverResponse<{ findings: unknown[] } | FirstScanView>>]
    > = [
      ['getRoadmap', () => runHandler('getRoadmap', services, { projectKey: input.projectKey }, caller)],
      ['getBoardPanel', () => runHandler('getBoardPanel', services, { boardId: input.boardId }, caller)],
    ];
    const figures: ResolverFigures[] = [];
    for (const [name, call] of calls) {
      clients.length = 0;
      const { result, wallMs } = await timed(call);
      if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`);
      // What Forge carries back to the UI: the resolver's return value as JSON.
      figures.push({
        name,
        answer: 'firstScan' in result.data ? 'first scan' : 'report',
        requests: clients.reduce((sum, client) => sum + client.usage.requests, 0),
        points: clients.reduce((sum, client) => sum + client.usage.points, 0),
        bytes: Buffer.byteLength(JSON.stringify(result)),
        wallMs,
        findings: 'firstScan' in result.data ? 0 : result.data.findings.length,
      });
    }
    return figures;
  }
}

async function measureRead(client: JiraClient, input: ReadInput, held: { read?: SiteRead }): Promise<ReadFigures> {
  const reading = await timed(() => readSite(client, { baseUrl: input.url, changelogs: input.changelogs }));
  held.read = reading.result;
  const { snapshot, problems } = reading.result;
  return {
    issues: snapshot.issues.length,
    histories: snapshot.issues.reduce((sum, issue) => sum + (issue.changelog?.histories.length ?? 0), 0),
    problems: problems.length,
    requests: client.usage.requests,
    points: client.usage.points,
    retries: client.usage.retries,
    wallMs: reading.wallMs,
    cpuMs: reading.cpuMs,
    maxRssMb: processUsage().maxRssMb,
    liveHeapMb: liveHeapMb(),
  };
}

function clientFor(access: SiteAccess): JiraClient {
  return new JiraClient(new HttpTransport({ baseUrl: access.url, email: access.login, apiToken: 'bench' }), {
    concurrency: access.concurrency,
  });
}

/**
 * A worker for one measurement: a child process of its own (what `npm run bench` does), or this process. Forked
 * workers may use up to 12 GB of heap, so that the benchmark measures what a stage needs rather than failing.
 */
export function openWorker(placement: 'forked' | 'in-process', nodeOptions: string[] = []): Remote<BenchTasks> {
  return placement === 'forked'
    ? forkRemote<BenchTasks>(join(__dirname, 'worker.js'), [
        '--expose-gc',
        '--max-old-space-size=12288',
        ...nodeOptions,
      ])
    : localRemote(new BenchTasks());
}
