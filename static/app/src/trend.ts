import { formatDayMonth } from './format';
import { differenceInCalendarISOWeeks, eachWeekOfInterval, format, isValid, parseISO, startOfISOWeek } from 'date-fns';
import type { WeeklySummary } from '../../../src/resolvers/api';
import { formatDate } from './format';
import { listed, plural } from '../../../src/domain/text';

/** One audited week, with the rates the Trend section shows. */
export interface TrendWeek {
  /** Monday of the week, `yyyy-MM-dd`. */
  weekStart: string;
  auditedAt: string;
  actions: number;
  overlapFindings: number;
  /** Overlap findings per 100 actions on the project's issues; undefined when the week recorded no actions. */
  overlapRate: number | undefined;
  roadmapItems: number;
  unownedRoadmapItems: number;
  /** Unowned roadmap items as a share (0–1) of all roadmap items; undefined when there were none. */
  unownedShare: number | undefined;
  findings: number;
}

/** A run of consecutive weeks without an audit, between two audited ones. */
export interface TrendGap {
  /** Monday of the first and of the last missing week. */
  from: string;
  to: string;
  weeks: number;
}

export interface Trend {
  /** Audited weeks, oldest first, one per week. */
  weeks: TrendWeek[];
  /** Every week from the first audited to the latest, oldest first; `week` is undefined where none was audited. */
  slots: Array<{ weekStart: string; week: TrendWeek | undefined }>;
  gaps: TrendGap[];
}

const count = (value: number) => (Number.isFinite(value) && value > 0 ? value : 0);

/** Overlap findings per 100 actions; undefined without actions (a rate of nothing). */
export function overlapRate(summary: Pick<WeeklySummary, 'overlapFindings' | 'actions'>): number | undefined {
  const actions = count(summary.actions);
  return actions === 0 ? undefined : (count(summary.overlapFindings) / actions) * 100;
}

/** The share (0–1) of roadmap items nobody owns; undefined without roadmap items. */
export function unownedShare(summary: Pick<WeeklySummary, 'unownedRoadmapItems' | 'roadmapItems'>): number | undefined {
  const items = count(summary.roadmapItems);
  return items === 0 ? undefined : Math.min(count(summary.unownedRoadmapItems) / items, 1);
}

/** A rate as shown: one decimal (`1.886` → `1.9`), two below 1 so busy projects' small rates still differ (`0.083` → `0.08`); `0` for none found, `—` for no rate. */
export function formatRate(rate: number | undefined): string {
  if (rate === undefined) return '—';
  if (rate === 0) return '0';
  return rate < 0.995 ? rate.toFixed(2) : rate.toFixed(1);
}

/** A share as shown: whole per cent, `—` when there is none. */
export function formatShareOf(share: number | undefined): string {
  return share === undefined ? '—' : `${Math.round(share * 100)}%`;
}

/** `16 Nov` for chart axes. */
export function shortWeekLabel(weekStart: string): string {
  return formatDayMonth(weekStart);
}

/** Monday of the week an ISO date falls in, `yyyy-MM-dd`; undefined for what is not a date. */
function mondayOf(value: string): string | undefined {
  const date = parseISO(value);
  return isValid(date) ? format(startOfISOWeek(date), 'yyyy-MM-dd') : undefined;
}

function trendWeek(summary: WeeklySummary, weekStart: string): TrendWeek {
  return {
    weekStart,
    auditedAt: summary.auditedAt,
    actions: count(summary.actions),
    overlapFindings: count(summary.overlapFindings),
    overlapRate: overlapRate(summary),
    roadmapItems: count(summary.roadmapItems),
    unownedRoadmapItems: count(summary.unownedRoadmapItems),
    unownedShare: unownedShare(summary),
    findings: count(summary.findings),
  };
}

/**
 * The weeks of a project's history in order, one per week (the latest audit of a week wins), with the weeks no
 * audit recorded between them. Entries whose week is not a date are left out.
 */
export function buildTrend(history: readonly WeeklySummary[]): Trend {
  const byWeek = new Map<string, WeeklySummary>();
  for (const summary of history) {
    const weekStart = mondayOf(summary.weekStart);
    if (!weekStart) continue;
    const kept = byWeek.get(weekStart);
    if (!kept || kept.auditedAt < summary.auditedAt) byWeek.set(weekStart, summary);
  }
  const weeks = [...byWeek.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([weekStart, summary]) => trendWeek(summary, weekStart));
  const first = weeks[0];
  const last = weeks[weeks.length - 1];
  if (!first || !last) return { weeks, slots: [], gaps: [] };
  const audited = new Map(weeks.map((week) => [week.weekStart, week]));
  const slots = eachWeekOfInterval(
    { start: parseISO(first.weekStart), end: parseISO(last.weekStart) },
    { weekStartsOn: 1 },
  ).map((monday) => {
    const weekStart = format(monday, 'yyyy-MM-dd');
    return { weekStart, week: audited.get(weekStart) };
  });
  const gaps: TrendGap[] = [];
  let open: TrendGap | undefined;
  for (const slot of slots) {
    if (slot.week) {
      open = undefined;
    } else if (open) {
      open.to = slot.weekStart;
      open.weeks += 1;
    } else {
      open = { from: slot.weekStart, to: slot.weekStart, weeks: 1 };
      gaps.push(open);
    }
  }
  return { weeks, slots, gaps };
}

