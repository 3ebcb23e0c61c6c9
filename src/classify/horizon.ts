import { differenceInCalendarDays, isValid } from 'date-fns';
import type { Thresholds } from '../criteria';
import { DAYS_PER_MONTH, isoDay } from '../horizon';
import { plural } from '../domain/text';

/**
 * C5's horizon maths. Calendar dates become day numbers (days since 1970-01-01, counted by date-fns between local
 * midnights), so a horizon is a subtraction; an action's day is the UTC calendar day of its instant. Results do not
 * depend on the machine's time zone.
 */

const EPOCH = new Date(1970, 0, 1);
const PLAIN_DATE = /^\s*(\d{4})-(\d{2})-(\d{2})/u;
/** Sites repeat the same few thousand days across their actions, items and sprints. */
const DAY_CACHE_LIMIT = 50_000;
const dayCache = new Map<string, number | undefined>();

/** The day number of a `YYYY-MM-DD…` date or instant; undefined when it names no calendar day. */
export function dayNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const key = isoDay(value);
  if (dayCache.has(key)) return dayCache.get(key);
  const match = PLAIN_DATE.exec(key);
  let day: number | undefined;
  if (match) {
    const [year, month, date] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
    const local = new Date(year, month, date);
    if (isValid(local) && local.getDate() === date && local.getMonth() === month) day = dayNumberOf(local);
  }
  if (dayCache.size >= DAY_CACHE_LIMIT) dayCache.clear();
  dayCache.set(key, day);
  return day;
}

export function dayNumberOf(date: Date): number {
  return differenceInCalendarDays(date, EPOCH);
}

/**
 * Where a date `days` ahead sits between the two horizons: -1 within the tactical one (a sprint or release, up to 4
 * weeks by default), +1 at or beyond the strategic one (6 months), log-linear in between, so that 7 weeks still
 * leans tactical and 4 months strategic. Dates already past lean fully tactical.
 */
export function horizonLean(days: number, thresholds: Thresholds): number {
  return logLean(days, thresholds.tacticalHorizonWeeks.max * 7, thresholds.strategicHorizonMonths.min * DAYS_PER_MONTH);
}

/**
 * How much a move of `days` re-plans: -1 for a slip of up to the tactical horizon, +1 for a move of half the
 * strategic horizon (a quarter by default) or more.
 */
export function shiftLean(days: number, thresholds: Thresholds): number {
  return logLean(
    Math.abs(days),
    thresholds.tacticalHorizonWeeks.max * 7,
    (thresholds.strategicHorizonMonths.min / 2) * DAYS_PER_MONTH,
  );
}

function logLean(days: number, low: number, high: number): number {
  if (days <= low) return -1;
  if (days >= high) return 1;
  const middle = Math.sqrt(low * high);
  return Math.log(days / middle) / Math.log(high / middle);
}

/** "3 days", "13 weeks", "8 months", "2 years": a length of time as people plan in it. */
export function describeSpan(days: number): string {
  const size = Math.abs(days);
  if (size < 14) return plural(size, 'day');
  if (size < 16 * 7) return plural(Math.round(size / 7), 'week');
  const months = Math.round(size / DAYS_PER_MONTH);
  return months < 24 ? plural(months, 'month') : plural(Math.round(months / 12), 'year');
}

/** "9 months out", "10 days out", "a date already past". */
export function describeAhead(days: number): string {
  if (days < 0) return 'a date already past';
  if (days === 0) return 'today';
  if (days < 14) return `${plural(days, 'day')} out`;
  if (days < 9 * 7) return `${plural(Math.round(days / 7), 'week')} out`;
  return `${describeSpan(days)} out`;
}
