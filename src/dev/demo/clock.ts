import { addHours, addMinutes, differenceInMinutes } from 'date-fns';
import type { Random } from './random';
import { isoDay } from '../../horizon';

/**
 * Time for the generator: instants are epoch milliseconds, calendar days are UTC midnights.
 * Only date-fns' absolute-time functions are used (hours, minutes): its calendar functions (addDays, startOfDay…)
 * follow the machine's time zone, and the demo site must come out byte-identical on every machine.
 */

export const DEFAULT_NOW = '2026-11-22T08:00:00.000Z';

/** The scenario is written against the default "now"; another "now" moves every date by whole days. */
export interface Timeline {
  now: number;
  /** A scenario date (`2026-05-25`, read as UTC midnight) on this timeline. */
  day(date: string): number;
  /** A scenario date at a local time of day, e.g. `at('2026-11-17', '10:20', 60)` for 10:20 at UTC+1. */
  at(date: string, time: string, offsetMinutes: number): number;
}

export function createTimeline(now: string = DEFAULT_NOW): Timeline {
  const nowMs = parseInstant(now);
  const shiftDays = Math.round(differenceInMinutes(nowMs, parseInstant(DEFAULT_NOW)) / (24 * 60));
  const day = (date: string): number => plusDays(parseInstant(`${date}T00:00:00.000Z`), shiftDays);
  return {
    now: nowMs,
    day,
    at: (date, time, offsetMinutes) => {
      const [hours, minutes] = time.split(':').map(Number);
      return addMinutes(day(date), (hours ?? 0) * 60 + (minutes ?? 0) - offsetMinutes).getTime();
    },
  };
}

export function parseInstant(value: string): number {
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) throw new Error(`not an instant: ${value}`);
  return ms;
}

export function plusDays(ms: number, days: number): number {
  return addHours(ms, days * 24).getTime();
}

export function plusHours(ms: number, hours: number): number {
  return addHours(ms, hours).getTime();
}

export function plusMinutes(ms: number, minutes: number): number {
  return addMinutes(ms, minutes).getTime();
}

/** `YYYY-MM-DD` of the UTC day holding `ms`. */
export function calendarDate(ms: number): string {
  return isoDay(new Date(ms));
}

/** Jira's instant format: `2026-06-10T14:03:11.482+0100`, or `…Z` for `'Z'`. */
export function formatJiraTime(ms: number, offset: number | 'Z'): string {
  if (offset === 'Z') return new Date(ms).toISOString();
  const local = new Date(addMinutes(ms, offset).getTime()).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${sign}${pad2(Math.floor(abs / 60))}${pad2(abs % 60)}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * A working moment for someone at `offsetMinutes`: a weekday between 09:00 and 18:00 local time, on or after
 * the UTC day of `dayMs` (weekends roll forward to Monday).
 */
export function workingMoment(random: Random, dayMs: number, offsetMinutes: number): number {
  let day = dayMs - (dayMs % (24 * 3600 * 1000));
  while (isWeekendDay(day)) day = plusDays(day, 1);
  const localMinutes = random.int(9 * 60, 17 * 60 + 45);
  return addMinutes(day, localMinutes - offsetMinutes).getTime() + random.int(0, 59_999);
}

function isWeekendDay(utcMidnight: number): boolean {
  const weekday = new Date(utcMidnight).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** A random instant in [from, to] (to ≥ from), on a working day and time when one exists in the range. */
export function momentBetween(random: Random, from: number, to: number, offsetMinutes: number): number {
  if (to <= from) return from;
  for (let attempt = 0; attempt < 6; attempt += 1) {
    const candidate = workingMoment(random, from + random.next() * (to - from), offsetMinutes);
    if (candidate >= from && candidate <= to) return candidate;
  }
  return from + Math.floor(random.next() * (to - from));
}
