/**
 * What a viewer may see of reports the app made with its own permissions. Stored project slices come from an audit
 * of every project the app can read; a viewer who may browse only some of them sees nothing of the others: no
 * finding that draws on or names them, no counts of their items, decisions or children, no people known only there.
 */
import type { Finding } from '../domain/finding';
import { projectKeyOf } from '../domain/issue-key';
import { compareItems } from '../domain/join';
import type { AuditReport } from './index';
import {
  shares,
  type Coverage,
  type PersonProfile,
  type RoleCounts,
  type SprintDeciders,
  type SprintSummary,
} from './report';
import { compareFindings } from '../domain/finding';

/** One project's part of a stored audit, as a view reads it. */
export interface ReportSlice {
  projectKey: string;
  report: AuditReport;
  /** The project's own coverage. */
  coverage: Coverage;
  /** Names of the people the slice names by account id. */
  names: Record<string, string>;
}

export interface ViewerReport {
  report: AuditReport;
  names: Map<string, string>;
}

/** The slices of the projects a viewer may browse, as one report holding only what those projects allow. */
export function reportForViewer(slices: readonly ReportSlice[], visible: ReadonlySet<string>): ViewerReport {
  const shown = slices.filter((slice) => visible.has(slice.projectKey));
  const first = shown[0]?.report ?? slices[0]?.report;
  if (!first) throw new Error('A view needs at least one stored project report.');
  const hidden = hiddenKeys(slices, visible);
  const mayShow = (finding: Finding) => showsOnly(finding, visible, hidden);

  const findings = dedupe(
    shown.flatMap((slice) => slice.report.findings),
    (finding) => finding.id,
  )
    .filter(mayShow)
    .sort(compareFindings);
  const suppressed = dedupe(
    shown.flatMap((slice) => slice.report.suppressed),
    (entry) => entry.finding.id,
  )
    .filter((entry) => mayShow(entry.finding))
    .sort((a, b) => compareFindings(a.finding, b.finding));
  const kept = new Set(findings.map((finding) => finding.id));
  const people = dedupe(
    shown.flatMap((slice) => slice.report.people),
    (person) => person.accountId,
  )
    .flatMap((person) => visiblePerson(person, visible))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.accountId.localeCompare(b.accountId));
  const sprints = dedupe(
    shown.flatMap((slice) => slice.report.sprints),
    (sprint) => String(sprint.id),
  )
    .sort((a, b) => a.id - b.id)
    .map((sprint) => {
      const byProject = Object.fromEntries(
        Object.entries(only(sprint.byProject, visible)).map(([key, work]) => [
          key,
          {
            ...work,
            hangsUnder: Object.fromEntries(
              Object.entries(work.hangsUnder).filter(([, chain]) => chain.every((key) => visible.has(key))),
            ),
          },
        ]),
      );
      return withSprintWork(sprint, byProject);
    });
  const roadmapItems = shown
    .flatMap((slice) => slice.report.roadmapItems)
    .sort(compareItems)
    .map((item) => {
      const childrenByProject = only(item.childrenByProject, visible);
      return {
        ...item,
        childrenByProject,
        children: sum(Object.values(childrenByProject)),
        findings: item.findings.filter((id) => kept.has(id)),
      };
    });
  const coverages = shown.map((slice) => slice.coverage);
  const report: AuditReport = {
    ...first,
    generatedAt: shown.map((slice) => slice.report.generatedAt).sort()[0] ?? first.generatedAt,
    // Each slice carries the whole audit's coverage: right as it is for a viewer who may see every project it names.
    coverage:
      hidden.size === 0
        ? first.coverage
        : {
            projects: shown.length,
            issues: sum(coverages.map((coverage) => coverage.issues)),
            actions: sum(coverages.map((coverage) => coverage.actions)),
            actionsInWindow: sum(coverages.map((coverage) => coverage.actionsInWindow)),
            actionsBeforeWindow: sum(coverages.map((coverage) => coverage.actionsBeforeWindow)),
            actionsAfterNow: sum(coverages.map((coverage) => coverage.actionsAfterNow)),
            repeatedMoves: sum(coverages.map((coverage) => coverage.repeatedMoves)),
            people: people.length,
            boards: sum(coverages.map((coverage) => coverage.boards)),
            sprints: sum(coverages.map((coverage) => coverage.sprints)),
            unread: dedupe(
              coverages.flatMap((coverage) => coverage.unread),
              (problem) => JSON.stringify(problem),
            ).filter((problem) => !mentionsAny(`${problem.ref} ${problem.message}`, hidden)),
          },
    people,
    projects: shown
      .flatMap((slice) => slice.report.projects)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    sprints,
    roadmapItems,
    findings,
    suppressed,
    securedIssues: dedupe(
      shown.flatMap((slice) => slice.report.securedIssues ?? []),
      (issue) => issue.key,
    ).filter((issue) => visible.has(issue.projectKey)),
  };
  return { report, names: new Map(shown.flatMap((slice) => Object.entries(slice.names))) };
}

