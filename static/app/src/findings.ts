import type { Finding } from '../../../src/domain/finding';
import type { RuleCategory } from '../../../src/rules/types';

/** The four flags of shared/criteria.md. */
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

/** The flag kind a rule belongs to, in words: `overlap/dual-role` → `Role overlap`. */
export function kindLabel(ruleId: string): string {
  const category = categoryOf(ruleId);
  return CATEGORIES.find((entry) => entry.id === category)?.label ?? 'Other';
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
