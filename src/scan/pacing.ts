import type { JiraClient } from '../jira/client';

/** Shortest and longest pause a step takes when Jira says the points budget is nearly spent. */
export const MIN_PAUSE_MS = 1_000;
export const MAX_PAUSE_MS = 30_000;

/**
 * Slows a scan down before Jira refuses it. While Jira's answers say the points budget is near its limit, one
 * request at a time and a pause before each unit of work (half the time Jira says the budget needs to refill);
 * after a 429 (which the client already waited out), one request at a time for the rest of the step.
 */
export class Pacer {
  private readonly concurrency: number;
  private readonly throttledAtStart: number;
  pausedMs = 0;

  constructor(
    private readonly client: JiraClient,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    this.concurrency = client.concurrencyLimit;
    this.throttledAtStart = client.usage.throttled;
  }

  async beforeUnit(): Promise<void> {
    const throttled = this.client.usage.throttled > this.throttledAtStart;
    const near = this.client.quota.nearLimit;
    this.client.setConcurrency(near || throttled ? 1 : this.concurrency);
    if (!near) return;
    const pause = Math.min(MAX_PAUSE_MS, Math.max(MIN_PAUSE_MS, ((this.client.quota.secondsToFull ?? 0) * 1000) / 2));
    this.pausedMs += pause;
    await this.sleep(pause);
  }

  /** Gives the client back the concurrency it had. */
  finish(): void {
    this.client.setConcurrency(this.concurrency);
  }
}
