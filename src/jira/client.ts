import { needsUserConsent, type JiraRequest, type JiraResponse, type JiraTransport } from './transport';

/** A Jira answer the client will not retry, or one that stayed transient after every try. */
export class JiraError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly request: Pick<JiraRequest, 'method' | 'path'>,
    readonly transient: boolean,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'JiraError';
  }
}

export interface RetryPolicy {
  /** Tries for one request that fails (5xx, network, bad JSON), the first included. */
  maxTries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * How long one request may wait in all on 429s. Throttling is Jira asking for patience, not a failure, so it
   * is bounded by time rather than by the number of tries.
   */
  maxThrottleWaitMs: number;
}

export interface JiraClientOptions {
  retry?: Partial<RetryPolicy>;
  /** Requests in flight at once. */
  concurrency?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told about every retry, e.g. to print progress. */
  onRetry?: (event: RetryEvent) => void;
  now?: () => number;
}

export interface RetryEvent {
  request: Pick<JiraRequest, 'method' | 'path'>;
  attempt: number;
  status: number | 'network';
  waitMs: number;
}

export interface UsageCounters {
  /** Every request sent, retries included. */
  requests: number;
  /** Jira rate-limit points: 1 per answered request plus 1 per object it returned. */
  points: number;
  retries: number;
  throttled: number;
  serverErrors: number;
  networkErrors: number;
}

/**
 * What Jira last said about the points budget. Jira sends `Beta-RateLimit: "<policy>";r=<remaining>;t=<seconds to
 * full>` and, once less than a fifth of the budget is left, `X-Beta-RateLimit-NearLimit: true` (and the older
 * `X-RateLimit-NearLimit`), so a background reader can slow down before it is refused with a 429.
 */
export interface QuotaState {
  nearLimit: boolean;
  remaining?: number;
  secondsToFull?: number;
  /** Client clock (ms) of the answer these come from; undefined until an answer carried quota headers. */
  observedAt?: number;
}

export interface CallOptions<T> {
  /** How many objects the answer holds, for points accounting; defaults to a look at the usual list keys. */
  countObjects?: (body: T) => number;
  /** Statuses that are an answer rather than an error (e.g. 404 for "not visible to this user"). */
  acceptStatus?: number[];
}

const DEFAULT_RETRY: RetryPolicy = {
  maxTries: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxThrottleWaitMs: 15 * 60_000,
};
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);
const LIST_KEYS = ['values', 'issues', 'comments', 'histories', 'issueChangeLogs'] as const;

/**
 * Everything the endpoint functions need from Jira: one request at a time through a bounded pool, retried only
 * when the failure is transient (429 after its `Retry-After`, 5xx and network failures with exponential backoff
 * and full jitter), counted in requests and points.
 */
export class JiraClient {
  readonly usage: UsageCounters = {
    requests: 0,
    points: 0,
    retries: 0,
    throttled: 0,
    serverErrors: 0,
    networkErrors: 0,
  };
  readonly quota: QuotaState = { nearLimit: false };
  private readonly retry: RetryPolicy;
  private concurrency: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly onRetry?: (event: RetryEvent) => void;
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  /** While Jira has asked us to back off, every request waits, not just the one that was told. */
  private pausedUntil = 0;
  private readonly now: () => number;

