import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import type { Decider, DecisionWeek } from '../../../../src/resolvers/api';
import { formatDate } from '../format';
import {
  axisTop,
  barsOf,
  DECIDER_NAMES,
  describeBar,
  describeChart,
  describeNoData,
  describeTotals,
  MEASURE_TITLES,
  shortWeekLabel,
  type TrendMeasure,
} from '../trend';
import { Section } from '../views/Page';
import { Empty } from './Status';

const WIDTH = 420;
const HEIGHT = 196;
const TOP = 22;
const LEFT = 34;
const RIGHT = 6;
const BOTTOM = 52;

/** Who took a decision, in the same colour on every chart and in the legend. */
const DECIDER_COLORS: Record<Decider, string> = {
  pm: token('color.chart.categorical.1'),
  po: token('color.chart.categorical.2'),
  other: token('color.chart.gray.bold'),
};
const NO_DATA = token('color.background.neutral');

const MEASURES: ReadonlyArray<{ measure: TrendMeasure; explained: string }> = [
  { measure: 'strategic', explained: 'what to build, when on the roadmap, at what price' },
  { measure: 'tactical', explained: 'backlog, sprints, estimates, ranking' },
  { measure: 'crossed', explained: 'a PO taking a strategic decision, a PM a tactical one' },
];

/**
 * A project's last twelve weeks of decisions, worked out from its issues' histories by the background audit: a bar
 * chart per kind of decision, coloured by who took it, with a legend, axes and the same figures as a table.
 */
export function TrendSection({ history, projectKey }: { history: readonly DecisionWeek[]; projectKey?: string }) {
  return (
    <Section title="Trend" id="trend">
      {history.length === 0 ? (
        <Empty
          header="No trend to show"
          description="The trend counts every decision on the project's issues, including issues behind a security level you may not see, so it is not shown to you."
        />
      ) : (
        <TrendContent weeks={history} {...(projectKey ? { projectKey } : {})} />
      )}
    </Section>
  );
}

function TrendContent({ weeks, projectKey }: { weeks: readonly DecisionWeek[]; projectKey?: string }) {
  const noData = describeNoData(weeks);
  return (
    <Stack space="space.150">
      <Text color="color.text.subtle" size="small">
        {`${projectKey ? `Project ${projectKey}` : 'The project'}: decisions on its issues in the last ${weeks.length} weeks (Monday to Sunday, UTC), from their change histories, by who took them. Roles are as the audit sees them now (mapped, or inferred from decisions); comments are not counted.`}
      </Text>
      <Text as="p">{describeTotals(weeks)}</Text>
      {noData ? <Text as="p">{noData}</Text> : null}
      <Inline space="space.200" shouldWrap role="list" aria-label="Legend">
        {(['pm', 'po', 'other'] as const).map((decider) => (
          <Key key={decider} color={DECIDER_COLORS[decider]} text={DECIDER_NAMES[decider]} />
        ))}
        <Key color={NO_DATA} text="No data" outlined />
      </Inline>
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fit, minmax(340px, 1fr))',
          gap: token('space.200'),
        }}
      >
        {MEASURES.map(({ measure, explained }) => (
          <Chart key={measure} measure={measure} explained={explained} weeks={weeks} />
        ))}
      </div>
      <details className="rba-details">
        <summary>Show the trend as a table</summary>
        <TrendTable weeks={weeks} />
      </details>
    </Stack>
  );
}

