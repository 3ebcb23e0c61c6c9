import { Label } from '@atlaskit/form';
import { Inline, Stack } from '@atlaskit/primitives/compiled';
import Textfield from '@atlaskit/textfield';
import { useId, useState } from 'react';
import { FieldErrors } from '../../components/FieldErrors';
import { SelectField } from '../../components/SelectField';
import { OWNER_FIELDS, issuesAt } from '../../settings-model';
import { Section } from '../Page';
import { fieldId } from './field-id';
import { Hint, type SectionProps } from './SectionParts';

const CUSTOM = 'custom';
const INHERIT = 'inherit';

export function OwnerFieldSection({ view, draft, setDraft, issues, readOnly }: SectionProps) {
  const project = view.scope === 'project';
  const standard = OWNER_FIELDS.some((field) => field.value === draft.ownerField);
  const [custom, setCustom] = useState(draft.ownerField !== undefined && !standard);
  const choice = draft.ownerField === undefined && !custom ? INHERIT : custom ? CUSTOM : (draft.ownerField as string);
  const errorsId = useId();
  const ownIssues = issuesAt(issues, 'ownerField');
  const siteValue = view.site.ownerField;
  const options = [
    ...(project
      ? [
          {
            value: INHERIT,
            label: `As the site says (${OWNER_FIELDS.find((field) => field.value === siteValue)?.label ?? siteValue})`,
          },
        ]
      : []),
    ...OWNER_FIELDS,
    { value: CUSTOM, label: 'A user-picker custom field…' },
  ];
  const setOwner = (value: string | undefined) => {
    const next = { ...draft };
    if (value === undefined) delete next.ownerField;
    else next.ownerField = value;
    setDraft(next);
  };
  return (
    <Section title="Owner of roadmap items" id="owner-field">
      <Hint>The field that names who owns a roadmap item (R2: roadmap items belong to PMs).</Hint>
      <Inline space="space.200" shouldWrap alignBlock="start">
        <SelectField
          id={fieldId('ownerField')}
          label="Owner field"
          value={choice}
          options={options}
          disabled={readOnly}
          invalid={ownIssues.length > 0}
          describedBy={ownIssues.length > 0 ? errorsId : undefined}
          onChange={(value) => {
            setCustom(value === CUSTOM);
            if (value === INHERIT) setOwner(undefined);
            else if (value === CUSTOM) setOwner(standard || draft.ownerField === undefined ? '' : draft.ownerField);
            else setOwner(value);
          }}
        />
        {custom ? (
          <Stack space="space.050">
            <Label htmlFor={fieldId('ownerField-custom')}>Custom field id</Label>
            <Textfield
              id={fieldId('ownerField-custom')}
              value={draft.ownerField ?? ''}
              placeholder="customfield_10042"
              isDisabled={readOnly}
              isInvalid={ownIssues.length > 0}
              aria-describedby={ownIssues.length > 0 ? errorsId : undefined}
              onChange={(event) => setOwner((event.target as HTMLInputElement).value.trim())}
            />
          </Stack>
        ) : null}
      </Inline>
      <FieldErrors id={errorsId} issues={ownIssues} />
    </Section>
  );
}