  constructor(
    readonly transport: JiraTransport,
    options: JiraClientOptions = {},
  ) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.onRetry = options.onRetry;
    this.now = options.now ?? Date.now;
  }

  get concurrencyLimit(): number {
    return this.concurrency;
  }

  /** Fewer (or more) requests in flight from now on, e.g. while Jira says the points budget is nearly spent. */
  setConcurrency(limit: number): void {
    this.concurrency = Math.max(1, Math.floor(limit));
    while (this.inFlight < this.concurrency && this.waiting.length > 0) {
      this.inFlight++;
      this.waiting.shift()!();
    }
  }

  async get<T>(
    path: string,
    query?: JiraRequest['query'],
    options?: CallOptions<T>,
  ): Promise<{ status: number; body: T }> {
    return this.call<T>({ method: 'GET', path, query }, options);
  }

  async post<T>(path: string, body: unknown, options?: CallOptions<T>): Promise<{ status: number; body: T }> {
    return this.call<T>({ method: 'POST', path, body }, options);
  }

  async call<T>(request: JiraRequest, options: CallOptions<T> = {}): Promise<{ status: number; body: T }> {
    await this.acquire();
    try {
      return await this.callWithRetries(request, options);
    } finally {
      this.release();
    }
  }

  private async callWithRetries<T>(
    request: JiraRequest,
    options: CallOptions<T>,
  ): Promise<{ status: number; body: T }> {
    const described = { method: request.method, path: request.path };
    let throttledFor = 0;
    for (let attempt = 1; ; attempt++) {
      await this.waitOutPause();
      let response: JiraResponse;
      this.usage.requests++;
      try {
        response = await this.transport.send(request);
      } catch (error) {
        if (needsUserConsent(error)) throw error;
        this.usage.networkErrors++;
        if (attempt >= this.retry.maxTries) {
          throw new JiraError(
            `${request.method} ${request.path} failed after ${attempt} tries: ${errorText(error)}`,
            0,
            described,
            true,
          );
        }
        await this.backOff(described, attempt, 'network', this.backoffDelay(attempt));
        continue;
      }
      this.observeQuota(response.headers);

      if (response.status === 429) {
        this.usage.throttled++;
        const waitMs =
          retryAfterMs(response.headers['retry-after'], this.now()) ?? this.backoffDelay(Math.min(attempt, 8));
        throttledFor += waitMs;
        if (throttledFor > this.retry.maxThrottleWaitMs) throw this.errorFor(request, response, true);
        this.pausedUntil = Math.max(this.pausedUntil, this.now() + waitMs);
        attempt--;
        await this.backOff(described, attempt, 429, 0);
        continue;
      }
      if (TRANSIENT_STATUSES.has(response.status) || unreadable(response)) {
        this.usage.serverErrors++;
        if (attempt >= this.retry.maxTries) throw this.errorFor(request, response, true);
        const hinted = retryAfterMs(response.headers['retry-after'], this.now());
        await this.backOff(described, attempt, response.status, hinted ?? this.backoffDelay(attempt));
        continue;
      }

      this.usage.points += 1;
      const accepted = response.status < 300 || (options.acceptStatus ?? []).includes(response.status);
      if (!accepted) throw this.errorFor(request, response, false);
      const body = response.body as T;
      if (response.status < 300) this.usage.points += (options.countObjects ?? countListObjects)(body);
      return { status: response.status, body };
    }
  }

  private observeQuota(headers: Record<string, string>): void {
    const near = headers['x-beta-ratelimit-nearlimit'] ?? headers['x-ratelimit-nearlimit'];
    const budget = headers['beta-ratelimit'] ?? headers['ratelimit'];
    if (near === undefined && budget === undefined) {
      this.quota.nearLimit = false;
      return;
    }
    this.quota.nearLimit = near?.trim().toLowerCase() === 'true';
    this.quota.remaining = budget === undefined ? undefined : quotaParameter(budget, 'r');
    this.quota.secondsToFull = budget === undefined ? undefined : quotaParameter(budget, 't');
    this.quota.observedAt = this.now();
  }

  private async backOff(
    request: RetryEvent['request'],
    attempt: number,
    status: RetryEvent['status'],
    waitMs: number,
  ): Promise<void> {
    this.usage.retries++;
    this.onRetry?.({ request, attempt, status, waitMs: Math.max(waitMs, this.pausedUntil - this.now()) });
    if (waitMs > 0) await this.sleep(waitMs);
  }

  /** Exponential backoff with full jitter: a random wait up to base·2^(attempt-1), capped. */
  private backoffDelay(attempt: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(this.random() * ceiling);
  }

  private async waitOutPause(): Promise<void> {
    const remaining = this.pausedUntil - this.now();
    if (remaining > 0) await this.sleep(remaining);
  }

  private errorFor(request: JiraRequest, response: JiraResponse, transient: boolean): JiraError {
    const detail = jiraErrorText(response.body);
    const suffix = detail ? `: ${detail}` : '';
    const hint =
      response.status === 401
        ? ' (not signed in, or not allowed to see this)'
        : response.status === 403
          ? ' (the account lacks a permission)'
          : '';
    return new JiraError(
      `${request.method} ${request.path} answered ${response.status}${hint}${suffix}`,
      response.status,
      { method: request.method, path: request.path },
      transient,
      response.body,
    );
  }

  private async acquire(): Promise<void> {
    if (this.inFlight < this.concurrency) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    this.inFlight--;
    if (this.inFlight >= this.concurrency) return;
    const next = this.waiting.shift();
    if (next) {
      this.inFlight++;
      next();
    }
  }
}

/**
 * Every Jira answer the client asks for is JSON. A success whose body did not parse, or came as text (a proxy's or a
 * maintenance page's HTML), is a failure to retry like a 5xx, not an answer with nothing in it.
 */
function unreadable(response: JiraResponse): boolean {
  return response.status < 300 && (response.malformed === true || typeof response.body === 'string');
}

/** `Retry-After` is either delay-seconds or an HTTP date. */
export function retryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** One numeric parameter (`r`, `t`) of a structured rate-limit header such as `"tenant-app-quota";r=12;t=30`. */
function quotaParameter(header: string, name: string): number | undefined {
  const match = new RegExp(`(?:^|;)\\s*${name}=(\\d+(?:\\.\\d+)?)`).exec(header);
  return match ? Number(match[1]) : undefined;
}

export function countListObjects(body: unknown): number {
  if (Array.isArray(body)) return body.length;
  if (!body || typeof body !== 'object') return 0;
  const record = body as Record<string, unknown>;
  let count = 0;
  for (const key of LIST_KEYS) {
    const list = record[key];
    if (Array.isArray(list)) count += list.length;
  }
  return count;
}

function jiraErrorText(body: unknown): string {
  if (typeof body === 'string') return body.slice(0, 300);
  if (!body || typeof body !== 'object') return '';
  const record = body as { errorMessages?: unknown; errors?: unknown; message?: unknown };
  const parts: string[] = [];
  if (Array.isArray(record.errorMessages)) parts.push(...record.errorMessages.map(String));
  if (record.errors && typeof record.errors === 'object') {
    for (const [field, message] of Object.entries(record.errors as Record<string, unknown>))
      parts.push(`${field}: ${String(message)}`);
  }
  if (typeof record.message === 'string') parts.push(record.message);
  return parts.join('; ');
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
