import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import { parseISO } from 'date-fns';
import { useState } from 'react';
import type { RoadmapItemSummary, SprintSummary } from '../../../../src/audit/report';
import { formatDate, formatSpan } from '../format';
import { ruleTitle } from '../rules';
import { layoutTimeline, type TimelineBar, type TimelineGroup } from '../timeline';
import { IssueLink } from './IssueLink';
import { plural } from '../../../../src/domain/text';

const WIDTH = 900;
const LABEL = 120;
const CHART = WIDTH - LABEL - 10;
const AXIS = 22;
const LANE = 12;
const ROW = 22;
const GAP = 10;
/** A project's name above its lanes. */
const HEADER = 18;

const COLORS = {
  item: token('color.chart.categorical.1'),
  flagged: token('color.chart.categorical.4'),
  sprint: token('color.chart.categorical.2'),
};

const groupHeight = (group: TimelineGroup) =>
  HEADER + group.lanes * LANE + (group.lanes > 0 ? 6 : 0) + group.rows.length * ROW;

/** What a bar stands for, in words: shown on hover and focus, and read by screen readers. */
function describeItem(item: RoadmapItemSummary, bar: TimelineBar): string {
  const flags =
    item.findings.length === 0
      ? 'no flags'
      : `flagged: ${[...new Set(item.findings.map((id) => ruleTitle(id.split('|')[0]!)))].join('; ')}`;
  const reach = [
    ...(bar.clippedStart ? ['starts before the chart'] : []),
    ...(bar.clippedEnd ? ['ends after the chart'] : []),
  ];
  return `${item.key} ${item.summary} · owner ${item.ownerName ?? 'nobody'} · ${formatDate(item.start)} to ${formatDate(item.end)}${reach.length > 0 ? ` (${reach.join(', ')})` : ''} · ${flags}`;
}

/**
 * Roadmap items' planned spans against sprint windows on one time axis, project by project: each project's
 * sprints in a lane above its items, with the sprint windows shaded behind them. The SVG is one image with a
 * summary for screen readers; the tables in the disclosure below give the same dates as text.
 */
