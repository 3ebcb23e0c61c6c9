import { Stack, Text } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import { useMemo } from 'react';
import type { WeeklySummary } from '../../../../src/resolvers/api';
import { formatDate, formatDateTime } from '../format';
import {
  buildTrend,
  describeGaps,
  describeSeries,
  describeWeek,
  formatRate,
  formatShareOf,
  shortWeekLabel,
  weekOverWeek,
  type SeriesPoint,
  type Trend,
  type TrendWeek,
} from '../trend';
import { Section } from '../views/Page';
import { Empty } from './Status';
import { plural } from '../../../../src/domain/text';

const WIDTH = 300;
const HEIGHT = 96;
const TOP = 14;
const AXIS = 16;
const SIDE = 4;
/** Up to this many weeks every bar carries its value; beyond, only the latest. */
const LABELLED_WEEKS = 12;

interface Metric {
  title: string;
  color: string;
  value: (week: TrendWeek) => number | undefined;
  show: (value: number) => string;
}

const METRICS: Metric[] = [
  {
    title: 'Overlap flags per 100 actions',
    color: token('color.chart.categorical.1'),
    value: (week) => week.overlapRate,
    show: formatRate,
  },
  {
    title: 'Unowned roadmap items',
    color: token('color.chart.categorical.4'),
    value: (week) => week.unownedRoadmapItems,
    show: String,
  },
  { title: 'Flags', color: token('color.chart.categorical.2'), value: (week) => week.findings, show: String },
];

/**
 * A project's weekly history from the background audit: the latest week in words and against the week audited
 * before it, a small bar chart per figure (each an image with a text alternative), and the same figures as a table.
 */
export function TrendSection({ history, projectKey }: { history: readonly WeeklySummary[]; projectKey?: string }) {
  const trend = useMemo(() => buildTrend(history), [history]);
  return (
    <Section title="Trend" id="trend">
      {trend.weeks.length === 0 ? (
        <Empty
          header="No weekly history to show"
          description="The background audit records each project's figures once a week, so the trend starts after its first run. The history is shown only to people who can browse every project the audit covers, because each week's figures draw on all of them."
        />
      ) : (
        <TrendContent trend={trend} {...(projectKey ? { projectKey } : {})} />
      )}
    </Section>
  );
}

function TrendContent({ trend, projectKey }: { trend: Trend; projectKey?: string }) {
  const latest = trend.weeks[trend.weeks.length - 1]!;
  const changes = weekOverWeek(trend);
  const gaps = describeGaps(trend.gaps);
  return (
    <Stack space="space.150">
      <Text color="color.text.subtle" size="small">
        {`${projectKey ? `Project ${projectKey}` : 'The project'} week by week, from the background audit. Overlap rate: flags of the overlap rules (a PM making sprint decisions, a PO making roadmap decisions, contested items, people in both roles) per 100 actions people took on the project's issues. Unowned roadmap items: roadmap items nobody owns, and their share of all roadmap items.`}
      </Text>
      <Text as="p">{`Week of ${formatDate(latest.weekStart)} (audited ${formatDateTime(latest.auditedAt)}): ${describeWeek(latest)}.`}</Text>
      {changes.length === 0 ? (
        <Text as="p">
          Only this week is recorded so far: the trend builds up week by week as the background audit runs.
        </Text>
      ) : (
        <ul aria-label="Change since the week audited before" style={{ margin: 0 }}>
          {changes.map((change) => (
            <li key={change}>
              <Text>{change}</Text>
            </li>
          ))}
        </ul>
      )}
      {gaps ? <Text as="p">{gaps}</Text> : null}
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))',
          gap: token('space.200'),
        }}
      >
        {METRICS.map((metric) => (
          <Chart
            key={metric.title}
            metric={metric}
            points={trend.slots.map((slot) => ({
              weekStart: slot.weekStart,
              value: slot.week ? metric.value(slot.week) : undefined,
            }))}
          />
        ))}
      </div>
      <details className="rba-details">
        <summary>Show the trend as a table</summary>
        <TrendTable trend={trend} />
      </details>
    </Stack>
  );
}

