/**
 * The Forge functions behind the scan's modules in manifest.yml: a scheduled trigger, the consumer of the scan
 * queue and the product-event trigger. Jira is read as the app; state lives in Forge's KVS.
 */
import type { AsyncEvent } from '@forge/events';
import { JiraClient } from '../jira/client';
import { forgeAccountReporter, jiraProfileFinder } from '../jira/personal-data';
import { ForgeTransport } from '../jira/transport-forge';
import { BackgroundScanner } from '../scan';
import { ForgeKvsStore } from '../store/forge-kvs';
import { runJob } from './consumer';
import { parseJob } from './events';
import { reportPersonalData, type PersonalDataRun } from './personal-data';
import { ForgeJobQueue } from './forge-queue';
import { recordProductEvent } from './product-events';
import { scheduleScans } from './scheduler';
import type { JobServices } from './types';

/** The queue key shared by the pushes and the consumer module (manifest.yml). */
export const SCAN_QUEUE = 'rba-scan';
/**
 * The consumer function runs for up to 900 s (timeoutSeconds in manifest.yml); a step stops starting requests
 * after 600 s so the unit in progress, the checkpoint and the re-queue fit in what is left.
 */
export const STEP_BUDGET_MS = 600_000;

function forgeServices(): JobServices {
  return {
    jira: () => new JiraClient(new ForgeTransport('app')),
    store: new ForgeKvsStore(),
    queue: new ForgeJobQueue(SCAN_QUEUE),
    scanner: new BackgroundScanner(),
    now: () => new Date(),
    stepBudgetMs: STEP_BUDGET_MS,
  };
}

/** scheduledTrigger: queue a scan step for every project with work due. */
export async function scheduledScan(): Promise<{ statusCode: number }> {
  await scheduleScans(forgeServices());
  return { statusCode: 204 };
}

/** scheduledTrigger, hourly: report the stored accounts to Atlassian, erase closed ones, refresh changed ones. */
export async function reportAccounts(): Promise<PersonalDataRun> {
  return reportPersonalData({
    store: new ForgeKvsStore(),
    now: () => new Date(),
    report: forgeAccountReporter,
    findProfile: jiraProfileFinder(new JiraClient(new ForgeTransport('app'))),
  });
}

/** consumer of the scan queue: one job per event. */
export async function scanConsumer(event: AsyncEvent): Promise<void> {
  const job = parseJob(event.body);
  if (job) await runJob(job, forgeServices());
}

/** trigger for product events: mark what changed for the next refresh. */
export async function productEvent(event: unknown): Promise<void> {
  await recordProductEvent(event, forgeServices());
}