export function Timeline({
  items,
  sprints,
  now,
  siteUrl,
}: {
  items: readonly RoadmapItemSummary[];
  sprints: readonly SprintSummary[];
  now: string;
  siteUrl: string;
}) {
  const layout = layoutTimeline(
    items.map((item) => ({
      id: item.key,
      label: item.key,
      group: item.projectKey,
      ...(item.start ? { start: item.start } : {}),
      ...(item.end ? { end: item.end } : {}),
    })),
    sprints.map((sprint) => ({
      id: String(sprint.id),
      label: sprint.name,
      group: sprint.projectKey ?? 'Other sprints',
      ...(sprint.startDate ? { start: sprint.startDate } : {}),
      ...(sprint.endDate ? { end: sprint.endDate } : {}),
    })),
    CHART,
    parseISO(now),
  );
  const [shown, setShown] = useState<{ x: number; y: number; text: string } | undefined>();
  if (!layout) {
    return (
      <Text as="p">
        {items.length === 0 && sprints.length === 0
          ? 'There is nothing to draw: this selection has no roadmap items and no sprints.'
          : 'None of these roadmap items or sprints has both a start and an end date, so there is nothing to draw. Give roadmap items a start and a due (or target) date in Jira.'}
      </Text>
    );
  }
  const rowCount = layout.groups.reduce((sum, group) => sum + group.rows.length, 0);
  const bandCount = layout.groups.reduce((sum, group) => sum + group.bands.length, 0);
  const clipped = layout.groups.some((group) => group.rows.some((row) => row.clippedStart || row.clippedEnd));
  const undated = items.length - rowCount;
  const byKey = new Map(items.map((item) => [item.key, item]));
  const height = AXIS + layout.groups.reduce((sum, group) => sum + groupHeight(group) + GAP, 0);
  const label = `Timeline from ${formatDate(layout.from.toISOString())} to ${formatDate(layout.to.toISOString())}, today marked: ${plural(rowCount, 'roadmap item')} by planned span (${plural(items.filter((item) => item.findings.length > 0).length, 'flagged item')}) against ${plural(bandCount, 'sprint window')}, project by project. Each bar can be focused to read its item; the tables below list the same dates.`;
  let top = AXIS;
  const placed = layout.groups.map((group) => {
    const groupTop = top;
    top += groupHeight(group) + GAP;
    return { group, top: groupTop };
  });
  return (
    <Stack space="space.100">
      <Inline space="space.200" shouldWrap role="list" aria-label="Legend">
        <Key color={COLORS.item} text="Roadmap item" />
        <Key color={COLORS.flagged} text="Roadmap item with flags" />
        {bandCount > 0 ? <Key color={COLORS.sprint} text="Sprint window" /> : null}
        {clipped ? <Key color={COLORS.item} text="Continues beyond the chart" clipped /> : null}
        <Key color={token('color.border.danger')} text="Today" line />
      </Inline>
      <div style={{ overflowX: 'auto' }}>
        <div style={{ position: 'relative', minWidth: 640 }}>
          <svg
            role="group"
            aria-label={label}
            viewBox={`0 0 ${WIDTH} ${height}`}
            width="100%"
            style={{ display: 'block' }}
          >
            {layout.ticks.map((tick) => (
              <g key={`tick-${tick.x}`} aria-hidden="true">
                <line
                  x1={LABEL + tick.x}
                  x2={LABEL + tick.x}
                  y1={AXIS - 4}
                  y2={height}
                  style={{ stroke: token('color.border') }}
                />
                <text x={LABEL + tick.x + 3} y={AXIS - 8} fontSize="11" style={{ fill: token('color.text.subtle') }}>
                  {tick.label}
                </text>
              </g>
            ))}
            {placed.map(({ group, top: groupTop }) => (
              <Group
                key={group.id}
                group={group}
                top={groupTop}
                items={byKey}
                onShow={(bar, y) => setShown(bar ? { ...bar, y } : undefined)}
              />
            ))}
            {layout.now !== undefined ? (
              <g aria-hidden="true" data-today>
                <line
                  x1={LABEL + layout.now}
                  x2={LABEL + layout.now}
                  y1={AXIS - 4}
                  y2={height}
                  style={{ stroke: token('color.border.danger'), strokeWidth: 2 }}
                />
                <text
                  x={LABEL + layout.now}
                  y={height - 3}
                  textAnchor={layout.now > CHART - 60 ? 'end' : 'start'}
                  dx={layout.now > CHART - 60 ? -4 : 4}
                  fontSize="10"
                  style={{ fill: token('color.text.danger') }}
                >
                  {`Today, ${formatDate(now)}`}
                </text>
              </g>
            ) : null}
          </svg>
          {shown ? (
            <div
              role="tooltip"
              id="rba-timeline-tip"
              style={{
                position: 'absolute',
                left: `${Math.min((100 * (LABEL + shown.x)) / WIDTH, 62)}%`,
                // Below the bar in the upper half, above it in the lower half: the chart's box clips what overflows.
                ...(shown.y < height / 2
                  ? { top: `${(100 * (shown.y + ROW)) / height}%` }
                  : { bottom: `${100 - (100 * shown.y) / height}%` }),
                maxWidth: 360,
                padding: `${token('space.050')} ${token('space.100')}`,
                background: token('elevation.surface.overlay'),
                color: token('color.text'),
                boxShadow: token('elevation.shadow.overlay'),
                borderRadius: token('radius.small'),
                fontSize: 12,
                pointerEvents: 'none',
                zIndex: 1,
              }}
            >
              {shown.text}
            </div>
          ) : null}
        </div>
      </div>
      {bandCount === 0 ? (
        <Text size="small" color="color.text.subtle">
          No sprint has dates in this selection, so the chart shows no sprint windows.
        </Text>
      ) : null}
      {undated > 0 ? (
        <Text
          size="small"
          color="color.text.subtle"
        >{`${plural(undated, 'roadmap item has', 'roadmap items have')} no planned start and end, so ${undated === 1 ? 'it is' : 'they are'} not on the chart.`}</Text>
      ) : null}
      <details className="rba-details">
        <summary>Show the timeline as tables</summary>
        <Stack space="space.200">
          <table className="rba-table">
            <caption style={{ textAlign: 'start' }}>Roadmap items' planned spans</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Start</th>
                <th scope="col">End</th>
                <th scope="col">Length</th>
                <th scope="col">Flags</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.key}>
                  <th scope="row" style={{ fontWeight: 'normal' }}>
                    <IssueLink siteUrl={siteUrl} issueKey={item.key} />
                  </th>
                  <td>{formatDate(item.start)}</td>
                  <td>{formatDate(item.end)}</td>
                  <td>{formatSpan(item.spanDays)}</td>
                  <td>{item.findings.length}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="rba-table">
            <caption style={{ textAlign: 'start' }}>Sprint windows</caption>
            <thead>
              <tr>
                <th scope="col">Sprint</th>
                <th scope="col">Project</th>
                <th scope="col">State</th>
                <th scope="col">Start</th>
                <th scope="col">End</th>
                <th scope="col">Length</th>
              </tr>
            </thead>
            <tbody>
              {sprints.map((sprint) => (
                <tr key={sprint.id}>
                  <th scope="row" style={{ fontWeight: 'normal' }} dir="auto">
                    {sprint.name}
                  </th>
                  <td>{sprint.projectKey ?? '—'}</td>
                  <td>{sprint.state}</td>
                  <td>{formatDate(sprint.startDate)}</td>
                  <td>{formatDate(sprint.endDate)}</td>
                  <td>{formatSpan(sprint.lengthDays)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Stack>
      </details>
    </Stack>
  );
}

/** One project: its name, its sprint lanes, the sprint windows shaded behind its items, and its items' bars. */
function Group({
  group,
  top,
  items,
  onShow,
}: {
  group: TimelineGroup;
  top: number;
  items: ReadonlyMap<string, RoadmapItemSummary>;
  onShow: (bar: { x: number; text: string } | undefined, y: number) => void;
}) {
  const lanesTop = top + HEADER;
  const laneHeight = group.lanes * LANE + (group.lanes > 0 ? 6 : 0);
  const rowsTop = lanesTop + laneHeight;
  const bottom = rowsTop + group.rows.length * ROW;
  return (
    <g role="list" aria-label={`Project ${group.id}`}>
      <text x={4} y={top + 13} fontSize="12" fontWeight="bold" style={{ fill: token('color.text') }} aria-hidden="true">
        {group.id}
      </text>
      <line x1={0} x2={WIDTH} y1={top + HEADER - 2} y2={top + HEADER - 2} style={{ stroke: token('color.border') }} />
      {group.bands.map((band, index) => (
        <rect
          key={`band-${band.id}`}
          x={LABEL + band.x}
          y={rowsTop}
          width={band.width}
          height={bottom - rowsTop}
          style={{ fill: token('color.background.neutral'), opacity: index % 2 === 0 ? 1 : 0.5 }}
        />
      ))}
      {group.lanes > 0 ? (
        <text
          x={LABEL - 6}
          y={lanesTop + laneHeight / 2}
          textAnchor="end"
          dominantBaseline="middle"
          fontSize="11"
          style={{ fill: token('color.text.subtle') }}
        >
          Sprints
        </text>
      ) : null}
      {group.bands.map((band) => (
        <rect
          key={`sprint-${band.id}`}
          x={LABEL + band.x}
          y={lanesTop + band.lane * LANE + 2}
          width={Math.max(band.width - 1, 1)}
          height={LANE - 3}
          style={{ fill: COLORS.sprint }}
        >
          <title>{band.label}</title>
        </rect>
      ))}
      {group.rows.map((row, index) => {
        const y = rowsTop + index * ROW;
        const item = items.get(row.id);
        if (!item) return null;
        const text = describeItem(item, row);
        const fill = item.findings.length > 0 ? COLORS.flagged : COLORS.item;
        const show = () => onShow({ x: row.x, text }, y);
        const hide = () => onShow(undefined, y);
        return (
          <g
            key={`item-${row.id}`}
            role="listitem"
            tabIndex={0}
            aria-label={text}
            className="rba-timeline-bar"
            onMouseEnter={show}
            onMouseLeave={hide}
            onFocus={show}
            onBlur={hide}
          >
            <title>{text}</title>
            <text
              x={LABEL - 12}
              y={y + ROW / 2}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize="11"
              style={{ fill: token('color.text') }}
            >
              {row.label}
            </text>
            <rect x={LABEL + row.x} y={y + 4} width={row.width} height={ROW - 8} rx="2" style={{ fill }} />
            {row.clippedStart ? <Clip x={LABEL + row.x} y={y + ROW / 2} toward="start" /> : null}
            {row.clippedEnd ? <Clip x={LABEL + row.x + row.width} y={y + ROW / 2} toward="end" /> : null}
          </g>
        );
      })}
    </g>
  );
}

/** A chevron at a clipped end: the span goes on beyond the chart that way. */
function Clip({ x, y, toward }: { x: number; y: number; toward: 'start' | 'end' }) {
  const tip = toward === 'start' ? x - 1 : x + 1;
  const back = toward === 'start' ? x + 7 : x - 7;
  return (
    <path
      d={`M ${back} ${y - 7} L ${tip} ${y} L ${back} ${y + 7}`}
      style={{ fill: 'none', stroke: token('color.icon'), strokeWidth: 2 }}
      data-clipped={toward}
    />
  );
}

function Key({ color, text, clipped, line }: { color: string; text: string; clipped?: boolean; line?: boolean }) {
  return (
    <Inline space="space.050" alignBlock="center" role="listitem">
      <svg width="16" height="12" aria-hidden="true" focusable="false">
        {line ? (
          <line x1="8" x2="8" y1="0" y2="12" style={{ stroke: color, strokeWidth: 2 }} />
        ) : (
          <rect width={clipped ? 10 : 12} height="12" style={{ fill: color }} />
        )}
        {clipped ? (
          <path d="M 9 1 L 15 6 L 9 11" style={{ fill: 'none', stroke: token('color.icon'), strokeWidth: 2 }} />
        ) : null}
      </svg>
      <Text size="small">{text}</Text>
    </Inline>
  );
}