/** One figure's bars, a week per slot; weeks without a value stay empty. */
function Chart({ metric, points }: { metric: Metric; points: readonly SeriesPoint[] }) {
  const max = points.reduce((high, point) => Math.max(high, point.value ?? 0), 0);
  const slot = (WIDTH - 2 * SIDE) / points.length;
  const bar = Math.min(Math.max(slot * 0.6, 2), 32);
  const plot = HEIGHT - TOP - AXIS;
  const baseline = TOP + plot;
  const first = points[0];
  const last = points[points.length - 1];
  return (
    <figure style={{ margin: 0 }}>
      <figcaption>
        <Text size="small" weight="bold">
          {metric.title}
        </Text>
      </figcaption>
      <svg
        role="img"
        aria-label={`${describeSeries(metric.title, points, metric.show)} The table below lists every week.`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        style={{ display: 'block', maxWidth: 420 }}
      >
        <line x1={SIDE} x2={WIDTH - SIDE} y1={baseline} y2={baseline} style={{ stroke: token('color.border') }} />
        {points.map((point, index) => {
          if (point.value === undefined) return null;
          const height = max > 0 ? (point.value / max) * plot : 0;
          const center = SIDE + slot * (index + 0.5);
          const labelled = points.length <= LABELLED_WEEKS || index === points.length - 1;
          return (
            <g key={point.weekStart}>
              {height > 0 ? (
                <rect
                  x={center - bar / 2}
                  y={baseline - height}
                  width={bar}
                  height={height}
                  rx="1"
                  style={{ fill: metric.color }}
                />
              ) : null}
              {labelled ? (
                <text
                  x={center}
                  y={baseline - height - 3}
                  textAnchor="middle"
                  fontSize="10"
                  style={{ fill: token('color.text.subtle') }}
                >
                  {metric.show(point.value)}
                </text>
              ) : null}
            </g>
          );
        })}
        {first && last && first !== last ? (
          <>
            <text x={SIDE} y={HEIGHT - 3} fontSize="10" style={{ fill: token('color.text.subtle') }}>
              {shortWeekLabel(first.weekStart)}
            </text>
            <text
              x={WIDTH - SIDE}
              y={HEIGHT - 3}
              textAnchor="end"
              fontSize="10"
              style={{ fill: token('color.text.subtle') }}
            >
              {shortWeekLabel(last.weekStart)}
            </text>
          </>
        ) : first ? (
          <text
            x={WIDTH / 2}
            y={HEIGHT - 3}
            textAnchor="middle"
            fontSize="10"
            style={{ fill: token('color.text.subtle') }}
          >
            {`Week of ${shortWeekLabel(first.weekStart)}`}
          </text>
        ) : null}
      </svg>
    </figure>
  );
}

/** Every week from the first audited to the latest; a run of weeks without an audit is one row. */
function TrendTable({ trend }: { trend: Trend }) {
  const gapsByStart = new Map(trend.gaps.map((gap) => [gap.from, gap]));
  return (
    <table className="rba-table">
      <caption style={{ textAlign: 'start' }}>Trend week by week, oldest first</caption>
      <thead>
        <tr>
          <th scope="col">Week of</th>
          <th scope="col">Overlap flags per 100 actions</th>
          <th scope="col">Unowned roadmap items</th>
          <th scope="col">Flags</th>
        </tr>
      </thead>
      <tbody>
        {trend.slots.map(({ weekStart, week }) => {
          if (week) {
            return (
              <tr key={weekStart}>
                <th scope="row" style={{ fontWeight: 'normal' }}>
                  {formatDate(weekStart)}
                </th>
                <td>
                  {week.overlapRate === undefined
                    ? '— (no actions)'
                    : `${formatRate(week.overlapRate)} (${week.overlapFindings} in ${plural(week.actions, 'action')})`}
                </td>
                <td>
                  {week.roadmapItems === 0
                    ? '0 (no roadmap items)'
                    : `${week.unownedRoadmapItems} of ${week.roadmapItems} (${formatShareOf(week.unownedShare)})`}
                </td>
                <td>{week.findings}</td>
              </tr>
            );
          }
          const gap = gapsByStart.get(weekStart);
          if (!gap) return null;
          return (
            <tr key={weekStart}>
              <th scope="row" style={{ fontWeight: 'normal' }}>
                {gap.weeks === 1 ? formatDate(gap.from) : `${formatDate(gap.from)} to ${formatDate(gap.to)}`}
              </th>
              <td colSpan={3}>{`No background audit recorded (${plural(gap.weeks, 'week')})`}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