/** How to name the earlier of two weeks from the later one: "the week before", or that week's date when weeks lie between. */
function earlierWeek(previous: TrendWeek, latest: TrendWeek): string {
  const apart = differenceInCalendarISOWeeks(parseISO(latest.weekStart), parseISO(previous.weekStart));
  return apart === 1 ? 'the week before' : `the week of ${formatDate(previous.weekStart)}`;
}

/** "2 fewer unowned roadmap items than the week before (1, down from 3).", "As many flags as the week before (5)." */
function countChange(previous: number, latest: number, noun: string, nouns: string, than: string): string {
  const difference = latest - previous;
  if (difference === 0)
    return latest === 0 ? `No ${nouns}, as in ${than}.` : `As many ${nouns} as ${than} (${latest}).`;
  const amount = Math.abs(difference);
  return `${amount} ${difference < 0 ? 'fewer' : 'more'} ${amount === 1 ? noun : nouns} than ${than} (${latest}, ${difference < 0 ? 'down' : 'up'} from ${previous}).`;
}

function rateChange(previous: TrendWeek, latest: TrendWeek, than: string): string {
  if (latest.overlapRate === undefined)
    return `No overlap rate for the latest week: its audit recorded no actions on the project's issues.`;
  if (previous.overlapRate === undefined)
    return `The overlap rate is ${formatRate(latest.overlapRate)} per 100 actions; ${than} recorded no actions, so there is no rate to compare.`;
  const before = formatRate(previous.overlapRate);
  const now = formatRate(latest.overlapRate);
  // Compared as shown, so the words never say "rose from 1.9 to 1.9".
  const difference = Number(now) - Number(before);
  if (difference === 0) return `The overlap rate is ${now} overlap flags per 100 actions, as in ${than}.`;
  return `The overlap rate ${difference < 0 ? 'fell' : 'rose'} from ${before} to ${now} overlap flags per 100 actions since ${than}.`;
}

/**
 * The latest week against the one audited before it, in words: unowned roadmap items, the overlap rate and all
 * flags. Empty with fewer than two audited weeks.
 */
export function weekOverWeek(trend: Pick<Trend, 'weeks'>): string[] {
  const latest = trend.weeks[trend.weeks.length - 1];
  const previous = trend.weeks[trend.weeks.length - 2];
  if (!latest || !previous) return [];
  const than = earlierWeek(previous, latest);
  return [
    countChange(
      previous.unownedRoadmapItems,
      latest.unownedRoadmapItems,
      'unowned roadmap item',
      'unowned roadmap items',
      than,
    ),
    rateChange(previous, latest, than),
    countChange(previous.findings, latest.findings, 'flag', 'flags', than),
  ];
}

/** The weeks without an audit, in words: "No background audit was recorded in the week of 2 Nov 2026." */
export function describeGaps(gaps: readonly TrendGap[]): string | undefined {
  if (gaps.length === 0) return undefined;
  const runs = gaps.map((gap) =>
    gap.weeks === 1
      ? `the week of ${formatDate(gap.from)}`
      : `the ${gap.weeks} weeks from ${formatDate(gap.from)} to ${formatDate(gap.to)}`,
  );
  const missing = gaps.reduce((sum, gap) => sum + gap.weeks, 0);
  return `No background audit was recorded in ${listed(runs)}, so the chart leaves ${missing === 1 ? 'that week' : 'those weeks'} empty.`;
}

/** One audited week's figures in a sentence, for the latest week and the charts' text alternatives. */
export function describeWeek(week: TrendWeek): string {
  const rate =
    week.overlapRate === undefined
      ? 'no overlap rate (no actions recorded)'
      : `${formatRate(week.overlapRate)} overlap flags per 100 actions (${week.overlapFindings} in ${plural(week.actions, 'action')})`;
  const unowned =
    week.roadmapItems === 0
      ? 'no roadmap items'
      : `${week.unownedRoadmapItems} of ${plural(week.roadmapItems, 'roadmap item')} unowned (${formatShareOf(week.unownedShare)})`;
  return `${rate}, ${unowned}, ${plural(week.findings, 'flag')}`;
}

/** A chart's points: one per week slot, undefined where the week has no value (no audit, or no rate). */
export type SeriesPoint = { weekStart: string; value: number | undefined };

/** Up to this many weeks, a chart's text alternative reads every value; beyond, the latest, lowest and highest. */
const LISTED_WEEKS = 8;

/** A chart's text alternative: what it plots, over which weeks, and its values. */
export function describeSeries(title: string, points: readonly SeriesPoint[], show: (value: number) => string): string {
  const valued = points.flatMap((point) =>
    point.value === undefined ? [] : [{ weekStart: point.weekStart, value: point.value }],
  );
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || valued.length === 0) return `${title}: no week has a value yet.`;
  const span =
    first === last
      ? `in the week of ${formatDate(first.weekStart)}`
      : `week by week from ${formatDate(first.weekStart)} to ${formatDate(last.weekStart)}`;
  if (valued.length <= LISTED_WEEKS)
    return `${title}, ${span}: ${valued.map((point) => `${shortWeekLabel(point.weekStart)} ${show(point.value)}`).join('; ')}.`;
  const lowest = valued.reduce((low, point) => (point.value < low.value ? point : low));
  const highest = valued.reduce((high, point) => (point.value > high.value ? point : high));
  const latest = valued[valued.length - 1]!;
  return `${title}, ${span}: latest ${show(latest.value)} (${shortWeekLabel(latest.weekStart)}), lowest ${show(lowest.value)} (${shortWeekLabel(lowest.weekStart)}), highest ${show(highest.value)} (${shortWeekLabel(highest.weekStart)}).`;
}
