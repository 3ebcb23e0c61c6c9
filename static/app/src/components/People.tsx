import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import type { PersonProfile } from '../../../../src/audit/report';
import { formatShare, personRole } from '../format';

/** The three kinds of action, in the order bars and legends show them; colours are chart tokens. */
export const SHARE_KINDS = [
  { key: 'strategic', label: 'Strategic', color: token('color.chart.categorical.1') },
  { key: 'tactical', label: 'Tactical', color: token('color.chart.categorical.2') },
  { key: 'neutral', label: 'Neutral', color: token('color.chart.neutral') },
] as const;

export function RoleCell({ person }: { person: Pick<PersonProfile, 'roles' | 'roleScope'> }) {
  const role = personRole(person);
  return (
    <Inline space="space.050" alignBlock="center">
      <Text>{role.label}</Text>
      {role.inferred ? <Lozenge appearance="inprogress">inferred</Lozenge> : null}
    </Inline>
  );
}

/** A thin stacked bar of one person's shares; decorative, the numbers are in the cells beside it. */
function ShareBar({ share }: { share: PersonProfile['share'] }) {
  let x = 0;
  return (
    <svg width="120" height="10" aria-hidden="true" focusable="false" style={{ display: 'block' }}>
      <rect x="0" y="0" width="120" height="10" style={{ fill: token('color.background.neutral') }} />
      {SHARE_KINDS.map((kind) => {
        const width = share[kind.key] * 120;
        const rect = <rect key={kind.key} x={x} y="0" width={width} height="10" style={{ fill: kind.color }} />;
        x += width;
        return rect;
      })}
    </svg>
  );
}

const total = (person: PersonProfile) => person.counts.strategic + person.counts.tactical + person.counts.neutral;

/** People with their role and what share of their actions was strategic, tactical or neutral; sortable. */
export function PeopleTable({ people, label }: { people: readonly PersonProfile[]; label: string }) {
  const head = {
    cells: [
      { key: 'name', content: 'Person', isSortable: true },
      { key: 'role', content: 'Role', isSortable: true },
      ...SHARE_KINDS.map((kind) => ({ key: kind.key, content: kind.label, isSortable: true })),
      { key: 'mix', content: 'Mix' },
      { key: 'actions', content: 'Actions', isSortable: true },
    ],
  };
  const rows = people.map((person) => ({
    key: person.accountId,
    cells: [
      {
        key: person.displayName.toLowerCase(),
        content: (
          <Text>
            <bdi>{person.displayName}</bdi>
          </Text>
        ),
      },
      {
        key: `${personRole(person).label}${person.roleScope === 'inferred' ? ' inferred' : ''}`,
        content: <RoleCell person={person} />,
      },
      ...SHARE_KINDS.map((kind) => ({ key: person.share[kind.key], content: formatShare(person.share[kind.key]) })),
      { key: 'mix', content: <ShareBar share={person.share} /> },
      { key: total(person), content: String(total(person)) },
    ],
  }));
  return <DynamicTable label={label} head={head} rows={rows} defaultSortKey="name" defaultSortOrder="ASC" />;
}

/**
 * Strategic against tactical share per person, as horizontal stacked bars. The SVG is one image with a summary
 * for screen readers; the table below it (in a disclosure) holds every number.
 */
export function ShareChart({ people, title }: { people: readonly PersonProfile[]; title: string }) {
  const rowHeight = 28;
  const labelWidth = 180;
  const barWidth = 420;
  const header = 20;
  const height = header + people.length * rowHeight + 8;
  const sorted = [...people].sort(
    (a, b) => b.share.strategic - a.share.strategic || a.displayName.localeCompare(b.displayName),
  );
  const summary = `${title}: ${sorted.map((person) => `${person.displayName} ${formatShare(person.share.strategic)} strategic, ${formatShare(person.share.tactical)} tactical`).join('; ')}.`;
  return (
    <Stack space="space.100">
      <Legend />
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${labelWidth + barWidth + 110} ${height}`}
        width="100%"
        style={{ maxWidth: labelWidth + barWidth + 110 }}
      >
        <text x={labelWidth + barWidth + 6} y={header - 6} fontSize="11" style={{ fill: token('color.text.subtle') }}>
          strategic / tactical
        </text>
        {sorted.map((person, index) => {
          const y = header + index * rowHeight + 4;
          let x = labelWidth;
          return (
            <g key={person.accountId}>
              <text
                x={labelWidth - 8}
                y={y + rowHeight / 2}
                textAnchor="end"
                dominantBaseline="middle"
                style={{ fill: token('color.text') }}
                fontSize="12"
                unicodeBidi="isolate"
              >
                {truncate(person.displayName, 26)}
              </text>
              <rect
                x={labelWidth}
                y={y + 4}
                width={barWidth}
                height={rowHeight - 10}
                style={{ fill: token('color.background.neutral') }}
              />
              {SHARE_KINDS.map((kind) => {
                const width = person.share[kind.key] * barWidth;
                const rect = (
                  <rect
                    key={kind.key}
                    x={x}
                    y={y + 4}
                    width={width}
                    height={rowHeight - 10}
                    style={{ fill: kind.color }}
                  />
                );
                x += width;
                return rect;
              })}
              <text
                x={labelWidth + barWidth + 6}
                y={y + rowHeight / 2}
                dominantBaseline="middle"
                style={{ fill: token('color.text.subtle') }}
                fontSize="11"
              >
                {`${formatShare(person.share.strategic)} / ${formatShare(person.share.tactical)}`}
              </text>
            </g>
          );
        })}
      </svg>
      <details className="rba-details">
        <summary>Show these shares as a table</summary>
        <PeopleTable people={people} label={`${title} (table)`} />
      </details>
    </Stack>
  );
}

export function Legend() {
  return (
    <Inline space="space.200" shouldWrap>
      {SHARE_KINDS.map((kind) => (
        <Inline key={kind.key} space="space.050" alignBlock="center">
          <svg width="12" height="12" aria-hidden="true" focusable="false">
            <rect width="12" height="12" style={{ fill: kind.color }} />
          </svg>
          <Text size="small">{kind.label}</Text>
        </Inline>
      ))}
    </Inline>
  );
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
