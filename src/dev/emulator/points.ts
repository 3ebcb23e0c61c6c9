import { addSeconds } from 'date-fns';

/**
 * Jira Cloud's points-based quota, as a token bucket: it refills continuously at pointsPerHour/3600 points a
 * second and holds at most one minute's worth. A request is answered while the balance is positive; its cost
 * is charged afterwards, so one large answer can take the balance below zero.
 *
 * Header names follow what Jira sends for the points quota (observed on live sites in 2026):
 * `Beta-RateLimit-Policy: "tenant-app-quota";q=<quota>;w=3600`, `Beta-RateLimit: "tenant-app-quota";r=<remaining>;t=<seconds>`
 * and, below 20% of the budget, `X-Beta-RateLimit-NearLimit: true` beside the older `X-RateLimit-NearLimit: true`.
 * A refusal is a 429 with `Retry-After`, `RateLimit-Reason: jira-quota-tenant-based` and `X-RateLimit-Reset`.
 */
const QUOTA_POLICY = 'tenant-app-quota';
const QUOTA_REASON = 'jira-quota-tenant-based';
const NEAR_LIMIT_SHARE = 0.2;
const WINDOW_SECONDS = 3600;

export class PointsBucket {
  private readonly capacity: number;
  private readonly refillPerSecond: number;
  private balance: number;
  private updatedAt: number;

  constructor(
    private readonly pointsPerHour: number,
    private readonly now: () => number,
  ) {
    this.capacity = pointsPerHour / 60;
    this.refillPerSecond = pointsPerHour / WINDOW_SECONDS;
    this.balance = this.capacity;
    this.updatedAt = now();
  }

  /** Whole seconds until the balance is positive again; 0 when a request may be answered now. */
  retryAfterSeconds(): number {
    this.refill();
    if (this.balance > 0) return 0;
    return Math.floor(-this.balance / this.refillPerSecond) + 1;
  }

  spend(points: number): void {
    this.refill();
    this.balance -= points;
  }

  /** The headers every answer carries while a budget is set. */
  headers(): Record<string, string> {
    this.refill();
    const remaining = Math.max(0, Math.floor(this.balance));
    const secondsToFull = Math.ceil((this.capacity - this.balance) / this.refillPerSecond);
    const headers: Record<string, string> = {
      'beta-ratelimit-policy': `"${QUOTA_POLICY}";q=${this.pointsPerHour};w=${WINDOW_SECONDS}`,
      'beta-ratelimit': `"${QUOTA_POLICY}";r=${remaining};t=${secondsToFull}`,
    };
    if (this.balance < this.capacity * NEAR_LIMIT_SHARE) {
      headers['x-beta-ratelimit-nearlimit'] = 'true';
      headers['x-ratelimit-nearlimit'] = 'true';
    }
    return headers;
  }

  /** The extra headers of a 429 refusal. */
  refusalHeaders(retryAfterSeconds: number): Record<string, string> {
    const reset = addSeconds(new Date(this.now()), retryAfterSeconds);
    return {
      'retry-after': String(retryAfterSeconds),
      'ratelimit-reason': QUOTA_REASON,
      // Jira documents this one as yyyy-MM-ddTHH:mmZ.
      'x-ratelimit-reset': `${reset.toISOString().slice(0, 16)}Z`,
    };
  }

  private refill(): void {
    const at = this.now();
    const elapsedSeconds = Math.max(0, at - this.updatedAt) / 1000;
    this.balance = Math.min(this.capacity, this.balance + elapsedSeconds * this.refillPerSecond);
    this.updatedAt = at;
  }
}
