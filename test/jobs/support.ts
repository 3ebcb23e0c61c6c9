import { demoConfig, generateDemoSite } from '../../src/dev/demo';
import { startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import { JiraClient } from '../../src/jira/client';
import { HttpTransport } from '../../src/jira/transport-http';
import { MemoryJobQueue, runJob, type JobOutcome, type JobServices } from '../../src/jobs';
import { RULE_METAS } from '../../src/rules';
import { BackgroundScanner } from '../../src/scan';
import { ConfigRepository } from '../../src/store/config-store';
import { MemoryStore } from '../../src/store/key-value';

// Every test file here scans the demo site (800 issues, thousands of histories) through the emulator, often more
// than once: more than jest's default 5 s on a loaded two-core machine.
jest.setTimeout(30_000);

export const demo = generateDemoSite();
export const ADMIN = Object.entries(demo.permissions ?? {}).find(([, grant]) => grant.admin)![0];

/** The whole background pipeline on local stand-ins: the emulator, the in-memory store and queue, one fake clock. */
export interface Pipeline {
  emulator: RunningEmulator;
  store: MemoryStore;
  queue: MemoryJobQueue;
  services: JobServices;
  clients: JiraClient[];
  clock: { now: () => number; advance: (ms: number) => void };
  /** What each job the pipeline ran came to, in order. */
  outcomes: JobOutcome[];
  /** Runs queued jobs until the queue is empty; returns how many ran. */
  drain(): Promise<number>;
  close(): Promise<void>;
}

export async function startPipeline(options: { stepBudgetMs?: number } = {}): Promise<Pipeline> {
  let now = Date.parse(demo.capturedAt!);
  const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
  const emulator = await startEmulator(demo, { now: clock.now });
  const store = new MemoryStore();
  await new ConfigRepository(store, RULE_METAS).saveSite(demoConfig(), 0, { at: new Date(now) });
  const queue = new MemoryJobQueue();
  const clients: JiraClient[] = [];
  const outcomes: JobOutcome[] = [];
  const services: JobServices = {
    jira: () => {
      const client = new JiraClient(new HttpTransport({ baseUrl: emulator.url, email: ADMIN, apiToken: 'app' }), {
        now: clock.now,
      });
      clients.push(client);
      return client;
    },
    store,
    queue,
    scanner: new BackgroundScanner(),
    now: () => new Date(now),
    stepBudgetMs: options.stepBudgetMs ?? 60_000,
  };
  return {
    emulator,
    store,
    queue,
    services,
    clients,
    clock,
    outcomes,
    drain: () => queue.drain(async (job) => void outcomes.push(await runJob(job, services))),
    close: () => emulator.close(),
  };
}
