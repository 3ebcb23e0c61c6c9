import { Label } from '@atlaskit/form';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import Textfield from '@atlaskit/textfield';
import { FieldErrors } from '../../components/FieldErrors';
import { THRESHOLD_FIELDS, issuesAt, thresholdValue, type ThresholdPath } from '../../settings-model';
import { Section } from '../Page';
import { fieldId } from './field-id';
import { Fieldset, Hint, type SectionProps } from './SectionParts';

const THRESHOLD_GROUPS: ReadonlyArray<{ legend: string; path: string; fields: ThresholdPath[] }> = [
  {
    legend: 'Strategic horizon (C5)',
    path: 'thresholds.strategicHorizonMonths',
    fields: ['thresholds.strategicHorizonMonths.min', 'thresholds.strategicHorizonMonths.max'],
  },
  {
    legend: 'Tactical horizon (C5)',
    path: 'thresholds.tacticalHorizonWeeks',
    fields: ['thresholds.tacticalHorizonWeeks.min', 'thresholds.tacticalHorizonWeeks.max'],
  },
  {
    legend: 'Roadmap items and sprints',
    path: 'thresholds.spans',
    fields: ['thresholds.roadmapMinSpanWeeks', 'thresholds.roadmapMaxSpanMonths', 'thresholds.sprintMaxWeeks'],
  },
];

export function ThresholdsSection({ view, draft, setDraft, issues, readOnly }: SectionProps) {
  const project = view.scope === 'project';
  return (
    <Section title="Thresholds" id="thresholds">
      <Hint>
        {project ? 'Leave a field empty to follow the site settings.' : 'The limits the time-horizon rules apply.'}
      </Hint>
      {THRESHOLD_GROUPS.map((group) => {
        const groupIssues = issues.filter((issue) => issue.path === group.path);
        const groupErrorsId = `${fieldId(group.path)}-errors`;
        return (
          <Fieldset key={group.path} legend={group.legend}>
            <Inline space="space.300" shouldWrap alignBlock="start">
              {group.fields.map((path) => {
                const field = THRESHOLD_FIELDS.find((candidate) => candidate.path === path)!;
                const own = issuesAt(issues, path);
                const errorsId = `${fieldId(path)}-errors`;
                const describedBy = [
                  own.length > 0 ? errorsId : undefined,
                  groupIssues.length > 0 ? groupErrorsId : undefined,
                  `${fieldId(path)}-hint`,
                ]
                  .filter(Boolean)
                  .join(' ');
                const inForce = thresholdValue(project ? view.effective?.thresholds : view.site.thresholds, path);
                return (
                  <Stack key={path} space="space.050">
                    <Label htmlFor={fieldId(path)}>{`${field.label} (${field.unit})`}</Label>
                    <Box style={{ width: '11rem' }}>
                      <Textfield
                        id={fieldId(path)}
                        type="number"
                        min={0}
                        step={1}
                        inputMode="numeric"
                        value={draft.thresholds[path]}
                        placeholder={project ? `site: ${thresholdValue(view.site.thresholds, path) ?? '—'}` : undefined}
                        isDisabled={readOnly}
                        isInvalid={own.length > 0 || groupIssues.length > 0}
                        aria-describedby={describedBy}
                        elemAfterInput={
                          <Box paddingInlineEnd="space.100" style={{ whiteSpace: 'nowrap' }} aria-hidden="true">
                            <Text color="color.text.subtle">{field.unit}</Text>
                          </Box>
                        }
                        onChange={(event) =>
                          setDraft({
                            ...draft,
                            thresholds: { ...draft.thresholds, [path]: (event.target as HTMLInputElement).value },
                          })
                        }
                      />
                    </Box>
                    <div id={`${fieldId(path)}-hint`} style={{ maxWidth: '16rem' }}>
                      <Hint>{project ? `${field.hint} In force: ${inForce ?? '—'} ${field.unit}.` : field.hint}</Hint>
                    </div>
                    <FieldErrors id={errorsId} issues={own} />
                  </Stack>
                );
              })}
            </Inline>
            <FieldErrors id={groupErrorsId} issues={groupIssues} />
          </Fieldset>
        );
      })}
    </Section>
  );
}