/**
 * The report as a viewer sees it who may not see `hidden`, issues behind issue security levels that do not list
 * them: those issues, their counts and every trace of them left out. A finding loses the hidden issues it is about
 * and its evidence on them, and goes when nothing it is about remains or its text still names one of them (by key
 * or by summary). Unknown keys (not among the report's secured issues) are ignored: only those carry their counts.
 */
export function withoutIssues(report: AuditReport, hidden: ReadonlySet<string>): AuditReport {
  const gone = report.securedIssues.filter((issue) => hidden.has(issue.key));
  if (gone.length === 0) return report;
  const goneKeys = new Set(gone.map((issue) => issue.key));
  const traces = gone.flatMap((issue) => [issue.key, ...(issue.summary.trim() === '' ? [] : [issue.summary])]);
  const keep = (finding: Finding) => withoutTraces(finding, goneKeys, traces);
  const findings = report.findings.flatMap((finding) => keep(finding));
  const kept = new Set(findings.map((finding) => finding.id));

  const people = report.people.flatMap((person) => {
    const byProject = Object.fromEntries(
      Object.entries(person.byProject).map(([projectKey, counts]) => {
        const left = { ...counts };
        for (const issue of gone) {
          const taken = issue.projectKey === projectKey ? issue.byPerson[person.accountId] : undefined;
          if (taken) (['strategic', 'tactical', 'neutral'] as const).forEach((role) => (left[role] -= taken[role]));
        }
        return [projectKey, left] as const;
      }),
    );
    const acting = Object.fromEntries(Object.entries(byProject).filter(([, counts]) => total(counts) > 0));
    if (Object.keys(acting).length === 0) return [];
    const counts = sumCounts(Object.values(acting));
    return [{ ...person, counts, share: shares(counts), projects: Object.keys(acting).sort(), byProject: acting }];
  });
  const sprints = report.sprints.map((sprint) => {
    // Work that hangs under a hidden roadmap item names it: the link goes, the work stays.
    const byProject = Object.fromEntries(
      Object.entries(sprint.byProject).map(([projectKey, entry]) => [
        projectKey,
        {
          ...entry,
          hangsUnder: Object.fromEntries(Object.entries(entry.hangsUnder).filter(([key]) => !goneKeys.has(key))),
        },
      ]),
    );
    for (const issue of gone) {
      const decisions = issue.poDecisionsBySprint[String(sprint.id)];
      const entry = byProject[issue.projectKey];
      if (decisions === undefined || !entry) continue;
      byProject[issue.projectKey] = {
        ...entry,
        items: entry.items - 1,
        poDecisions: entry.poDecisions - decisions,
        keys: entry.keys.filter((key) => key !== issue.key),
        deciders: withoutDecisions(entry.deciders, issue.decidersBySprint[String(sprint.id)] ?? {}),
      };
    }
    return withSprintWork(sprint, byProject);
  });
  const roadmapItems = report.roadmapItems
    .filter((item) => !goneKeys.has(item.key))
    .map((item) => {
      const childrenByProject = { ...item.childrenByProject };
      for (const issue of gone)
        if (issue.roadmapParentKey === item.key && childrenByProject[issue.projectKey] !== undefined)
          childrenByProject[issue.projectKey]! -= 1;
      return {
        ...item,
        childrenByProject,
        children: sum(Object.values(childrenByProject)),
        findings: item.findings.filter((id) => kept.has(id)),
      };
    });
  const projects = report.projects.map((project) => {
    const own = gone.filter((issue) => issue.projectKey === project.key);
    return {
      ...project,
      items: project.items - own.length,
      actions: project.actions - sum(own.map((issue) => issue.actionsInWindow)),
      // Its weeks count the hidden issues' decisions, which cannot be told apart from the rest: not shown at all.
      weeks: own.length > 0 ? [] : project.weeks,
    };
  });
  const coverage = report.coverage;
  return {
    ...report,
    coverage: {
      ...coverage,
      issues: coverage.issues - gone.length,
      actions: coverage.actions - sum(gone.map((issue) => issue.actions)),
      actionsInWindow: coverage.actionsInWindow - sum(gone.map((issue) => issue.actionsInWindow)),
      actionsBeforeWindow: coverage.actionsBeforeWindow - sum(gone.map((issue) => issue.actionsBeforeWindow)),
      actionsAfterNow: coverage.actionsAfterNow - sum(gone.map((issue) => issue.actionsAfterNow)),
      unread: coverage.unread.filter((problem) => !namesAny(`${problem.ref} ${problem.message}`, traces)),
    },
    people,
    projects,
    sprints,
    roadmapItems,
    findings,
    suppressed: report.suppressed.flatMap((entry) => keep(entry.finding).map((finding) => ({ ...entry, finding }))),
    securedIssues: report.securedIssues.filter((issue) => !goneKeys.has(issue.key)),
  };
}

