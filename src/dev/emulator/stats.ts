export interface RouteStats {
  requests: number;
  points: number;
}

export interface EmulatorStats {
  /** Every request to the emulated site (the `/__emulator` paths excluded). */
  requests: number;
  /** Points charged: 1 per answered request plus 1 per object returned; 429s and injected 5xx cost nothing. */
  points: number;
  /** Requests refused with 429 by the points budget. */
  throttled: number;
  /** Requests answered with an injected 5xx. */
  failed: number;
  /** Per route, keyed `METHOD /path/pattern` (`(unmatched)` for paths the emulator does not serve). */
  byRoute: Record<string, RouteStats>;
}

export const UNMATCHED_ROUTE = '(unmatched)';

export class StatsRecorder {
  private stats: EmulatorStats = StatsRecorder.empty();

  request(route: string): void {
    this.stats.requests += 1;
    this.route(route).requests += 1;
  }

  charge(route: string, points: number): void {
    this.stats.points += points;
    this.route(route).points += points;
  }

  throttled(): void {
    this.stats.throttled += 1;
  }

  failed(): void {
    this.stats.failed += 1;
  }

  snapshot(): EmulatorStats {
    return structuredClone(this.stats);
  }

  reset(): void {
    this.stats = StatsRecorder.empty();
  }

  private route(route: string): RouteStats {
    const existing = this.stats.byRoute[route];
    if (existing) return existing;
    const created = { requests: 0, points: 0 };
    this.stats.byRoute[route] = created;
    return created;
  }

  private static empty(): EmulatorStats {
    return { requests: 0, points: 0, throttled: 0, failed: 0, byRoute: {} };
  }
}
