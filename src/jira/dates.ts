import { isValid, parseISO } from 'date-fns';
import type { CalendarDate, Instant } from '../domain/model';

/**
 * Jira writes instants as `2026-03-16T14:40:31.000+0800` (offset without a colon), sometimes `Z` or `+08:00`,
 * and bulkfetch's example even uses epoch numbers; date-fns' parseISO reads all the string forms.
 */
export function parseJiraTime(value: unknown): number | undefined {
  const time = readTime(value);
  return time !== undefined && time >= EARLIEST && time <= LATEST ? time : undefined;
}

/**
 * The model writes instants as `YYYY-MM-DDTHH:mm:ss.sssZ` and orders them as strings, which only years 0–9999 allow
 * (`new Date(1e20)` has no ISO string at all, and `9999-12-31T23:30-1400` falls in year 10000).
 */
const EARLIEST = Date.parse('0000-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

function readTime(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? (value < 1e11 ? value * 1000 : value) : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = parseISO(value.trim());
  return isValid(parsed) ? parsed.getTime() : undefined;
}

export function toInstant(value: unknown): Instant | undefined {
  const time = parseJiraTime(value);
  return time === undefined ? undefined : new Date(time).toISOString();
}

/** A plain `YYYY-MM-DD` (due date, Start date); a full timestamp is cut to its own calendar date as written. */
export function toCalendarDate(value: unknown): CalendarDate | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (!match) return undefined;
  return isValid(parseISO(match[0])) ? match[0] : undefined;
}