/** The finding without the hidden issues, or nothing when nothing it is about is left or its text names one. */
function withoutTraces(finding: Finding, gone: ReadonlySet<string>, traces: readonly string[]): Finding[] {
  if (finding.subject.type === 'item' && gone.has(finding.subject.id)) return [];
  const issueKeys = finding.issueKeys.filter((key) => !gone.has(key));
  const evidence = finding.evidence.filter((entry) => entry.issueKey === undefined || !gone.has(entry.issueKey));
  if (finding.issueKeys.length > 0 && issueKeys.length === 0) return [];
  if (finding.evidence.length > 0 && evidence.length === 0) return [];
  const text = [
    finding.message,
    finding.suggestion,
    finding.subject.name ?? '',
    finding.subject.key ?? '',
    ...evidence.map((entry) => entry.what),
  ].join('\n');
  if (namesAny(text, traces)) return [];
  return [{ ...finding, issueKeys, evidence }];
}

/** An issue key as a whole word (`MOB-1` is not in `MOB-12`), or a summary anywhere in the text. */
function namesAny(text: string, traces: readonly string[]): boolean {
  return traces.some((trace) =>
    /^[A-Z][A-Z0-9_]*-\d+$/.test(trace)
      ? new RegExp(`(^|[^A-Za-z0-9_-])${escapeRegExp(trace)}($|[^0-9])`).test(text)
      : text.includes(trace),
  );
}

function total(counts: RoleCounts): number {
  return counts.strategic + counts.tactical + counts.neutral;
}

function sumCounts(all: readonly RoleCounts[]): RoleCounts {
  return {
    strategic: sum(all.map((counts) => counts.strategic)),
    tactical: sum(all.map((counts) => counts.tactical)),
    neutral: sum(all.map((counts) => counts.neutral)),
  };
}

/** Project keys the slices mention that the viewer may not browse. */
function hiddenKeys(slices: readonly ReportSlice[], visible: ReadonlySet<string>): Set<string> {
  return new Set([...projectsMentioned(slices)].filter((key) => !visible.has(key)));
}

/** Every project the slices draw on or name: a viewer who may browse them all may see the slices whole. */
export function projectsMentioned(slices: readonly Pick<ReportSlice, 'projectKey' | 'report'>[]): Set<string> {
  const mentioned = new Set<string>();
  for (const { projectKey, report } of slices) {
    mentioned.add(projectKey);
    for (const finding of report.findings) finding.projectKeys.forEach((key) => mentioned.add(key));
    for (const finding of report.findings) finding.issueKeys.forEach((key) => mentioned.add(projectKeyOf(key)));
    for (const person of report.people) Object.keys(person.byProject).forEach((key) => mentioned.add(key));
    for (const sprint of report.sprints) Object.keys(sprint.byProject).forEach((key) => mentioned.add(key));
    for (const item of report.roadmapItems) Object.keys(item.childrenByProject).forEach((key) => mentioned.add(key));
  }
  mentioned.delete('');
  return mentioned;
}

