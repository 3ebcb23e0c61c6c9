import SectionMessage from '@atlaskit/section-message';
import { Text } from '@atlaskit/primitives/compiled';
import { plural } from '../../../../../src/domain/text';
import type { FieldIssue, RuleInfo } from '../../../../../src/resolvers/api';
import { ROLE_SOURCES, THRESHOLD_FIELDS } from '../../settings-model';
import { fieldId } from './field-id';

/** The top-of-form list of what is wrong; each entry moves focus to its field. */
export function IssueSummary({ issues, rules }: { issues: readonly FieldIssue[]; rules: readonly RuleInfo[] }) {
  return (
    <SectionMessage
      appearance="error"
      title={`${plural(issues.length, 'setting needs', 'settings need')} fixing; nothing was saved`}
    >
      <ul style={{ margin: 0 }}>
        {issues.map((issue) => {
          const target = targetOf(issue.path, rules);
          if (!target) {
            return (
              <li key={`${issue.path} ${issue.message}`}>
                <Text>{`${issue.path}: ${issue.message}`}</Text>
              </li>
            );
          }
          return (
            <li key={`${issue.path} ${issue.message}`}>
              <a
                href={`#${target.id}`}
                onClick={(event) => {
                  const element = document.getElementById(target.id);
                  if (!element) return;
                  event.preventDefault();
                  element.focus();
                  element.scrollIntoView({ block: 'center' });
                }}
              >
                {`${target.label}: ${issue.message}`}
              </a>
            </li>
          );
        })}
      </ul>
    </SectionMessage>
  );
}

/** Where a dotted path is shown in the form: its field's id and a name for people. */
function targetOf(path: string, rules: readonly RuleInfo[]): { id: string; label: string } | undefined {
  for (const source of ROLE_SOURCES) {
    for (const role of ['pm', 'po'] as const) {
      const prefix = `roleMapping.${source.id}.${role}`;
      if (path === prefix || path.startsWith(`${prefix}.`))
        return {
          id: fieldId(prefix),
          label: `${source.label} for ${role === 'pm' ? 'product managers' : 'product owners'}`,
        };
    }
  }
  if (path.startsWith('combinedRoleProjects'))
    return { id: fieldId('combinedRoleProjects'), label: 'Combined-role teams' };
  if (path.startsWith('combinedRole')) return { id: fieldId('combinedRole'), label: 'Combined-role team' };
  if (path.startsWith('ownerField')) return { id: fieldId('ownerField'), label: 'Owner of roadmap items' };
  const threshold =
    THRESHOLD_FIELDS.find((field) => path === field.path || path.startsWith(`${field.path}.`)) ??
    THRESHOLD_FIELDS.find((field) => field.path.startsWith(`${path}.`));
  if (threshold) return { id: fieldId(threshold.path), label: threshold.label };
  const rule = rules.find((candidate) => path === `rules.${candidate.id}` || path.startsWith(`rules.${candidate.id}.`));
  if (rule) return { id: fieldId(`rules.${rule.id}`), label: `Rule “${rule.title}”` };
  const suppression = /^suppressions\.(\d+)/.exec(path);
  if (suppression)
    return { id: fieldId(`suppressions.${suppression[1]}`), label: `Accepted finding ${Number(suppression[1]) + 1}` };
  return undefined;
}
