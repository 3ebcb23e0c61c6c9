import { format, startOfISOWeek, subWeeks } from 'date-fns';
import type { CalendarDate } from './model';

/**
 * ISO weeks (Monday to Sunday) by the UTC calendar, so that a week is the same on every machine and for every
 * viewer: the one home of week maths for the audit, its stored reports and the views.
 */

/** The UTC calendar day of an instant as a local date, which date-fns' week functions then work on. */
function utcDay(instant: Date): Date {
  return new Date(instant.getUTCFullYear(), instant.getUTCMonth(), instant.getUTCDate());
}

/** Monday of the ISO week an instant falls in, `yyyy-MM-dd`. */
export function isoWeekStart(instant: Date): CalendarDate {
  return format(startOfISOWeek(utcDay(instant)), 'yyyy-MM-dd');
}

/** The Mondays of the `count` ISO weeks that end with the one `now` falls in, oldest first. */
export function lastIsoWeeks(now: Date, count: number): CalendarDate[] {
  const current = startOfISOWeek(utcDay(now));
  return Array.from({ length: count }, (_, index) => format(subWeeks(current, count - 1 - index), 'yyyy-MM-dd'));
}
