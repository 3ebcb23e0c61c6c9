/**
 * What a viewer may see of reports the app made with its own permissions. Stored project slices come from an audit
 * of every project the app can read; a viewer who may browse only some of them sees nothing of the others: no
 * finding that draws on or names them, no counts of their items, decisions or children, no people known only there.
 */
import type { Finding } from '../domain/finding';
import { projectKeyOf } from '../domain/issue-key';
import { compareItems } from '../domain/join';
import type { AuditReport } from './index';
import { shares, type Coverage, type PersonProfile, type RoleCounts } from './report';
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
      const byProject = only(sprint.byProject, visible);
      const counts = Object.values(byProject);
      return {
        ...sprint,
        byProject,
        items: sum(counts.map((entry) => entry.items)),
        poDecisions: sum(counts.map((entry) => entry.poDecisions)),
      };
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
  };
  return { report, names: new Map(shown.flatMap((slice) => Object.entries(slice.names))) };
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
