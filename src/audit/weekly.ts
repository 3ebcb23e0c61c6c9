import type { ProductRole } from '../config/types';
import type { CalendarDate, Instant } from '../domain/model';
import { isoWeekStart, lastIsoWeeks } from '../domain/weeks';
import { isoDay } from '../horizon';

/**
 * A project's last weeks of decisions, worked out from its issues' histories by the per-project audit: who took
 * strategic and tactical decisions each week, by the role they hold as the audit sees it now. Findings of past weeks
 * are not worked out again (the rules judge the window as a whole, with today's roles and settings): only what the
 * histories themselves say.
 */

/** Weeks a trend covers: the audit's week and the eleven before it. */
export const TREND_WEEKS = 12;

/** Who took a decision: a PM, a PO, or anyone else (no role, or both roles). */
export type Decider = ProductRole | 'other';
export const DECIDERS: readonly Decider[] = ['pm', 'po', 'other'];

export interface KindCounts {
  strategic: number;
  tactical: number;
}

export interface DecisionWeek {
  /** Monday of the ISO week (UTC calendar). */
  weekStart: CalendarDate;
  /**
   * Decisions taken in the week, by who took them. Absent when there is no data for the week: it lies before the
   * audit window or before anything was recorded in the project — which is not the same as no decisions.
   */
  decisions?: Record<Decider, KindCounts>;
  /** The day counting starts, when the audit window or the project's records start within the week. */
  countedFrom?: CalendarDate;
  /** The audit's day, on the week it falls in: that week is counted so far. */
  countedUntil?: CalendarDate;
}

/** One decision (a change or a creation, not a comment) classified strategic or tactical. */
export interface DatedDecision {
  at: Instant;
  decider: Decider;
  kind: keyof KindCounts;
}

/** Who a person with these roles counts as: a PM or a PO when they hold that role alone. */
export function deciderOf(roles: readonly ProductRole[]): Decider {
  return roles.length === 1 ? roles[0]! : 'other';
}

/**
 * The `TREND_WEEKS` ISO weeks ending with the one `now` falls in, oldest first, with the decisions of each. Weeks
 * before `since` (the audit window's start) or before `firstRecorded` (the project's first recorded action; none: no
 * data at all) have no data; decisions outside those bounds are not counted.
 */
export function decisionWeeks(
  decisions: readonly DatedDecision[],
  span: { since: Date; now: Date; firstRecorded: Instant | undefined },
): DecisionWeek[] {
  const weeks = lastIsoWeeks(span.now, TREND_WEEKS);
  const recorded = span.firstRecorded === undefined ? undefined : new Date(span.firstRecorded);
  const start = recorded && recorded > span.since ? recorded : span.since;
  const startWeek = recorded ? isoWeekStart(start) : undefined;
  const nowDay = isoDay(span.now);
  const byWeek = new Map<CalendarDate, DecisionWeek>();
  const result = weeks.map((weekStart, index): DecisionWeek => {
    if (startWeek === undefined || weekStart < startWeek) return { weekStart };
    const week: DecisionWeek = {
      weekStart,
      decisions: { pm: none(), po: none(), other: none() },
      ...(weekStart === startWeek && isoDay(start) !== weekStart ? { countedFrom: isoDay(start) } : {}),
      ...(index === weeks.length - 1 ? { countedUntil: nowDay } : {}),
    };
    byWeek.set(weekStart, week);
    return week;
  });
  for (const decision of decisions) {
    const at = new Date(decision.at);
    if (at < start || at > span.now) continue;
    const counts = byWeek.get(isoWeekStart(at))?.decisions?.[decision.decider];
    if (counts) counts[decision.kind]++;
  }
  return result;
}

const none = (): KindCounts => ({ strategic: 0, tactical: 0 });
