import {
  addMonths,
  differenceInCalendarMonths,
  format,
  isValid,
  max as latest,
  min as earliest,
  parseISO,
  startOfMonth,
  subMonths,
} from 'date-fns';

export interface Span {
  id: string;
  label: string;
  /** Spans of one group (a project) share a lane: its sprints above its roadmap items. */
  group: string;
  start?: string;
  end?: string;
}

export interface TimelineBar {
  id: string;
  label: string;
  x: number;
  width: number;
  /** For sprints: the sub-lane, so overlapping sprints (several boards) do not hide each other. */
  lane: number;
  /** The span starts before the chart's start (drawn from its edge, with a marker). */
  clippedStart?: true;
  /** The span ends after the chart's end. */
  clippedEnd?: true;
}

export interface TimelineGroup {
  id: string;
  /** Sprint windows. */
  bands: TimelineBar[];
  /** How many sub-lanes the sprint windows need. */
  lanes: number;
  /** Roadmap items with a planned span, in the order given. */
  rows: TimelineBar[];
}

export interface TimelineLayout {
  from: Date;
  to: Date;
  /** In the order groups first appear among the items, then groups with sprints only. */
  groups: TimelineGroup[];
  ticks: Array<{ x: number; label: string }>;
  /** Where `now` falls, when inside the chart (given a `now`, it always is). */
  now?: number;
}

/**
 * Given a `now`, the chart shows from this many months before it to `MONTHS_AFTER` after (narrower when nothing
 * reaches that far): a span reaching further is clipped with a marker, so one item years long never squeezes the rest.
 */
export const MONTHS_BEFORE = 6;
export const MONTHS_AFTER = 18;
/** Tick labels closer than this (in the chart's units) are left out. */
const MIN_TICK_GAP = 56;

const DAY = 24 * 3600 * 1000;

function spanDates(span: Span): { start: Date; end: Date } | undefined {
  if (!span.start || !span.end) return undefined;
  const start = parseISO(span.start);
  const end = parseISO(span.end);
  return isValid(start) && isValid(end) && end >= start ? { start, end } : undefined;
}

/** Month ticks, thinned to every quarter or year when the chart spans years, so the labels never crowd. */
function monthTicks(from: Date, to: Date): Date[] {
  const months = differenceInCalendarMonths(to, from) + 1;
  const step = months <= 18 ? 1 : months <= 48 ? 3 : 12;
  const ticks: Date[] = [];
  for (let month = startOfMonth(from); month <= to; month = addMonths(month, 1)) {
    if (month >= from && (month.getMonth() % step === 0 || step === 1)) ticks.push(month);
  }
  return ticks;
}

/**
 * Places roadmap spans and sprint windows on one time axis `width` wide. Items or sprints without both dates are
 * left out (the table beside the chart lists them); undefined when nothing has dates. Given `now`, the axis runs
 * from at most `MONTHS_BEFORE` months before it to at most `MONTHS_AFTER` after, always including it.
 */
export function layoutTimeline(
  items: readonly Span[],
  sprints: readonly Span[],
  width: number,
  now?: Date,
): TimelineLayout | undefined {
  const dated = (spans: readonly Span[]) =>
    spans.flatMap((span) => {
      const dates = spanDates(span);
      return dates ? [{ span, ...dates }] : [];
    });
  const datedItems = dated(items);
  const datedSprints = dated(sprints);
  const all = [...datedItems, ...datedSprints];
  if (all.length === 0) return undefined;
  let from = earliest(all.map((entry) => entry.start));
  let to = latest(all.map((entry) => entry.end));
  if (now) {
    from = earliest([latest([from, subMonths(now, MONTHS_BEFORE)]), now]);
    to = latest([earliest([to, addMonths(now, MONTHS_AFTER)]), now]);
  }
  const total = Math.max(to.getTime() - from.getTime(), DAY);
  const x = (date: Date) =>
    ((Math.min(Math.max(date.getTime(), from.getTime()), to.getTime()) - from.getTime()) / total) * width;
  const bar = ({ span, start, end }: { span: Span; start: Date; end: Date }): TimelineBar => ({
    id: span.id,
    label: span.label,
    x: x(start),
    width: Math.max(x(end) - x(start), 2),
    lane: 0,
    ...(start < from ? { clippedStart: true as const } : {}),
    ...(end > to ? { clippedEnd: true as const } : {}),
  });
  const groups = new Map<string, TimelineGroup>();
  const groupOf = (id: string) => {
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { id, bands: [], lanes: 0, rows: [] }));
    return group;
  };
  for (const entry of datedItems) groupOf(entry.span.group).rows.push(bar(entry));
  for (const entry of [...datedSprints].sort((a, b) => a.start.getTime() - b.start.getTime())) {
    // A sprint wholly outside the chart is no window on it.
    if (entry.end < from || entry.start > to) continue;
    const group = groupOf(entry.span.group);
    const placed = bar(entry);
    placed.lane = firstFreeLane(group.bands, placed, DAY * (width / total));
    group.lanes = Math.max(group.lanes, placed.lane + 1);
    group.bands.push(placed);
  }
  const ticks: TimelineLayout['ticks'] = [];
  for (const month of monthTicks(from, to)) {
    const at = x(month);
    const previous = ticks[ticks.length - 1];
    if (previous && at - previous.x < MIN_TICK_GAP) continue;
    ticks.push({ x: at, label: format(month, ticks.length === 0 || month.getMonth() === 0 ? 'MMM yyyy' : 'MMM') });
  }
  const layout: TimelineLayout = { from, to, groups: [...groups.values()], ticks };
  if (now && now >= from && now <= to) layout.now = x(now);
  return layout;
}

/**
 * The lowest sub-lane where a bar overlaps no bar already placed. Overlaps shorter than `slack` (a day) do not
 * count: one sprint often starts on the day the previous one closes.
 */
function firstFreeLane(placed: readonly TimelineBar[], bar: TimelineBar, slack: number): number {
  for (let lane = 0; ; lane++) {
    const clash = placed.some(
      (other) => other.lane === lane && other.x + other.width > bar.x + slack && bar.x + bar.width > other.x + slack,
    );
    if (!clash) return lane;
  }
}
