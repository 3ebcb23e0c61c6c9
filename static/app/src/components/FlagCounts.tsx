import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import type { FlagCounts, Severity } from '../../../../src/resolvers/api';
import { NO_OWNER } from '../roadmap';
import { plural } from '../../../../src/domain/text';

const SEVERITY_WORDS: ReadonlyArray<{
  severity: Severity;
  one: string;
  many: string;
  appearance: 'removed' | 'moved' | 'default';
}> = [
  { severity: 'error', one: 'error', many: 'errors', appearance: 'removed' },
  { severity: 'warning', one: 'warning', many: 'warnings', appearance: 'moved' },
  { severity: 'info', one: 'for information', many: 'for information', appearance: 'default' },
];

/** "2 errors, 1 warning, 3 for information", as a list of lozenges a screen reader reads as such. */
export function SeverityCounts({ counts }: { counts: Record<Severity, number> }) {
  return (
    <ul className="rba-inline-list" aria-label="Flags by severity" data-testid="severity-counts">
      {SEVERITY_WORDS.map(({ severity, one, many, appearance }) => (
        <li key={severity}>
          <Lozenge appearance={counts[severity] > 0 ? appearance : 'default'}>
            {severity === 'info' ? `${counts[severity]} ${one}` : plural(counts[severity], one, many)}
          </Lozenge>
        </li>
      ))}
    </ul>
  );
}

/** Most flags first, then by name; the rest summed up beyond `shown`. */
function ranked(counts: Record<string, number>, label: (key: string) => string, shown: number) {
  const entries = Object.entries(counts)
    .map(([key, count]) => ({ key, label: label(key), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  return { top: entries.slice(0, shown), more: entries.length - Math.min(shown, entries.length) };
}

const SHOWN_PER_LINE = 8;

/** A roadmap view's flags per project (cross-project page only) and per owner, each a line under the severities. */
export function RoadmapFlagCounts({
  counts,
  projectNames,
  names,
}: {
  counts: FlagCounts;
  /** Project keys to names; with one project in view its line is left out. */
  projectNames: ReadonlyMap<string, string>;
  names: ReadonlyMap<string, string>;
}) {
  const lines: Array<{
    title: string;
    testId: string;
    noun: string;
    counts: Record<string, number>;
    label: (key: string) => string;
  }> = [];
  if (projectNames.size > 1)
    lines.push({
      title: 'By project',
      testId: 'flag-counts-project',
      noun: 'project',
      counts: counts.byProject,
      label: (key) => (projectNames.has(key) ? `${projectNames.get(key)} (${key})` : key),
    });
  lines.push({
    title: 'By owner',
    testId: 'flag-counts-owner',
    noun: 'person',
    counts: counts.byOwner,
    label: (key) => (key === NO_OWNER ? 'No owner' : (names.get(key) ?? 'Unknown user')),
  });
  return (
    <Stack space="space.050">
      {lines.map((line) => {
        const { top, more } = ranked(line.counts, line.label, SHOWN_PER_LINE);
        if (top.length === 0) return null;
        return (
          <Inline key={line.title} space="space.100" alignBlock="baseline" shouldWrap>
            <Text weight="bold" size="small" id={line.testId}>
              {line.title}
            </Text>
            <ul className="rba-inline-list" aria-labelledby={line.testId} data-testid={line.testId}>
              {top.map((entry) => (
                <li key={entry.key}>
                  <Text size="small">
                    <bdi>{entry.label}</bdi>
                    {` ${entry.count}`}
                  </Text>
                </li>
              ))}
              {more > 0 ? (
                <li>
                  <Text
                    size="small"
                    color="color.text.subtle"
                  >{`and ${plural(more, `more ${line.noun}`, line.noun === 'person' ? 'more people' : `more ${line.noun}s`)}`}</Text>
                </li>
              ) : null}
            </ul>
          </Inline>
        );
      })}
    </Stack>
  );
}
