import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import { parseISO } from 'date-fns';
import type { RoadmapItemSummary, SprintSummary } from '../../../../src/audit/report';
import { formatDate, formatSpan } from '../format';
import { layoutTimeline, type TimelineGroup } from '../timeline';
import { IssueLink } from './IssueLink';
import { plural } from '../../../../src/domain/text';

const WIDTH = 900;
const LABEL = 120;
const CHART = WIDTH - LABEL - 10;
const AXIS = 22;
const LANE = 12;
const ROW = 22;
const GAP = 10;

const COLORS = {
  item: token('color.chart.categorical.1'),
  flagged: token('color.chart.categorical.4'),
  sprint: token('color.chart.categorical.2'),
};

const groupHeight = (group: TimelineGroup) => group.lanes * LANE + (group.lanes > 0 ? 6 : 0) + group.rows.length * ROW;

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
  const undated = items.length - rowCount;
  const flagged = new Set(items.filter((item) => item.findings.length > 0).map((item) => item.key));
  const height = AXIS + layout.groups.reduce((sum, group) => sum + groupHeight(group) + GAP, 0);
  const label = `Timeline from ${formatDate(layout.from.toISOString())} to ${formatDate(layout.to.toISOString())}: ${plural(rowCount, 'roadmap item')} by planned span (${plural(flagged.size, 'flagged item')}) against ${plural(bandCount, 'sprint window')}, project by project. The tables below list the same dates.`;
  let top = AXIS;
  return (
    <Stack space="space.100">
      <Inline space="space.200" shouldWrap>
        <Key color={COLORS.item} text="Roadmap item" />
        <Key color={COLORS.flagged} text="Roadmap item with flags" />
        <Key color={COLORS.sprint} text="Sprint window" />
      </Inline>
      <div style={{ overflowX: 'auto' }}>
        <svg
          role="img"
          aria-label={label}
          viewBox={`0 0 ${WIDTH} ${height}`}
          width="100%"
          style={{ minWidth: 640, display: 'block' }}
        >
          {layout.ticks
            .filter((tick) => tick.x < CHART - 40)
            .map((tick) => (
              <g key={`tick-${tick.x}`}>
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
          {layout.groups.map((group) => {
            const groupTop = top;
            top += groupHeight(group) + GAP;
            return <Group key={group.id} group={group} top={groupTop} flagged={flagged} />;
          })}
          {layout.now !== undefined ? (
            <g>
              <line
                x1={LABEL + layout.now}
                x2={LABEL + layout.now}
                y1={AXIS}
                y2={height}
                style={{ stroke: token('color.border.danger') }}
                strokeDasharray="4 3"
              />
              <text
                x={LABEL + layout.now + 3}
                y={height - 3}
                fontSize="10"
                style={{ fill: token('color.text.danger') }}
              >
                audit date
              </text>
            </g>
          ) : null}
        </svg>
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

/** One project: its sprint lanes, the sprint windows shaded behind its items, and its items' bars. */
function Group({ group, top, flagged }: { group: TimelineGroup; top: number; flagged: ReadonlySet<string> }) {
  const laneHeight = group.lanes * LANE + (group.lanes > 0 ? 6 : 0);
  const rowsTop = top + laneHeight;
  const bottom = rowsTop + group.rows.length * ROW;
  return (
    <g>
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
          y={top + laneHeight / 2}
          textAnchor="end"
          dominantBaseline="middle"
          fontSize="11"
          style={{ fill: token('color.text.subtle') }}
        >
          {`${group.id} sprints`}
        </text>
      ) : null}
      {group.bands.map((band) => (
        <rect
          key={`sprint-${band.id}`}
          x={LABEL + band.x}
          y={top + band.lane * LANE + 2}
          width={Math.max(band.width - 1, 1)}
          height={LANE - 3}
          style={{ fill: COLORS.sprint }}
        >
          <title>{band.label}</title>
        </rect>
      ))}
      {group.rows.map((row, index) => {
        const y = rowsTop + index * ROW;
        return (
          <g key={`item-${row.id}`}>
            <text
              x={LABEL - 6}
              y={y + ROW / 2}
              textAnchor="end"
              dominantBaseline="middle"
              fontSize="11"
              style={{ fill: token('color.text') }}
            >
              {row.label}
            </text>
            <rect
              x={LABEL + row.x}
              y={y + 4}
              width={row.width}
              height={ROW - 8}
              rx="2"
              style={{ fill: flagged.has(row.id) ? COLORS.flagged : COLORS.item }}
            >
              <title>{row.label}</title>
            </rect>
          </g>
        );
      })}
    </g>
  );
}

function Key({ color, text }: { color: string; text: string }) {
  return (
    <Inline space="space.050" alignBlock="center">
      <svg width="12" height="12" aria-hidden="true" focusable="false">
        <rect width="12" height="12" style={{ fill: color }} />
      </svg>
      <Text size="small">{text}</Text>
    </Inline>
  );
}