/** A finding may be shown when everything it draws on is in browsable projects and its text names no other project. */
function showsOnly(finding: Finding, visible: ReadonlySet<string>, hidden: ReadonlySet<string>): boolean {
  if (!finding.projectKeys.every((key) => visible.has(key))) return false;
  const issueKeys = [
    ...finding.issueKeys,
    ...finding.evidence.flatMap((evidence) => (evidence.issueKey ? [evidence.issueKey] : [])),
  ];
  if (!issueKeys.every((key) => visible.has(projectKeyOf(key)))) return false;
  const text = [
    finding.message,
    finding.suggestion,
    finding.subject.name ?? '',
    ...finding.evidence.map((evidence) => evidence.what),
  ].join('\n');
  return !mentionsAny(text, hidden);
}

function visiblePerson(person: PersonProfile, visible: ReadonlySet<string>): PersonProfile[] {
  const byProject = only(person.byProject, visible);
  const projects = Object.keys(byProject).sort();
  if (projects.length === 0) return [];
  const counts: RoleCounts = { strategic: 0, tactical: 0, neutral: 0 };
  for (const entry of Object.values(byProject)) {
    counts.strategic += entry.strategic;
    counts.tactical += entry.tactical;
    counts.neutral += entry.neutral;
  }
  return [{ ...person, ...visibleInference(person, visible), counts, share: shares(counts), projects, byProject }];
}

/** An inferred role rests on decisions in some projects: what the viewer may not browse neither shows nor counts. */
function visibleInference(
  person: PersonProfile,
  visible: ReadonlySet<string>,
): Pick<PersonProfile, 'roles' | 'roleSources' | 'roleScope' | 'inferredFrom'> {
  if (person.roleScope !== 'inferred') return person;
  const inferredFrom = (person.inferredFrom ?? []).filter((entry) => visible.has(entry.projectKey));
  if (inferredFrom.length === 0) return { roles: [], roleSources: [], roleScope: 'none' };
  const held = new Set(inferredFrom.map((entry) => entry.role));
  return {
    roles: (['pm', 'po'] as const).filter((role) => held.has(role)),
    roleSources: ['inferred'],
    roleScope: 'inferred',
    inferredFrom,
  };
}

/** A project key as a word or as an issue key's prefix (`MOB`, `MOB-12`), not inside another word. */
function mentionsAny(text: string, keys: ReadonlySet<string>): boolean {
  for (const key of keys)
    if (new RegExp(`(^|[^A-Za-z0-9_])${escapeRegExp(key)}($|[^A-Za-z0-9_])`).test(text)) return true;
  return false;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function only<T>(record: Record<string, T>, visible: ReadonlySet<string>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => visible.has(key)));
}

function dedupe<T>(values: readonly T[], idOf: (value: T) => string): T[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const id = idOf(value);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** A sprint with its work per project replaced, and its totals summed from it again. */
function withSprintWork(sprint: SprintSummary, byProject: SprintSummary['byProject']): SprintSummary {
  const counts = Object.values(byProject);
  return {
    ...sprint,
    byProject,
    items: sum(counts.map((entry) => entry.items)),
    poDecisions: sum(counts.map((entry) => entry.poDecisions)),
  };
}

/** A sprint's deciders less what a hidden issue added: a person left with no decision is not listed. */
function withoutDecisions(deciders: SprintDeciders, taken: SprintDeciders): SprintDeciders {
  return Object.fromEntries(
    Object.entries(deciders).flatMap(([accountId, counts]) => {
      const less = taken[accountId];
      if (!less) return [[accountId, counts]];
      const left = { strategic: counts.strategic - less.strategic, tactical: counts.tactical - less.tactical };
      return left.strategic + left.tactical > 0 ? [[accountId, left]] : [];
    }),
  );
}
