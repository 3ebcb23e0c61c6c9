import {
  addDays,
  addMonths,
  differenceInCalendarDays,
  differenceInCalendarMonths,
  differenceInMonths,
  format,
  parseISO,
} from 'date-fns';
import type { CalendarDate, Instant, Item, Sprint } from '../domain/model';

/**
 * Horizon and date maths, as small pure functions of dates (C5: strategic 6–24 months, tactical 1–4 weeks).
 * Calendar dates are read as UTC days so a site's time zone never shifts a span by one.
 */

/** The average Gregorian month (365.2425 / 12 days, as date-fns' `daysInYear`), for thresholds and spans in months. */
export const DAYS_PER_MONTH = 30.436875;

/**
 * The calendar day of an ISO instant as written (`2026-12-02T09:00:00.000Z` → `2026-12-02`), a date's UTC day;
 * a calendar date passes unchanged.
 */
export function isoDay(value: Instant | Date): CalendarDate {
  return (typeof value === 'string' ? value : value.toISOString()).slice(0, 10);
}

export interface Span {
  start: CalendarDate;
  end: CalendarDate;
  days: number;
}

/** When a roadmap item is planned to start: Target start (Plans) first, else Start date. */
export function plannedStart(item: Pick<Item, 'targetStart' | 'startDate'>): CalendarDate | undefined {
  return item.targetStart ?? item.startDate;
}

/** When a roadmap item is planned to end: Target end (Plans) first, else the due date. */
export function plannedEnd(item: Pick<Item, 'targetEnd' | 'dueDate'>): CalendarDate | undefined {
  return item.targetEnd ?? item.dueDate;
}

/** The planned span, when both ends are known and in order. */
export function plannedSpan(item: Pick<Item, 'targetStart' | 'startDate' | 'targetEnd' | 'dueDate'>): Span | undefined {
  const start = plannedStart(item);
  const end = plannedEnd(item);
  if (!start || !end) return undefined;
  const days = daysBetween(start, end);
  return days >= 0 ? { start, end, days } : undefined;
}

export function daysBetween(from: CalendarDate | Instant, to: CalendarDate | Instant): number {
  return differenceInCalendarDays(toUtcDay(to), toUtcDay(from));
}

export function weeksBetween(from: CalendarDate | Instant, to: CalendarDate | Instant): number {
  return daysBetween(from, to) / 7;
}

/** Whole calendar months from one date to another (negative when `to` is earlier). */
export function monthsBetween(from: CalendarDate | Instant, to: CalendarDate | Instant): number {
  return differenceInCalendarMonths(toUtcDay(to), toUtcDay(from));
}

/** Months as a fraction (30.44-day months), for spans that must compare with thresholds like "24 months". */
export function monthsSpanned(days: number): number {
  return days / DAYS_PER_MONTH;
}

/**
 * The calendar day `months` after a date: whole months by the calendar (31 Jan + 1 month = 28 Feb, as date-fns'
 * addMonths), any fraction of a month (thresholds may be 1.5) as days of an average month.
 */
export function addMonthsToDay(date: CalendarDate | Instant, months: number): CalendarDate {
  const whole = Math.trunc(months);
  const shifted = addDays(addMonths(toUtcDay(date), whole), Math.round((months - whole) * DAYS_PER_MONTH));
  return format(shifted, 'yyyy-MM-dd');
}

/**
 * Whole months from one day to a later one and the days left over, for saying a span in words
 * ("26 months", "24 months and 1 day"); counted the way addMonthsToDay adds months.
 */
export function monthsAndDays(
  from: CalendarDate | Instant,
  to: CalendarDate | Instant,
): { months: number; days: number } {
  const start = toUtcDay(from);
  const end = toUtcDay(to);
  const months = differenceInMonths(end, start);
  return { months, days: differenceInCalendarDays(end, addMonths(start, months)) };
}

/** A sprint's planned length in days, from its start and end. */
export function sprintLengthDays(sprint: Pick<Sprint, 'startDate' | 'endDate'>): number | undefined {
  if (!sprint.startDate || !sprint.endDate) return undefined;
  const days = daysBetween(sprint.startDate, sprint.endDate);
  return days >= 0 ? days : undefined;
}

/** Whether an instant falls inside the sprint (from its start to its completion, or its planned end). */
export function duringSprint(at: Instant, sprint: Pick<Sprint, 'startDate' | 'endDate' | 'completeDate'>): boolean {
  if (!sprint.startDate) return false;
  const end = sprint.completeDate ?? sprint.endDate;
  return at >= sprint.startDate && (end === undefined || at <= end);
}

/**
 * A calendar date (`2026-11-22`) as midnight UTC, an instant as the UTC day it falls on: date-fns' calendar
 * functions then count whole days the same way on every machine.
 */
function toUtcDay(value: CalendarDate | Instant): Date {
  const date = value.length === 10 ? parseISO(`${value}T00:00:00Z`) : parseISO(value);
  return new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}
