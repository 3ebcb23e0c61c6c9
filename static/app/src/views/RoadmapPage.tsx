import Badge from '@atlaskit/badge';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Finding, FlagCounts, ProjectSummary, RefreshResult, RoadmapView } from '../../../../src/resolvers/api';
import { countBySeverity } from '../../../../src/domain/finding';
import { ExportBar } from '../components/ExportBar';
import { RoadmapFlagCounts, SeverityCounts } from '../components/FlagCounts';
import { AcceptedSection, useFlagActions, type FlagActions } from '../components/FlagActions';
import { FindingList, FindingPager } from '../components/FindingList';
import { IssueLink } from '../components/IssueLink';
import { ShareChart } from '../components/People';
import { SelectField } from '../components/SelectField';
import { Empty, ErrorState, FirstScanState, LiveRegion, Loading, PartialReadState } from '../components/Status';
import { firstScanText } from '../freshness';
import { Timeline } from '../components/Timeline';
import { TrendSection } from '../components/Trend';
import { exportFileName, toCsv, toJson } from '../export';
import { findingColumns, personColumns, roadmapItemColumns } from '../export-columns';
import { formatDate, formatSpan, roleLabel } from '../format';
import { filterRoadmap, findingQueryOf, nameIndex, ownerOptions, type RoadmapFilters } from '../roadmap';
import { useFindingPages, type FindingPages } from '../useFindingPages';
import { useResolver } from '../useResolver';
import { FlagsSection } from './BoardPanelView';
import { Page, ProvenanceNote, Section } from './Page';
import { plural } from '../../../../src/domain/text';

export function RoadmapPage({ projectKey }: { projectKey?: string }) {
  const { state, reload, poll, replace } = useResolver('getRoadmap', projectKey !== undefined ? { projectKey } : {});
  const [status, setStatus] = useState('');
  const loadingSentence = projectKey
    ? `Reading the latest audit of ${projectKey}'s roadmap items and sprints…`
    : 'Reading the latest audit of the roadmap items and sprints of every project you can browse…';
  useEffect(() => {
    if (state.status === 'loading') setStatus(loadingSentence);
    else if (state.status === 'failed') setStatus(`The audit failed: ${state.error.message}`);
    else if ('firstScan' in state.data) setStatus(firstScanText(state.data.firstScan));
    else
      setStatus(
        `Audit loaded: ${plural(state.data.items.length, 'roadmap item')}, ${plural(state.data.findingPage.total, 'flag')}.`,
      );
  }, [state, loadingSentence]);
  const title = projectKey ? `Roadmap ownership: ${projectKey}` : 'Roadmap ownership across projects';

  return (
    <>
      <LiveRegion message={status} />
      {state.status === 'loading' ? (
        <Page title={title}>
          <Loading sentence={loadingSentence} />
        </Page>
      ) : state.status === 'failed' ? (
        <Page title={title}>
          <ErrorState error={state.error} activity="roadmap" onRetry={reload} />
        </Page>
      ) : 'firstScan' in state.data ? (
        <Page title={title}>
          <FirstScanState progress={state.data.firstScan} onPoll={poll} />
        </Page>
      ) : (
        <>
          {/* Across projects, one being read for the first time shows its first stage meanwhile. */}
          {state.data.freshness.partial ? (
            <PartialReadState partial={state.data.freshness.partial} onPoll={poll} />
          ) : null}
          <RoadmapContent
            view={state.data}
            onStatus={setStatus}
            onChanged={poll}
            onRefreshed={(result) => {
              if (result.view.kind === 'roadmap') replace(result.view.roadmap);
            }}
          />
        </>
      )}
    </>
  );
}

const ALL = '';

