import { Label } from '@atlaskit/form';
import { Box, Inline } from '@atlaskit/primitives/compiled';
import Toggle from '@atlaskit/toggle';
import type { RoleLists } from '../../../../../src/config/types';
import { ListEditor } from '../../components/ListEditor';
import { ROLE_SOURCES, issuesAt, withRoleList, type RoleSource } from '../../settings-model';
import { Section } from '../Page';
import { fieldId } from './field-id';
import { Fieldset, Hint, type SectionProps } from './SectionParts';

export function RoleMappingSection({ view, draft, setDraft, issues, readOnly }: SectionProps) {
  const project = view.scope === 'project';
  const inherited = (source: RoleSource) => view.effective?.roleMapping[source] ?? view.site.roleMapping[source];
  return (
    <Section title="Role mapping" id="role-mapping">
      <Hint>
        Who counts as a product manager (PM) or product owner (PO). People nobody maps get a role inferred from their
        own actions, and the audit says so.
      </Hint>
      {ROLE_SOURCES.map((source) => {
        const own = draft.roleMapping[source.id];
        const lists: RoleLists = own ?? inherited(source.id);
        const suggestions =
          source.id === 'projectRoles' ? view.projectRoleNames : source.id === 'groups' ? view.groupNames : [];
        const editable = !readOnly && (!project || own !== undefined);
        const setLists = (next: RoleLists | undefined) =>
          setDraft({ ...draft, roleMapping: withRoleList(draft.roleMapping, source.id, next) });
        return (
          <Fieldset key={source.id} legend={source.label}>
            <Hint>{source.hint}</Hint>
            {project ? (
              <OverrideToggle
                id={fieldId(`roleMapping.${source.id}`)}
                label={`Use this project's own ${source.label.toLowerCase()}`}
                checked={own !== undefined}
                disabled={readOnly}
                onChange={(checked) => setLists(checked ? structuredClone(inherited(source.id)) : undefined)}
                note={own === undefined ? 'Following the site settings.' : undefined}
              />
            ) : null}
            <Inline space="space.400" shouldWrap alignBlock="start">
              {(['pm', 'po'] as const).map((role) => {
                const path = `roleMapping.${source.id}.${role}`;
                return (
                  <Box key={role} style={{ minWidth: '16rem' }}>
                    <ListEditor
                      id={fieldId(path)}
                      label={`${role === 'pm' ? 'Product managers' : 'Product owners'}: ${source.label.toLowerCase()}`}
                      values={lists[role]}
                      suggestions={suggestions}
                      readOnly={!editable}
                      issues={issuesAt(issues, path)}
                      placeholder={
                        source.id === 'accounts'
                          ? 'Account id, e.g. 557058:…'
                          : `Type or pick a ${source.id === 'groups' ? 'group' : 'role'} name`
                      }
                      onChange={(values) => setLists({ ...lists, [role]: values })}
                    />
                  </Box>
                );
              })}
            </Inline>
          </Fieldset>
        );
      })}
    </Section>
  );
}

function OverrideToggle({
  id,
  label,
  checked,
  disabled,
  onChange,
  note,
}: {
  id: string;
  label: string;
  checked: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
  note?: string;
}) {
  return (
    <Inline space="space.100" alignBlock="center" shouldWrap>
      <Toggle id={id} isChecked={checked} isDisabled={disabled} onChange={(event) => onChange(event.target.checked)} />
      <Label htmlFor={id}>{label}</Label>
      {note ? <Hint>{note}</Hint> : null}
    </Inline>
  );
}
