import Table from 'cli-table3';
import { stringify } from 'csv-stringify/sync';
import type { AuditReport } from '../audit';
import { describeWindow } from '../audit/window';
import type { Finding, FindingEvidence } from '../domain/finding';
import { isoDay } from '../horizon';

export type ReportFormat = 'table' | 'json' | 'csv' | 'markdown';
export const REPORT_FORMATS: readonly ReportFormat[] = ['table', 'json', 'csv', 'markdown'];

export function formatReport(report: AuditReport, format: ReportFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'csv':
      return findingsCsv(report.findings);
    case 'markdown':
      return markdown(report);
    case 'table':
      return table(report);
  }
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

/** One row per finding, every field a spreadsheet user filters on, evidence flattened into one cell. */
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
    { header: true },
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
  const lines = [`Role boundary audit of ${report.site.baseUrl} as of ${report.now}`, coverageLine(report), ''];
  lines.push(
    report.findings.length === 0
      ? 'No findings.'
      : `${report.findings.length} findings${report.suppressed.length > 0 ? ` (${report.suppressed.length} accepted and hidden)` : ''}:`,
  );
  if (report.findings.length > 0) lines.push(findings.toString());
  lines.push('', 'People:', people.toString());
  for (const problem of report.coverage.unread)
    lines.push(`not read: ${problem.scope} ${problem.ref}: ${problem.message}`);
  return `${lines.join('\n')}\n`;
}

function share(fraction: number, count: number): string {
  return `${Math.round(fraction * 100)}% (${count})`;
}

function markdown(report: AuditReport): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const lines = [
    `# Role boundary audit`,
    '',
    `Site ${report.site.baseUrl}, as of ${report.now}.`,
    '',
    coverageLine(report),
    '',
  ];
  lines.push('## Findings', '');
  if (report.findings.length === 0) lines.push('No findings.');
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
