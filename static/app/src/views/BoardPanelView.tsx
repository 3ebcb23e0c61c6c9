import Lozenge from '@atlaskit/lozenge';
import { Inline, Text } from '@atlaskit/primitives/compiled';
import Badge from '@atlaskit/badge';
import { token } from '@atlaskit/tokens';
import { useEffect, useState, type ReactNode } from 'react';
import type { BoardPanel, Finding, PanelKind, RefreshResult, Severity } from '../../../../src/resolvers/api';
import { IssueLink } from '../components/IssueLink';
import { Empty, ErrorState, FirstScanState, LiveRegion, Loading, PartialReadState } from '../components/Status';
import { firstScanText } from '../freshness';
import { ExportBar } from '../components/ExportBar';
import { AcceptedSection, useFlagActions, type FlagActions } from '../components/FlagActions';
import { FindingList } from '../components/FindingList';
import { PeopleTable } from '../components/People';
import { TrendSection } from '../components/Trend';
import { exportFileName, toCsv, toJson } from '../export';
import { findingColumns } from '../export-columns';
import { SeverityCounts } from '../components/FlagCounts';
import { formatDate, formatSpan } from '../format';
import { useResolver } from '../useResolver';
import { Page, ProvenanceNote, Section } from './Page';
import { plural } from '../../../../src/domain/text';

export function BoardPanelView({ boardId, sprintId }: { boardId?: number; sprintId?: number }) {
  const { state, reload, poll, replace } = useResolver('getBoardPanel', {
    ...(boardId !== undefined ? { boardId } : {}),
    ...(sprintId !== undefined ? { sprintId } : {}),
  });
  const [status, setStatus] = useState('');
  useEffect(() => {
    if (state.status === 'loading') setStatus("Reading the latest audit of the board's work…");
    else if (state.status === 'failed') setStatus(`The audit failed: ${state.error.message}`);
    else if ('firstScan' in state.data) setStatus(firstScanText(state.data.firstScan));
    else setStatus(`Audit loaded: ${plural(state.data.findings.length, 'flag')}.`);
  }, [state]);

  return (
    <>
      <LiveRegion message={status} />
      {state.status === 'loading' ? (
        <Page title="Role boundary audit">
          <Loading sentence="Reading the latest audit of the board's work…" />
        </Page>
      ) : state.status === 'failed' ? (
        <Page title="Role boundary audit">
          <ErrorState error={state.error} activity="board" onRetry={reload} />
        </Page>
      ) : 'firstScan' in state.data ? (
        <Page title="Role boundary audit">
          <FirstScanState progress={state.data.firstScan} onPoll={poll} />
        </Page>
      ) : (
        <>
          {state.data.freshness.partial ? (
            <PartialReadState partial={state.data.freshness.partial} onPoll={poll} />
          ) : null}
          <BoardPanelContent
            panel={state.data}
            onStatus={setStatus}
            onChanged={poll}
            onRefreshed={(result) => {
              if (result.view.kind === 'board') replace(result.view.panel);
            }}
            {...(sprintId !== undefined ? { sprintId } : {})}
          />
        </>
      )}
    </>
  );
}

function BoardPanelContent({
  panel,
  sprintId,
  onStatus,
  onChanged,
  onRefreshed,
}: {
  panel: BoardPanel;
  sprintId?: number;
  onStatus: (message: string) => void;
  /** A flag was accepted, snoozed or restored: read the panel again. */
  onChanged: () => void;
  onRefreshed: (result: RefreshResult) => void;
}) {
  const flags = useFlagActions(panel.board.projectKey, (message) => {
    onChanged();
    onStatus(message);
  });
  const at = new Date();
  const scope = [
    panel.board.projectKey,
    `board-${panel.board.id}`,
    panel.sprint ? `sprint-${panel.sprint.id}` : undefined,
  ];
  const files = [
    {
      label: 'flags (CSV)',
      fileName: exportFileName(['board', ...scope], at, 'csv'),
      type: 'text/csv' as const,
      content: () => toCsv(panel.findings, findingColumns),
    },
    {
      label: 'JSON',
      fileName: exportFileName(['board', ...scope], at, 'json'),
      type: 'application/json' as const,
      content: () => toJson(panel),
    },
  ];
  return (
    <Page title={panelTitle(panel)} actions={<ExportBar files={files} onExported={onStatus} />}>
      <FlagsSection
        findings={panel.findings}
        counts={panel.severityCounts}
        siteUrl={panel.siteUrl}
        emptyDescription={NO_FLAGS[panel.kind]}
        actions={flags.actions}
      />
      <ProvenanceNote
        provenance={panel}
        {...(panel.board.projectKey
          ? {
              refresh: {
                projectKey: panel.board.projectKey,
                payload: { boardId: panel.board.id, ...(sprintId !== undefined ? { sprintId } : {}) },
                onRefreshed,
              },
            }
          : {})}
      />
      {panel.kind === 'backlog' ? <FutureSprintsSection sprints={panel.sprints} /> : <SprintSection panel={panel} />}
      {panel.kind === 'sprint' ? <DecidersSection panel={panel} /> : null}
      {panel.kind === 'board' ? <RoadmapAboveSection panel={panel} /> : null}
      <TrendSection history={panel.trend} {...(panel.board.projectKey ? { projectKey: panel.board.projectKey } : {})} />
      <Section title={PEOPLE_TITLE[panel.kind]} id="people">
        {panel.people.length === 0 ? (
          <Empty
            header="Nobody acted on this work in the audit window"
            description="Once people rank, estimate, schedule or re-date these issues, they are listed here with their role."
          />
        ) : (
          <>
            <Text color="color.text.subtle">
              Each person's role (PM, PO, both or none; "inferred" when no role mapping names them) and what share of
              their actions on the project's work was strategic, tactical or neutral.
            </Text>
            <PeopleTable people={panel.people} label={PEOPLE_TITLE[panel.kind]} />
          </>
        )}
      </Section>
      <AcceptedSection flags={flags} />
    </Page>
  );
}