/** One measure's stacked bars, a week per slot: each labelled, weeks without data marked as such. */
function Chart({
  measure,
  explained,
  weeks,
}: {
  measure: TrendMeasure;
  explained: string;
  weeks: readonly DecisionWeek[];
}) {
  const bars = barsOf(weeks, measure);
  const top = axisTop(bars.reduce((high, bar) => Math.max(high, bar.total ?? 0), 0));
  const plot = HEIGHT - TOP - BOTTOM;
  const baseline = TOP + plot;
  const slot = (WIDTH - LEFT - RIGHT) / bars.length;
  const barWidth = Math.min(slot * 0.62, 28);
  const y = (value: number) => baseline - (value / top) * plot;
  const subtle = { fill: token('color.text.subtle') };
  const ticks = Number.isInteger(top / 2) ? [0, top / 2, top] : [0, top];
  const last = weeks[weeks.length - 1];
  return (
    <figure style={{ margin: 0 }}>
      <figcaption>
        <Text size="small" weight="bold">
          {MEASURE_TITLES[measure]}
        </Text>
        <Text size="small" color="color.text.subtle">{` (${explained})`}</Text>
      </figcaption>
      <svg
        role="img"
        aria-label={`${describeChart(measure, weeks)} The table below lists every week.`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        style={{ display: 'block', maxWidth: 560 }}
      >
        <text x={2} y={10} fontSize="10" style={subtle}>
          Decisions per week
        </text>
        {ticks.map((tick) => (
          <g key={`tick-${tick}`}>
            <line
              x1={LEFT}
              x2={WIDTH - RIGHT}
              y1={y(tick)}
              y2={y(tick)}
              style={{ stroke: token(tick === 0 ? 'color.border.bold' : 'color.border') }}
            />
            <text x={LEFT - 4} y={y(tick) + 3} textAnchor="end" fontSize="10" style={subtle}>
              {tick}
            </text>
          </g>
        ))}
        {bars.map((bar, index) => {
          const center = LEFT + slot * (index + 0.5);
          let stacked = 0;
          return (
            <g key={bar.weekStart} data-week={bar.weekStart}>
              <title>{describeBar(bar)}</title>
              {bar.segments === undefined ? (
                <>
                  <rect
                    x={center - barWidth / 2}
                    y={TOP}
                    width={barWidth}
                    height={plot}
                    style={{ fill: NO_DATA, stroke: token('color.border'), strokeDasharray: '3 2' }}
                  />
                  <text transform={`translate(${center + 3} ${baseline - 6}) rotate(-90)`} fontSize="9" style={subtle}>
                    no data
                  </text>
                </>
              ) : (
                bar.segments.map((segment) => {
                  if (segment.value === 0) return null;
                  const from = stacked;
                  stacked += segment.value;
                  return (
                    <rect
                      key={segment.decider}
                      x={center - barWidth / 2}
                      y={y(stacked)}
                      width={barWidth}
                      height={y(from) - y(stacked)}
                      style={{ fill: DECIDER_COLORS[segment.decider] }}
                    />
                  );
                })
              )}
              {bar.total !== undefined && bar.total > 0 ? (
                <text x={center} y={y(bar.total) - 3} textAnchor="middle" fontSize="9" style={subtle}>
                  {bar.total}
                </text>
              ) : null}
              {/* Every other week a line lower, so that twelve labels never run into each other. */}
              <text x={center} y={baseline + 12 + (index % 2) * 11} textAnchor="middle" fontSize="9" style={subtle}>
                {shortWeekLabel(bar.weekStart)}
              </text>
            </g>
          );
        })}
        <text x={LEFT} y={HEIGHT - 6} fontSize="10" style={subtle}>
          {`Week starting Monday${last?.countedUntil ? `; the last one to ${shortWeekLabel(last.countedUntil)}` : ''}`}
        </text>
      </svg>
    </figure>
  );
}

/** Every week, oldest first, with each kind of decision by who took it. */
function TrendTable({ weeks }: { weeks: readonly DecisionWeek[] }) {
  const deciders = ['pm', 'po', 'other'] as const;
  const short: Record<Decider, string> = { pm: 'PMs', po: 'POs', other: 'Others' };
  return (
    <table className="rba-table">
      <caption style={{ textAlign: 'start' }}>Decisions week by week, oldest first</caption>
      <thead>
        <tr>
          <th scope="col" rowSpan={2}>
            Week of
          </th>
          <th scope="colgroup" colSpan={3}>
            Strategic decisions
          </th>
          <th scope="colgroup" colSpan={3}>
            Tactical decisions
          </th>
          <th scope="col" rowSpan={2}>
            Across the role boundary
          </th>
        </tr>
        <tr>
          {[...deciders, ...deciders].map((decider, index) => (
            <th key={`${decider}-${index}`} scope="col">
              {short[decider]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week.weekStart}>
            <th scope="row" style={{ fontWeight: 'normal' }}>
              {formatDate(week.weekStart)}
              {week.countedFrom ? ` (from ${formatDate(week.countedFrom)})` : ''}
              {week.countedUntil ? ` (to ${formatDate(week.countedUntil)})` : ''}
            </th>
            {week.decisions ? (
              <>
                {deciders.map((decider) => (
                  <td key={`s-${decider}`}>{week.decisions![decider].strategic}</td>
                ))}
                {deciders.map((decider) => (
                  <td key={`t-${decider}`}>{week.decisions![decider].tactical}</td>
                ))}
                <td>{week.decisions.po.strategic + week.decisions.pm.tactical}</td>
              </>
            ) : (
              <td colSpan={7}>No data (before the audit window or before anything was recorded)</td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Key({ color, text, outlined }: { color: string; text: string; outlined?: boolean }) {
  return (
    <Inline space="space.050" alignBlock="center" role="listitem">
      <svg width="12" height="12" aria-hidden="true" focusable="false">
        <rect
          x="0.5"
          y="0.5"
          width="11"
          height="11"
          style={{ fill: color, ...(outlined ? { stroke: token('color.border'), strokeDasharray: '3 2' } : {}) }}
        />
      </svg>
      <Text size="small">{text}</Text>
    </Inline>
  );
}
