import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import type { AuditReport } from '../audit';
import { describeWindow } from '../audit/window';
import type { Finding, FindingEvidence } from '../domain/finding';
import { spreadsheetCell, terminalText } from '../domain/text-safety';
import { isoDay } from '../horizon';

export type ReportFormat = 'table' | 'json' | 'csv' | 'markdown';
export const REPORT_FORMATS: readonly ReportFormat[] = ['table', 'json', 'csv', 'markdown'];

/**
 * Every format says first when the read was incomplete or audited nothing, so that neither passes for a clean
 * result. Table and markdown go to terminals: every string of the report is stripped of control characters first.
 */
export function formatReport(report: AuditReport, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify({ complete: incompleteness(report) === undefined, ...report }, null, 2)}\n`;
    case 'csv': {
      const warning = incompleteness(report);
      return `${warning ? `# ${terminalText(warning)}\n` : ''}${findingsCsv(report.findings)}`;
    }
    case 'markdown':
      return markdown(mapStrings(report, terminalText));
    case 'table':
      return table(mapStrings(report, terminalText));
  }
}

/** Why the report cannot be taken as a clean result: parts of the site not read, or nothing audited at all. */
export function incompleteness(report: AuditReport): string | undefined {
  const unread = report.coverage.unread.filter((problem) => problem.unread !== undefined);
  if (unread.length > 0) {
    const parts = [...new Set(unread.map((problem) => problem.unread))].join(', ');
    return `INCOMPLETE READ: ${unread.length} part${unread.length === 1 ? '' : 's'} of the site could not be read (${parts}); what needs them was not checked, and the findings below are not the whole picture.`;
  }
  if (report.coverage.issues === 0) return 'NOTHING AUDITED: no issue was read, so no finding means nothing.';
  return undefined;
}

function mapStrings<T>(value: T, map: (text: string) => string): T {
  if (typeof value === 'string') return map(value) as T;
  if (Array.isArray(value)) return value.map((entry: unknown) => mapStrings(entry, map)) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, mapStrings(entry, map)])) as T;
  return value;
}

/** Evidence is about an issue, or about a sprint's own dates and goal, which belong to no issue. */
function evidenceSubject(entry: FindingEvidence): string {
  return entry.issueKey ?? (entry.sprintId !== undefined ? `sprint ${entry.sprintId}` : 'site');
}

function subjectLabel(finding: Finding): string {
  const { subject } = finding;
  if (subject.type === 'person') return subject.name ?? subject.id;
  return subject.name ? `${subject.key ?? subject.id} ${subject.name}` : (subject.key ?? subject.id);
}

/**
 * One row per finding, every field a spreadsheet user filters on, evidence flattened into one cell. Cells are
 * stripped of control characters and neutralised as the UI's exports are: a name like `=HYPERLINK(…)` is shown.
 */
function findingsCsv(findings: readonly Finding[]): string {
  return stringify(
    findings.map((finding) => ({
      id: finding.id,
      rule: finding.rule,
      severity: finding.severity,
      provisional: finding.provisional === true,
      subjectType: finding.subject.type,
      subject: subjectLabel(finding),
      projects: finding.projectKeys.join(' '),
      issues: finding.issueKeys.join(' '),
      criteria: finding.criteria.join(' '),
      message: finding.message,
      suggestion: finding.suggestion,
      evidence: finding.evidence
        .map((entry) => `${isoDay(entry.at)} ${evidenceSubject(entry)}: ${entry.what}`)
        .join('\n'),
    })),
    { header: true, cast: { string: (text) => spreadsheetCell(terminalText(text)) } },
  );
}

function coverageLine(report: AuditReport): string {
  const { coverage } = report;
  const left = [
    coverage.actionsBeforeWindow > 0 ? `${coverage.actionsBeforeWindow} older` : '',
    coverage.actionsAfterNow > 0 ? `${coverage.actionsAfterNow} after ${isoDay(report.now)}, the audit's now` : '',
    coverage.repeatedMoves > 0 ? `${coverage.repeatedMoves} repeating a move counted once` : '',
  ].filter(Boolean);
  return [
    `Audit window: ${describeWindow(report.window)}.`,
    `${coverage.projects} projects, ${coverage.issues} issues, ${coverage.actionsInWindow} of ${coverage.actions} actions judged` +
      `${left.length > 0 ? ` (not judged: ${left.join(', ')})` : ''}, ${coverage.people} people, ${coverage.sprints} sprints`,
  ].join('\n');
}