function RoadmapContent({
  view,
  onStatus,
  onChanged,
  onRefreshed,
}: {
  view: RoadmapView;
  onStatus: (message: string) => void;
  /** A flag was accepted, snoozed or restored: read the page again. */
  onChanged: () => void;
  onRefreshed: (result: RefreshResult) => void;
}) {
  const flags = useFlagActions(view.scope.projectKey, (message) => {
    onChanged();
    onStatus(message);
  });
  const [filters, setFilters] = useState<RoadmapFilters>({});
  const filtered = useMemo(() => filterRoadmap(view, filters), [view, filters]);
  const query = useMemo(() => findingQueryOf(filters), [filters]);
  // Undefined when the view brought every finding; otherwise the flags come from the server a page at a time.
  const pages = useFindingPages(view, query);
  const matching = pages ? pages.list.total : filtered.findings.length;
  const flagsShown =
    matching === undefined
      ? 'the flags that match are being read'
      : `${matching} of ${plural(view.findingPage.total, 'flag')}`;
  const names = useMemo(() => nameIndex(view), [view]);
  const single =
    view.scope.projectKey !== undefined
      ? view.projects.find((project) => project.key === view.scope.projectKey)
      : undefined;
  const title = single
    ? `Roadmap ownership: ${single.name} (${single.key})`
    : view.scope.projectKey
      ? `Roadmap ownership: ${view.scope.projectKey}`
      : 'Roadmap ownership across projects';
  const active = Object.values(filters).some((value) => value !== undefined);

  const setFilter = (key: keyof RoadmapFilters, value: string) => {
    const next = { ...filters };
    if (value === ALL) delete next[key];
    else next[key] = value;
    setFilters(next);
    const result = filterRoadmap(view, next);
    const flags = pages
      ? 'reading the flags that match'
      : `${result.findings.length} of ${plural(view.findings.length, 'flag')}`;
    onStatus(`Showing ${result.items.length} of ${plural(view.items.length, 'roadmap item')} and ${flags}.`);
  };
  useFlagAnnouncements(pages, onStatus);

  const allFindings = async (): Promise<Finding[]> => {
    if (!pages) return filtered.findings;
    onStatus(`Reading all ${matching === undefined ? 'matching' : matching} flags for the export…`);
    const response = await pages.readAll((loaded, total) =>
      onStatus(`Read ${loaded} of ${plural(total, 'flag')} for the export…`),
    );
    if (!response.ok) throw new Error(response.error.message);
    return response.data;
  };

  const at = new Date();
  const scope = [
    filters.project ?? view.scope.projectKey ?? 'all-projects',
    filters.rule,
    active ? 'filtered' : undefined,
  ];
  const files = [
    {
      label: 'roadmap items (CSV)',
      fileName: exportFileName(['roadmap-items', ...scope], at, 'csv'),
      type: 'text/csv' as const,
      content: () => toCsv(filtered.items, roadmapItemColumns),
    },
    {
      label: 'flags (CSV)',
      fileName: exportFileName(['roadmap-flags', ...scope], at, 'csv'),
      type: 'text/csv' as const,
      content: () =>
        pages
          ? allFindings().then((findings) => toCsv(findings, findingColumns))
          : toCsv(filtered.findings, findingColumns),
    },
    {
      label: 'people (CSV)',
      fileName: exportFileName(['roadmap-people', ...scope], at, 'csv'),
      type: 'text/csv' as const,
      content: () => toCsv(filtered.people, personColumns),
    },
    {
      label: 'JSON',
      fileName: exportFileName(['roadmap', ...scope], at, 'json'),
      type: 'application/json' as const,
      content: () => {
        // The export holds every finding that matches, so how the view paged them does not belong in it.
        const { findingPage: _paging, ...whole } = view;
        const json = (findings: readonly Finding[]) =>
          toJson({
            ...whole,
            filters,
            items: filtered.items,
            findings,
            sprints: filtered.sprints,
            people: filtered.people,
          });
        return pages ? allFindings().then(json) : json(filtered.findings);
      },
    },
  ];

  const { flagCounts } = view;
  const projectNames = new Map(view.projects.map((project) => [project.key, project.name]));
  const breakdown = <RoadmapFlagCounts counts={flagCounts} projectNames={projectNames} names={names} />;
  const counted = (label: string, count: number | undefined) => `${label} (${count ?? 0})`;

  return (
    <Page title={title} actions={<ExportBar files={files} onExported={onStatus} />}>
      <form role="search" aria-label="Filter the roadmap" onSubmit={(event) => event.preventDefault()}>
        <Stack space="space.100">
          <Inline space="space.200" shouldWrap alignBlock="end">
            {view.projects.length > 1 ? (
              <SelectField
                label="Project"
                value={filters.project ?? ALL}
                onChange={(value) => setFilter('project', value)}
                options={[
                  { value: ALL, label: 'All projects' },
                  ...view.projects.map((project) => ({
                    value: project.key,
                    label: counted(`${project.name} (${project.key})`, flagCounts.byProject[project.key]),
                  })),
                ]}
              />
            ) : null}
            <SelectField
              label="Owner"
              value={filters.owner ?? ALL}
              onChange={(value) => setFilter('owner', value)}
              options={[
                { value: ALL, label: 'All owners' },
                ...ownerOptions(view.items).map((option) => ({
                  ...option,
                  label: counted(option.label, flagCounts.byOwner[option.value]),
                })),
              ]}
            />
            <SelectField
              label="Rule"
              value={filters.rule ?? ALL}
              onChange={(value) => setFilter('rule', value)}
              options={[
                { value: ALL, label: 'All rules' },
                ...view.rules.map((rule) => ({
                  value: rule.id,
                  label: counted(rule.title, flagCounts.byRule[rule.id]),
                })),
              ]}
            />
            {active ? (
              <Button
                onClick={() => {
                  setFilters({});
                  onStatus('Filters cleared.');
                }}
              >
                Clear filters
              </Button>
            ) : null}
          </Inline>
          <Text color="color.text.subtle" size="small">
            {`Showing ${filtered.items.length} of ${plural(view.items.length, 'roadmap item')} and ${flagsShown}.`}
          </Text>
        </Stack>
      </form>
      {pages ? (
        <PagedFlagsSection
          pages={pages}
          counts={view.flagCounts}
          breakdown={breakdown}
          siteUrl={view.siteUrl}
          filtered={active}
          actions={flags.actions}
        />
      ) : (
        <FlagsSection
          findings={filtered.findings}
          counts={active ? countBySeverity(filtered.findings) : view.flagCounts.bySeverity}
          {...(active ? {} : { breakdown })}
          siteUrl={view.siteUrl}
          emptyDescription={
            active
              ? 'No flag matches these filters. Change or clear the filters above.'
              : 'Nothing on this roadmap crosses the PM/PO boundary.'
          }
          actions={flags.actions}
        />
      )}
      {/* The cross-project page has no one project to refresh: the background scan keeps it fresh. */}
      <ProvenanceNote
        provenance={view}
        {...(view.scope.projectKey
          ? {
              refresh: {
                projectKey: view.scope.projectKey,
                payload: { projectKey: view.scope.projectKey },
                onRefreshed,
              },
            }
          : {})}
      />
      <ProjectsSection
        projects={view.projects}
        names={names}
        single={single !== undefined}
        flagsByProject={flagCounts.byProject}
      />
      {/* History is kept per project: the cross-project page has none. */}
      {view.scope.projectKey ? <TrendSection history={view.trend} projectKey={view.scope.projectKey} /> : null}
      <Section title="Roadmap items" id="items">
        {filtered.items.length === 0 ? (
          <Empty
            header={active ? 'No roadmap item matches these filters' : 'No roadmap items'}
            description={
              active
                ? 'Change or clear the filters above.'
                : 'Roadmap items are issues at epic level or above (epics, initiatives). Create them in Jira with a start and a due date, and assign each to its product manager.'
            }
          />
        ) : (
          <ItemsTable view={view} items={filtered.items} />
        )}
      </Section>
      <Section title="Timeline: roadmap spans against sprints" id="timeline">
        <Timeline items={filtered.items} sprints={filtered.sprints} now={view.generatedAt} siteUrl={view.siteUrl} />
      </Section>
      <Section title="Strategic and tactical work by person" id="shares">
        {filtered.people.length === 0 ? (
          <Empty
            header="No one acted in the audit window"
            description={
              active
                ? 'Change or clear the filters above.'
                : 'People appear here once they change, rank, schedule or comment on issues in these projects.'
            }
          />
        ) : (
          <ShareChart people={filtered.people} title="Share of each person's actions that was strategic and tactical" />
        )}
      </Section>
      <AcceptedSection flags={flags} />
    </Page>
  );
}