/** What the panel is about, in its title: a closed sprint is read as its retrospective. */
function panelTitle(panel: BoardPanel): string {
  switch (panel.kind) {
    case 'sprint':
      return panel.sprint?.state === 'closed'
        ? `Sprint retrospective: ${panel.sprint.name}`
        : `Sprint audit: ${panel.sprint?.name ?? panel.board.name}`;
    case 'backlog':
      return `Backlog audit: ${panel.board.name}`;
    case 'board':
      return `Board audit: ${panel.board.name}`;
  }
}

const NO_FLAGS: Record<PanelKind, string> = {
  sprint: 'Nothing in this sprint crosses the PM/PO boundary.',
  backlog: 'Nothing in the backlog (unscheduled work and future sprints) crosses the PM/PO boundary.',
  board: 'Nothing in the active sprint, or in the roadmap items its work hangs under, crosses the PM/PO boundary.',
};

const PEOPLE_TITLE: Record<PanelKind, string> = {
  sprint: "People who decided on this sprint's work",
  backlog: "People acting on the project's work",
  board: "People who decided on the active sprint's work",
};

function DecidersSection({ panel }: { panel: BoardPanel }) {
  return (
    <Section title="Who decided what during the sprint" id="deciders">
      {panel.deciders.length === 0 ? (
        <Empty
          header="No decisions recorded"
          description="Nobody ranked, estimated, scheduled or re-dated the sprint's issues while it ran."
        />
      ) : (
        <table className="rba-table">
          <caption className="rba-visually-hidden">Decisions on the sprint's issues while it ran, by person</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Tactical decisions (backlog, sprint)</th>
              <th scope="col">Strategic decisions (roadmap)</th>
            </tr>
          </thead>
          <tbody>
            {panel.deciders.map((decider) => (
              <tr key={decider.accountId}>
                <th scope="row">
                  <bdi>{decider.displayName}</bdi>
                </th>
                <td>{decider.tactical}</td>
                <td>{decider.strategic}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}

function RoadmapAboveSection({ panel }: { panel: BoardPanel }) {
  const summarised = new Map(panel.roadmapItems.map((item) => [item.key, item]));
  return (
    <Section title="Roadmap items the sprint's work hangs under" id="roadmap">
      {panel.roadmapKeys.length === 0 ? (
        <Empty
          header="No roadmap item above this work"
          description="None of the active sprint's issues has an epic or initiative up its parent chain."
        />
      ) : (
        <ul style={{ margin: 0, paddingInlineStart: token('space.250') }}>
          {panel.roadmapKeys.map((key) => {
            const item = summarised.get(key);
            return (
              <li key={key}>
                <Text>
                  <IssueLink siteUrl={panel.siteUrl} issueKey={key} />
                  {item ? (
                    <>
                      {' '}
                      <bdi>{item.summary}</bdi>
                      {` · ${item.type} · `}
                      {item.ownerName ? <bdi>{item.ownerName}</bdi> : 'no owner'}
                    </>
                  ) : null}
                </Text>
              </li>
            );
          })}
        </ul>
      )}
    </Section>
  );
}

function FutureSprintsSection({ sprints }: { sprints: BoardPanel['sprints'] }) {
  return (
    <Section title="Future sprints" id="sprints">
      {sprints.length === 0 ? (
        <Empty header="No future sprint planned" description="The backlog's flags above cover its unscheduled work." />
      ) : (
        <ul style={{ margin: 0, paddingInlineStart: token('space.250') }}>
          {sprints.map((sprint) => (
            <li key={sprint.id}>
              <Text>
                <bdi>{sprint.name}</bdi>
                {` · ${plural(sprint.items, 'issue')}${sprint.startDate ? ` · starts ${formatDate(sprint.startDate)}` : ''}`}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

const SPRINT_STATE: Record<string, 'inprogress' | 'success' | 'new' | 'default'> = {
  active: 'inprogress',
  closed: 'success',
  future: 'new',
};

function SprintSection({ panel }: { panel: BoardPanel }) {
  const sprint = panel.sprint;
  if (!sprint) {
    return (
      <Section title="Sprint" id="sprint">
        <Empty
          header="No sprint to audit"
          description={
            panel.board.type === 'kanban'
              ? 'This is a Kanban board: it has no sprints. The flags below cover its work.'
              : 'This board has no active sprint. Open the panel from a sprint’s menu to audit that sprint.'
          }
        />
      </Section>
    );
  }
  return (
    <Section
      title={`Sprint: ${sprint.name}`}
      id="sprint"
      aside={<Lozenge appearance={SPRINT_STATE[sprint.state] ?? 'default'}>{sprint.state}</Lozenge>}
    >
      <dl
        style={{
          display: 'grid',
          gridTemplateColumns: 'max-content 1fr',
          columnGap: token('space.300'),
          rowGap: token('space.100'),
          margin: 0,
          padding: 0,
        }}
      >
        <dt style={{ margin: 0 }}>
          <Text weight="bold">Product owner</Text>
        </dt>
        <dd style={{ margin: 0 }}>
          {sprint.productOwners.length > 0 ? (
            <Text>{sprint.productOwners.map((person) => person.displayName).join(', ')}</Text>
          ) : (
            <Inline space="space.100" alignBlock="center">
              <Lozenge appearance="removed">No product owner</Lozenge>
              <Text color="color.text.subtle">No one mapped as a PO made decisions on this sprint.</Text>
            </Inline>
          )}
        </dd>
        <dt style={{ margin: 0 }}>
          <Text weight="bold">Goal</Text>
        </dt>
        <dd style={{ margin: 0 }}>
          {sprint.goal ? (
            <Text>
              <bdi>{sprint.goal}</bdi>
            </Text>
          ) : sprint.goalKnown ? (
            <Inline space="space.100" alignBlock="center">
              <Lozenge appearance="removed">No goal</Lozenge>
              <Text color="color.text.subtle">The sprint has no goal: the PO sets one in the sprint's settings.</Text>
            </Inline>
          ) : (
            <Text color="color.text.subtle">Not recorded: this site's sprints carry no goal field.</Text>
          )}
        </dd>
        <dt style={{ margin: 0 }}>
          <Text weight="bold">Dates</Text>
        </dt>
        <dd style={{ margin: 0 }}>
          <Text>
            {sprint.startDate || sprint.endDate
              ? `${formatDate(sprint.startDate)} → ${formatDate(sprint.endDate)} (${formatSpan(sprint.lengthDays)})`
              : 'Not started: no dates yet'}
          </Text>
        </dd>
        <dt style={{ margin: 0 }}>
          <Text weight="bold">Work</Text>
        </dt>
        <dd style={{ margin: 0 }}>
          <Text>{`${plural(sprint.items, 'issue')}; ${plural(sprint.poDecisions, 'decision')} by product owners during the sprint`}</Text>
        </dd>
      </dl>
    </Section>
  );
}

export function FlagsSection({
  findings,
  counts,
  breakdown,
  siteUrl,
  emptyDescription,
  actions,
}: {
  findings: readonly Finding[];
  /** The findings by severity, as the server counted them (or of a filtered list). */
  counts: Record<Severity, number>;
  /** More counts under the severities (a roadmap page's per project and per owner). */
  breakdown?: ReactNode;
  siteUrl: string;
  emptyDescription?: string;
  actions?: FlagActions;
}) {
  return (
    <Section
      title="Flags"
      id="flags"
      aside={<Badge appearance={counts.error > 0 ? 'important' : 'default'}>{findings.length}</Badge>}
    >
      {findings.length === 0 ? (
        <Empty
          header="No flags"
          description={
            emptyDescription ??
            'Nothing on this board crosses the PM/PO boundary. If you expected flags, check the role mapping on the app’s settings page: people nobody maps are only inferred.'
          }
        />
      ) : (
        <>
          <SeverityCounts counts={counts} />
          {breakdown}
          <Text color="color.text.subtle">Open a flag to see its criteria, evidence and what to do.</Text>
          <FindingList findings={findings} siteUrl={siteUrl} actions={actions} />
        </>
      )}
    </Section>
  );
}