function table(report: AuditReport): string {
  const findings = new Table({
    head: ['severity', 'rule', 'subject', 'message'],
    colWidths: [10, 36, 26, 70],
    wordWrap: true,
    style: { head: [], border: [] },
  });
  for (const finding of report.findings)
    findings.push([
      finding.provisional ? `${finding.severity} (provisional)` : finding.severity,
      finding.rule,
      subjectLabel(finding),
      finding.message,
    ]);
  const people = new Table({
    head: ['person', 'role', 'strategic', 'tactical', 'neutral'],
    style: { head: [], border: [] },
  });
  for (const person of report.people) {
    const role =
      person.roles.length > 0
        ? `${person.roles.join('+').toUpperCase()}${person.roleScope === 'inferred' ? ' (inferred)' : ''}`
        : '—';
    people.push([
      person.displayName,
      role,
      share(person.share.strategic, person.counts.strategic),
      share(person.share.tactical, person.counts.tactical),
      share(person.share.neutral, person.counts.neutral),
    ]);
  }
  const warning = incompleteness(report);
  const lines = [
    ...(warning ? [warning] : []),
    `Role boundary audit of ${report.site.baseUrl} as of ${report.now}`,
    coverageLine(report),
    '',
  ];
  lines.push(
    report.findings.length === 0
      ? noFindings(report)
      : `${report.findings.length} findings${report.suppressed.length > 0 ? ` (${report.suppressed.length} accepted and hidden)` : ''}:`,
  );
  if (report.findings.length > 0) lines.push(findings.toString());
  lines.push('', 'People:', people.toString());
  for (const problem of report.coverage.unread)
    lines.push(`not read: ${problem.scope} ${problem.ref}: ${problem.message}`);
  return `${lines.join('\n')}\n`;
}

function noFindings(report: AuditReport): string {
  if (report.coverage.issues === 0) return 'No findings, because nothing was audited.';
  return incompleteness(report) ? 'No findings in what could be read.' : 'No findings.';
}

function share(fraction: number, count: number): string {
  return `${Math.round(fraction * 100)}% (${count})`;
}

function markdown(report: AuditReport): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const warning = incompleteness(report);
  const lines = [
    `# Role boundary audit`,
    '',
    ...(warning ? [`> **${escape(warning)}**`, ''] : []),
    `Site ${report.site.baseUrl}, as of ${report.now}.`,
    '',
    coverageLine(report),
    '',
  ];
  lines.push('## Findings', '');
  if (report.findings.length === 0) lines.push(noFindings(report));
  for (const finding of report.findings) {
    lines.push(
      `### ${finding.severity}: ${escape(finding.message)}`,
      '',
      `- rule \`${finding.rule}\` · criteria ${finding.criteria.join(', ')} · ${finding.subject.type} ${escape(subjectLabel(finding))}${finding.provisional ? ' · provisional: rests on an inferred role' : ''}`,
    );
    for (const entry of finding.evidence)
      lines.push(`- ${isoDay(entry.at)} ${evidenceSubject(entry)}: ${escape(entry.what)}`);
    lines.push(`- **Suggestion:** ${escape(finding.suggestion)}`, '');
  }
  lines.push('## People', '', '| person | role | strategic | tactical | neutral |', '|---|---|---|---|---|');
  for (const person of report.people) {
    const role =
      person.roles.length > 0
        ? `${person.roles.join('+').toUpperCase()}${person.roleScope === 'inferred' ? ' (inferred)' : ''}`
        : '—';
    lines.push(
      `| ${escape(person.displayName)} | ${role} | ${share(person.share.strategic, person.counts.strategic)} | ${share(person.share.tactical, person.counts.tactical)} | ${share(person.share.neutral, person.counts.neutral)} |`,
    );
  }
  if (report.coverage.unread.length > 0) {
    lines.push('', '## Not read', '');
    for (const problem of report.coverage.unread)
      lines.push(`- ${problem.scope} ${escape(problem.ref)}: ${escape(problem.message)}`);
  }
  return `${lines.join('\n')}\n`;
}
