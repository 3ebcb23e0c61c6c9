import { effectiveSettings } from '../config/defaults';
import type { AuditConfig } from '../config/types';
import type { Instant } from '../domain/model';

/**
 * The stretch of time whose actions an audit judges: the last `auditWindowDays` days before the audit's now, set for
 * the site and per project, or from a start date the caller gives (`--since`) for every project alike.
 */
export interface AuditWindow {
  until: Instant;
  /** The site's window starts here. */
  since: Instant;
  /** The site's window in days, when configured rather than given as a start date. */
  days?: number;
  /** Projects whose own window differs from the site's. */
  projects?: Record<string, { since: Instant; days: number }>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function auditWindow(config: AuditConfig, options: { now: Date; since?: Date }): AuditWindow {
  const until = options.now.toISOString();
  if (options.since) return { until, since: options.since.toISOString() };
  const startOf = (days: number) => new Date(options.now.getTime() - days * DAY_MS).toISOString();
  const projects: NonNullable<AuditWindow['projects']> = {};
  for (const projectKey of Object.keys(config.projects).sort()) {
    const days = effectiveSettings(config, projectKey).auditWindowDays;
    if (days !== config.auditWindowDays) projects[projectKey] = { since: startOf(days), days };
  }
  return {
    until,
    since: startOf(config.auditWindowDays),
    days: config.auditWindowDays,
    ...(Object.keys(projects).length > 0 ? { projects } : {}),
  };
}

/** The window one project's actions are judged in. */
export function projectWindow(window: AuditWindow, projectKey: string): { since: Date; until: Date } {
  return { since: new Date(window.projects?.[projectKey]?.since ?? window.since), until: new Date(window.until) };
}

/** The window in words, for report headers: "last 90 days (2026-09-08 to 2026-12-07)", with projects that differ. */
export function describeWindow(window: AuditWindow): string {
  const span = (since: Instant) => `${since.slice(0, 10)} to ${window.until.slice(0, 10)}`;
  const site = window.days !== undefined ? `last ${window.days} days (${span(window.since)})` : span(window.since);
  const projects = Object.entries(window.projects ?? {}).map(
    ([projectKey, own]) => `${projectKey}: last ${own.days} days (${span(own.since)})`,
  );
  return projects.length > 0 ? `${site}; ${projects.join('; ')}` : site;
}