/** Tells screen readers when a page of flags is in or could not be read. */
function useFlagAnnouncements(pages: FindingPages | undefined, onStatus: (message: string) => void) {
  const list = pages?.list;
  const previous = useRef(list?.status);
  useEffect(() => {
    const was = previous.current;
    previous.current = list?.status;
    if (!list || was !== 'loading') return;
    if (list.status === 'failed') onStatus(`The flags could not be read: ${list.error?.message ?? 'no reason given'}.`);
    else if (list.total !== undefined) onStatus(`Showing ${list.findings.length} of ${plural(list.total, 'flag')}.`);
  }, [list, onStatus]);
}

/** The Flags section of a view too big to send every finding at once: what is loaded, and Show more. */
function PagedFlagsSection({
  pages,
  counts,
  breakdown,
  siteUrl,
  filtered,
  actions,
}: {
  pages: FindingPages;
  /** Every flag in view, counted by the server with the view. */
  counts: FlagCounts;
  breakdown: ReactNode;
  siteUrl: string;
  filtered: boolean;
  actions: FlagActions;
}) {
  const { list } = pages;
  const total = list.total;
  const errors = filtered
    ? list.findings.filter((finding) => finding.severity === 'error').length
    : counts.bySeverity.error;
  return (
    <Section
      title="Flags"
      id="flags"
      aside={<Badge appearance={errors > 0 ? 'important' : 'default'}>{total ?? '…'}</Badge>}
    >
      {total === undefined ? (
        list.status === 'failed' && list.error ? (
          <ErrorState error={list.error} activity="roadmap" onRetry={pages.more} />
        ) : (
          <Loading sentence="Reading the flags that match these filters…" />
        )
      ) : total === 0 ? (
        <Empty
          header="No flags"
          description={
            filtered
              ? 'No flag matches these filters. Change or clear the filters above.'
              : 'Nothing on this roadmap crosses the PM/PO boundary.'
          }
        />
      ) : (
        <>
          {filtered ? null : (
            <>
              <SeverityCounts counts={counts.bySeverity} />
              {breakdown}
            </>
          )}
          <Text color="color.text.subtle">Open a flag to see its criteria, evidence and what to do.</Text>
          <FindingList findings={list.findings} siteUrl={siteUrl} actions={actions} />
          <FindingPager list={{ ...list, total }} onMore={pages.more} />
        </>
      )}
    </Section>
  );
}

