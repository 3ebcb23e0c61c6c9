import type { Decider, DecisionWeek } from '../../../src/resolvers/api';
import { formatDate, formatDayMonth } from './format';
import { plural } from '../../../src/domain/text';

/** What a trend chart plots: one kind of decision, or the decisions that crossed the role boundary. */
export type TrendMeasure = 'strategic' | 'tactical' | 'crossed';

export const DECIDER_NAMES: Record<Decider, string> = {
  pm: 'Product Managers',
  po: 'Product Owners',
  other: 'Others (no role, or both)',
};

export const MEASURE_TITLES: Record<TrendMeasure, string> = {
  strategic: 'Strategic decisions',
  tactical: 'Tactical decisions',
  crossed: 'Decisions across the role boundary',
};

/** Who a measure's bars are made of, bottom first: a crossing is a PO's strategic or a PM's tactical decision. */
export const MEASURE_DECIDERS: Record<TrendMeasure, readonly Decider[]> = {
  strategic: ['pm', 'po', 'other'],
  tactical: ['pm', 'po', 'other'],
  crossed: ['pm', 'po'],
};

export interface Segment {
  decider: Decider;
  value: number;
}

/** One week of one measure: its parts by decider, or none when the week has no data. */
export interface TrendBar {
  weekStart: string;
  segments: Segment[] | undefined;
  total: number | undefined;
}

/** A decision of this measure by this decider, counted in the week. */
function valueOf(week: DecisionWeek, measure: TrendMeasure, decider: Decider): number {
  const counts = week.decisions?.[decider];
  if (!counts) return 0;
  if (measure === 'crossed') return decider === 'pm' ? counts.tactical : decider === 'po' ? counts.strategic : 0;
  return counts[measure];
}

export function barsOf(weeks: readonly DecisionWeek[], measure: TrendMeasure): TrendBar[] {
  return weeks.map((week) => {
    if (!week.decisions) return { weekStart: week.weekStart, segments: undefined, total: undefined };
    const segments = MEASURE_DECIDERS[measure].map((decider) => ({ decider, value: valueOf(week, measure, decider) }));
    return { weekStart: week.weekStart, segments, total: segments.reduce((sum, part) => sum + part.value, 0) };
  });
}

/** The day counting starts: the first week with data, from its `countedFrom` day or its Monday. */
export function firstCountedDay(weeks: readonly DecisionWeek[]): string | undefined {
  const first = weeks.find((week) => week.decisions !== undefined);
  return first ? (first.countedFrom ?? first.weekStart) : undefined;
}

/** The day counting ends: the audit's day, on the last week. */
export function lastCountedDay(weeks: readonly DecisionWeek[]): string | undefined {
  const last = weeks[weeks.length - 1];
  return last?.countedUntil ?? last?.weekStart;
}

/** A round top for a count axis: 1, 2, 5, 10, 20, 50 … at or above the highest bar. */
export function axisTop(max: number): number {
  if (max <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((factor) => factor * magnitude >= max)!;
  return step * magnitude;
}

/** `16 Nov` for chart axes. */
export function shortWeekLabel(weekStart: string): string {
  return formatDayMonth(weekStart);
}

/** A week's bar in words, for its hover text and the chart's description: "Week of 16 Nov: 7 (PMs 1, POs 6)". */
export function describeBar(bar: TrendBar): string {
  const week = `Week of ${shortWeekLabel(bar.weekStart)}`;
  if (!bar.segments || bar.total === undefined) return `${week}: no data`;
  if (bar.total === 0) return `${week}: none`;
  const parts = bar.segments
    .filter((segment) => segment.value > 0)
    .map((segment) => `${SHORT_NAMES[segment.decider]} ${segment.value}`);
  return `${week}: ${bar.total} (${parts.join(', ')})`;
}

const SHORT_NAMES: Record<Decider, string> = { pm: 'PMs', po: 'POs', other: 'others' };

/** A chart's text alternative: what it plots, over which weeks, and every week's value. */
export function describeChart(measure: TrendMeasure, weeks: readonly DecisionWeek[]): string {
  const bars = barsOf(weeks, measure);
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  if (!first || !last) return `${MEASURE_TITLES[measure]}: no weeks.`;
  return `${MEASURE_TITLES[measure]} per week, ${plural(weeks.length, 'week')} from ${formatDate(first.weekStart)} to ${formatDate(lastCountedDay(weeks))}. ${bars.map(describeBar).join('; ')}.`;
}

export interface TrendTotals {
  strategic: number;
  tactical: number;
  crossed: number;
  /** Strategic decisions taken by PMs and tactical ones by POs: each on their own side. */
  strategicByPm: number;
  tacticalByPo: number;
}

export function totalsOf(weeks: readonly DecisionWeek[]): TrendTotals {
  const sum = (measure: TrendMeasure, decider?: Decider) =>
    barsOf(weeks, measure).reduce(
      (total, bar) =>
        total +
        (bar.segments ?? [])
          .filter((segment) => decider === undefined || segment.decider === decider)
          .reduce((inner, segment) => inner + segment.value, 0),
      0,
    );
  return {
    strategic: sum('strategic'),
    tactical: sum('tactical'),
    crossed: sum('crossed'),
    strategicByPm: sum('strategic', 'pm'),
    tacticalByPo: sum('tactical', 'po'),
  };
}

const share = (part: number, whole: number) => (whole === 0 ? '' : ` (${Math.round((100 * part) / whole)}%)`);

/** The weeks in a sentence: what was decided, who took which part, and what crossed the line. */
export function describeTotals(weeks: readonly DecisionWeek[]): string {
  const totals = totalsOf(weeks);
  const from = firstCountedDay(weeks);
  if (from === undefined) return 'No week has data yet.';
  return `From ${formatDate(from)} to ${formatDate(lastCountedDay(weeks))}: ${plural(totals.strategic, 'strategic decision')}, ${totals.strategicByPm} by Product Managers${share(totals.strategicByPm, totals.strategic)}; ${plural(totals.tactical, 'tactical decision')}, ${totals.tacticalByPo} by Product Owners${share(totals.tacticalByPo, totals.tactical)}; ${plural(totals.crossed, 'decision')} across the role boundary.`;
}

/** The weeks without data, in words; undefined when every week has data. */
export function describeNoData(weeks: readonly DecisionWeek[]): string | undefined {
  const empty = weeks.filter((week) => week.decisions === undefined);
  if (empty.length === 0) return undefined;
  const from = firstCountedDay(weeks);
  return from === undefined
    ? 'No week has data: nothing was recorded in the project within the audit window.'
    : `${plural(empty.length, 'week has', 'weeks have')} no data: counting starts on ${formatDate(from)}, where the audit window or the project's records begin. No data is not the same as no decisions.`;
}
