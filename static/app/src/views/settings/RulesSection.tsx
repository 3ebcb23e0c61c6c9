import { Stack, Text } from '@atlaskit/primitives/compiled';
import type { RuleInfo } from '../../../../../src/resolvers/api';
import { FieldErrors } from '../../components/FieldErrors';
import { SelectField } from '../../components/SelectField';
import { categoryOf } from '../../findings';
import { criterionLabel } from '../../format';
import { SEVERITY_CHOICES, issuesAt, severityChoice, withSeverity } from '../../settings-model';
import { Section } from '../Page';
import { fieldId } from './field-id';
import { Hint, type SectionProps } from './SectionParts';

const SEVERITY_LABELS: Record<string, string> = { off: 'Off', info: 'Info', warning: 'Warning', error: 'Error' };

export function RulesSection({ view, draft, setDraft, issues, readOnly }: SectionProps) {
  const project = view.scope === 'project';
  const siteSeverity = (rule: RuleInfo) => view.site.rules[rule.id]?.severity ?? rule.defaultSeverity;
  return (
    <Section title="Rules" id="rules">
      <Hint>
        {project
          ? 'How severe each rule’s flags are in this project. “As the site says” follows the site settings.'
          : 'How severe each rule’s flags are; “Default” keeps the rule’s own severity, “Off” stops the rule.'}
      </Hint>
      <table className="rba-table">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Kind</th>
            <th scope="col">{project ? 'Site' : 'Default'}</th>
            <th scope="col">Severity</th>
          </tr>
        </thead>
        <tbody>
          {view.rules.map((rule) => {
            const path = `rules.${rule.id}`;
            const own = issuesAt(issues, path);
            const errorsId = `${fieldId(path)}-errors`;
            const descriptionId = `${fieldId(path)}-description`;
            return (
              <tr key={rule.id}>
                <th scope="row" style={{ fontWeight: 'normal' }}>
                  <Stack space="space.025">
                    <Text weight="bold">{rule.title}</Text>
                    <div id={descriptionId}>
                      <Text size="small">{rule.description}</Text>
                    </div>
                    <Text size="small" color="color.text.subtle">
                      {[rule.id, ...rule.criteria.map(criterionLabel)].join(' · ')}
                    </Text>
                  </Stack>
                </th>
                <td>{categoryOf(rule.id)}</td>
                <td>{SEVERITY_LABELS[project ? siteSeverity(rule) : rule.defaultSeverity]}</td>
                <td>
                  <SelectField
                    id={fieldId(path)}
                    label={`Severity of ${rule.title}`}
                    labelHidden
                    describedBy={[descriptionId, own.length > 0 ? errorsId : undefined].filter(Boolean).join(' ')}
                    invalid={own.length > 0}
                    value={severityChoice(draft.rules, rule.id)}
                    disabled={readOnly}
                    onChange={(choice) =>
                      setDraft({
                        ...draft,
                        rules: withSeverity(draft.rules, rule.id, choice as (typeof SEVERITY_CHOICES)[number]),
                      })
                    }
                    options={SEVERITY_CHOICES.map((choice) => ({
                      value: choice,
                      label:
                        choice === 'default'
                          ? project
                            ? `As the site says (${SEVERITY_LABELS[siteSeverity(rule)]})`
                            : `Default (${SEVERITY_LABELS[rule.defaultSeverity]})`
                          : SEVERITY_LABELS[choice]!,
                    }))}
                  />
                  <FieldErrors id={errorsId} issues={own} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}