function ItemsTable({ view, items }: { view: RoadmapView; items: RoadmapView['items'] }) {
  const head = {
    cells: [
      { key: 'key', content: 'Item', isSortable: true },
      { key: 'type', content: 'Type', isSortable: true },
      { key: 'owner', content: 'Owner', isSortable: true },
      { key: 'role', content: "Owner's role", isSortable: true },
      { key: 'span', content: 'Planned span', isSortable: true },
      { key: 'length', content: 'Length', isSortable: true },
      { key: 'children', content: 'Breakdown', isSortable: true },
      { key: 'flags', content: 'Flags', isSortable: true },
    ],
  };
  const rows = items.map((item) => ({
    key: item.key,
    cells: [
      {
        key: item.key,
        content: (
          <Stack space="space.025">
            <IssueLink siteUrl={view.siteUrl} issueKey={item.key} />
            <Text size="small">
              <bdi>{item.summary}</bdi>
            </Text>
          </Stack>
        ),
      },
      { key: item.type, content: item.type },
      { key: item.ownerName ?? '', content: item.ownerName ?? <Lozenge appearance="removed">No owner</Lozenge> },
      {
        key: item.ownerId === undefined ? '' : roleLabel(item.ownerRoles),
        content:
          item.ownerId === undefined ? (
            '—'
          ) : item.ownerRoles.includes('pm') ? (
            roleLabel(item.ownerRoles)
          ) : (
            <Lozenge appearance="moved">{roleLabel(item.ownerRoles)}</Lozenge>
          ),
      },
      {
        key: item.start ?? '',
        content: item.start || item.end ? `${formatDate(item.start)} → ${formatDate(item.end)}` : 'Not planned',
      },
      { key: item.spanDays ?? -1, content: formatSpan(item.spanDays) },
      {
        key: item.children,
        content:
          item.children === 0 ? <Lozenge appearance="moved">none</Lozenge> : plural(item.children, 'child', 'children'),
      },
      { key: item.findings.length, content: String(item.findings.length) },
    ],
  }));
  return (
    <DynamicTable
      label="Roadmap items"
      head={head}
      rows={rows}
      rowsPerPage={25}
      defaultSortKey="key"
      defaultSortOrder="ASC"
    />
  );
}

function ProjectsSection({
  projects,
  names,
  single,
  flagsByProject,
}: {
  projects: readonly ProjectSummary[];
  names: Map<string, string>;
  single: boolean;
  flagsByProject: Record<string, number>;
}) {
  const people = (ids: readonly string[]) => {
    if (ids.length === 0) return <Lozenge appearance="removed">none</Lozenge>;
    const known = ids.map((id) => names.get(id)).filter((name): name is string => name !== undefined);
    const unknown = ids.length - known.length;
    return (
      <Text>
        {[
          ...known,
          ...(unknown > 0
            ? [plural(unknown, 'person not active in the window', 'people not active in the window')]
            : []),
        ].join(', ')}
      </Text>
    );
  };
  if (projects.length === 0) {
    return (
      <Section title="Projects" id="projects">
        <Empty
          header="No projects to audit"
          description="You cannot browse any project on this site, or it has none. Ask a Jira admin for the Browse projects permission."
        />
      </Section>
    );
  }
  return (
    <Section title={single ? 'Who is who' : 'Projects'} id="projects">
      <table className="rba-table">
        <thead>
          <tr>
            <th scope="col">Project</th>
            <th scope="col">Product managers</th>
            <th scope="col">Product owners</th>
            <th scope="col">Flags</th>
            <th scope="col">Combined-role team</th>
            <th scope="col">Issues</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {projects.map((project) => (
            <tr key={project.key}>
              <th scope="row" style={{ fontWeight: 'normal' }}>
                <Text>{`${project.name} (${project.key})`}</Text>
              </th>
              <td>{people(project.productManagers)}</td>
              <td>{people(project.productOwners)}</td>
              <td>{flagsByProject[project.key] ?? 0}</td>
              <td>{project.combinedRole ? 'Yes' : 'No'}</td>
              <td>{project.items}</td>
              <td>{project.actions}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
