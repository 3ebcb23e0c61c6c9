import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import { Box, Inline } from '@atlaskit/primitives/compiled';
import Toggle from '@atlaskit/toggle';
import { FieldErrors } from '../../components/FieldErrors';
import { ListEditor } from '../../components/ListEditor';
import { issuesAt } from '../../settings-model';
import { Section } from '../Page';
import { fieldId } from './field-id';
import { Hint, type SectionProps } from './SectionParts';

export function CombinedRoleSection({ view, draft, setDraft, issues, readOnly }: SectionProps) {
  if (view.scope === 'project') {
    const inForce = view.effective?.combinedRole ?? false;
    const siteSays = view.projectKey !== undefined && view.site.combinedRoleProjects.includes(view.projectKey);
    const id = fieldId('combinedRole');
    const errorsId = `${id}-errors`;
    return (
      <Section title="Combined-role team" id="combined-role">
        <Hint>
          In a combined-role team one person may do both the PM and the PO job (R1): doing both is then reported as
          information, not as a conflict.
        </Hint>
        <Inline space="space.100" alignBlock="center">
          <Toggle
            id={id}
            isChecked={draft.combinedRole ?? inForce}
            isDisabled={readOnly}
            descriptionId={issuesAt(issues, 'combinedRole').length > 0 ? errorsId : undefined}
            onChange={(event) => setDraft({ ...draft, combinedRole: event.target.checked })}
          />
          <Label htmlFor={id}>{`${view.projectKey}'s team is combined-role`}</Label>
        </Inline>
        <Inline space="space.100" alignBlock="center">
          <Hint>
            {draft.combinedRole === undefined
              ? `Following the site settings (${siteSays ? 'combined-role' : 'separate roles'}).`
              : `Set for this project; the site says ${siteSays ? 'combined-role' : 'separate roles'}.`}
          </Hint>
          {draft.combinedRole !== undefined && !readOnly ? (
            <Button
              spacing="compact"
              appearance="subtle"
              onClick={() => {
                const { combinedRole: _removed, ...rest } = draft;
                setDraft(rest);
              }}
            >
              Follow the site settings
            </Button>
          ) : null}
        </Inline>
        <FieldErrors id={errorsId} issues={issuesAt(issues, 'combinedRole')} />
      </Section>
    );
  }
  return (
    <Section title="Combined-role teams" id="combined-role">
      <Hint>
        Projects whose team declares one person may do both the PM and the PO job (R1). There, doing both is reported as
        information, not as a conflict.
      </Hint>
      <Box style={{ maxWidth: '32rem' }}>
        <ListEditor
          id={fieldId('combinedRoleProjects')}
          label="Project keys"
          values={draft.combinedRoleProjects}
          suggestions={Object.keys(view.site.projects)}
          readOnly={readOnly}
          issues={issuesAt(issues, 'combinedRoleProjects')}
          placeholder="Project key, e.g. MOB"
          normalise={(text) => text.trim().toUpperCase()}
          onChange={(values) => setDraft({ ...draft, combinedRoleProjects: values })}
        />
      </Box>
    </Section>
  );
}
