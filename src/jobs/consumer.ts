import { effectiveSettings } from '../config/defaults';
import { roleMappingGroups } from '../config/role-mapping';
import { RULE_METAS } from '../rules';
import { auditCachedSite, auditDue, registeredViews, scanningProjectKeys } from '../scan';
import { ConfigRepository } from '../store/config-store';
import type { Job, JobServices } from './types';

/** Forge delays an event by at most 15 minutes. */
const MAX_DELAY_SECONDS = 900;

export type JobOutcome =
  | 'stepped'
  | 'scanned'
  | 'busy'
  | 'audited'
  | 'audit deferred'
  | 'audit up to date'
  | 'nothing cached'
  | 'view forgotten';

/**
 * What the queue consumer runs for one job. A scan job runs one step within the invocation's budget and queues
 * itself again until the scan is done (later, when Jira said the points budget is nearly spent), then queues an
 * audit if the stored reports are behind the cache (or in an earlier week). An audit waits for the last running scan: it runs only when no scan is in progress.
 */
export async function runJob(job: Job, services: JobServices): Promise<JobOutcome> {
  const { store } = services;
  const config = await new ConfigRepository(store, RULE_METAS).effective();
  if (job.type === 'audit') {
    if ((await scanningProjectKeys(store)).length > 0) return 'audit deferred';
    let view;
    if (job.viewId !== undefined) {
      view = (await registeredViews(store)).find((candidate) => candidate.id === job.viewId);
      // Views unused for long are dropped with their reports; nobody is left to read this one's audit.
      if (!view) return 'view forgotten';
    }
    const audit = await auditCachedSite(store, config, { now: services.now(), ...(view ? { view } : {}) });
    return audit.audited ? 'audited' : audit.why === 'up to date' ? 'audit up to date' : 'nothing cached';
  }
  const client = services.jira();
  const result = await services.scanner.step(client, store, job.projectKey, {
    timeBudgetMs: services.stepBudgetMs,
    now: services.now,
    groups: roleMappingGroups(config),
    windowDays: effectiveSettings(config, job.projectKey).auditWindowDays,
    ...(job.kind ? { kind: job.kind } : {}),
    ...(job.checkDeleted ? { checkDeleted: true } : {}),
    ...(services.policy ? { policy: services.policy } : {}),
    ...(services.sleep ? { sleep: services.sleep } : {}),
  });
  if (result.busy) return 'busy';
  if (!result.done) {
    const wait = client.quota.nearLimit ? Math.min(MAX_DELAY_SECONDS, Math.ceil(client.quota.secondsToFull ?? 60)) : 0;
    await services.queue.push({ type: 'scan', projectKey: job.projectKey }, wait > 0 ? { delaySeconds: wait } : {});
    return 'stepped';
  }
  // A refresh that found nothing new leaves the stored reports as current as they were: no audit to run.
  if (await auditDue(store, config, undefined, services.now())) await services.queue.push({ type: 'audit' });
  return 'scanned';
}
