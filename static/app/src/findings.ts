import { compareFindings, type Finding, type Severity } from '../../../src/domain/finding';
import type { RuleCategory } from '../../../src/rules/types';

/** The four flags of shared/criteria.md, in the order the panels list them. */
export const CATEGORIES: ReadonlyArray<{ id: RuleCategory; label: string; about: string }> = [
  { id: 'overlap', label: 'Role overlap', about: 'People deciding on the other role’s side of the boundary.' },
  { id: 'owner', label: 'Missing owners', about: 'Roadmap items, sprints or projects nobody in the right role owns.' },
  {
    id: 'horizon',
    label: 'Time-horizon mismatches',
    about: 'Plans too short for the roadmap or too long for a sprint.',
  },
  {
    id: 'trace',
    label: 'Broken translation',
    about: 'Roadmap items that never reach the backlog, and sprint work with no roadmap item above it.',
  },
];

/** The rule id's first segment: `overlap/dual-role` → `overlap`. */
export function categoryOf(ruleId: string): string {
  return ruleId.split('/')[0] ?? ruleId;
}

export interface FindingGroup {
  id: string;
  label: string;
  about: string;
  findings: Finding[];
}

/** Findings grouped by kind, most severe first in each group; kinds with no findings are left out. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const known = new Set<string>(CATEGORIES.map((category) => category.id));
  const groups: FindingGroup[] = CATEGORIES.map((category) => ({
    ...category,
    findings: findings.filter((finding) => categoryOf(finding.rule) === category.id),
  }));
  const other = findings.filter((finding) => !known.has(categoryOf(finding.rule)));
  if (other.length > 0)
    groups.push({
      id: 'other',
      label: 'Other findings',
      about: 'Findings of rules outside the four kinds.',
      findings: other,
    });
  return groups
    .filter((group) => group.findings.length > 0)
    .map((group) => ({ ...group, findings: [...group.findings].sort(compareFindings) }));
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** `the sprint Sprint 12`, `MOB-42 Checkout redesign`, `Ana Ruiz`: what a finding is about, in words. */
export function subjectLabel(finding: Finding): string {
  const { subject } = finding;
  switch (subject.type) {
    case 'item':
      return [subject.key ?? subject.id, subject.name].filter(Boolean).join(' ');
    case 'sprint':
      return subject.name ?? `Sprint ${subject.id}`;
    case 'project':
      return `Project ${subject.key ?? subject.id}${subject.name ? ` (${subject.name})` : ''}`;
    case 'person':
      return subject.name ?? 'Unknown person';
    case 'site':
      return subject.name ?? 'The whole site';
    default:
      return subject.name ?? subject.id;
  }
}
