import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import CrossIcon from '@atlaskit/icon/core/cross';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import { CreatableSelect } from '@atlaskit/select';
import { useId, useState } from 'react';
import type { FieldIssue } from '../../../../src/resolvers/api';
import type { Option } from '../roadmap';
import { addUnique } from '../settings-model';
import { FieldErrors } from './FieldErrors';

/**
 * A list of names (project roles, groups, account ids, project keys): chips with a remove button each, and the design
 * system's creatable Select, which suggests known names but takes any text. Enter or "Add" adds what is typed.
 */
export function ListEditor({
  id,
  label,
  values,
  suggestions = [],
  onChange,
  readOnly,
  issues = [],
  placeholder,
  normalise = (text) => text,
}: {
  id: string;
  label: string;
  values: readonly string[];
  suggestions?: readonly string[];
  onChange: (values: string[]) => void;
  readOnly?: boolean;
  issues?: readonly FieldIssue[];
  placeholder?: string;
  normalise?: (text: string) => string;
}) {
  const [text, setText] = useState('');
  const errorsId = useId();
  const addText = (typed: string) => {
    const next = addUnique(values, normalise(typed));
    if (next.length !== values.length) onChange(next);
    setText('');
  };
  const add = () => addText(text);
  const open = suggestions.filter((name) => !values.some((value) => value.toLowerCase() === name.toLowerCase()));
  return (
    <Stack space="space.075">
      <Label htmlFor={id}>{label}</Label>
      {values.length === 0 ? (
        <Text color="color.text.subtle" size="small">
          None
        </Text>
      ) : (
        <ul
          aria-label={label}
          style={{
            display: 'flex',
            flexWrap: 'wrap',
            gap: token('space.075'),
            listStyle: 'none',
            margin: 0,
            padding: 0,
          }}
        >
          {values.map((value, index) => (
            <li
              key={value}
              className="rba-chip"
              style={readOnly ? { paddingInlineEnd: token('space.100') } : undefined}
            >
              <span>{value}</span>
              {readOnly ? null : (
                <button
                  type="button"
                  className="rba-disclosure"
                  style={{ width: 'auto', padding: token('space.050') }}
                  aria-label={`Remove ${value} from ${label}`}
                  aria-invalid={issues.some((issue) => issue.path.endsWith(`.${index}`)) || undefined}
                  onClick={() => onChange(values.filter((entry) => entry !== value))}
                >
                  <CrossIcon label="" size="small" color="currentColor" />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {readOnly ? null : (
        <Inline space="space.075" alignBlock="center">
          <div className="rba-select">
            <CreatableSelect<Option>
              inputId={id}
              options={open.map((name) => ({ value: name, label: name }))}
              value={null}
              inputValue={text}
              // Only typing changes the text: a blur (clicking Add) keeps it for the button to add.
              onInputChange={(value, meta) => {
                if (meta.action === 'input-change') setText(value);
              }}
              onChange={(option) => {
                if (option) addText(option.value);
              }}
              onCreateOption={addText}
              formatCreateLabel={(value) => `Add “${value}”`}
              noOptionsMessage={() => 'Type a name, then press Enter'}
              placeholder={placeholder}
              isInvalid={issues.length > 0}
              {...(issues.length > 0 ? { descriptionId: errorsId, 'aria-invalid': true } : {})}
              spacing="compact"
              menuPosition="fixed"
            />
          </div>
          <Button onClick={add} isDisabled={text.trim() === ''} aria-label={`Add to ${label}`}>
            Add
          </Button>
        </Inline>
      )}
      <FieldErrors id={errorsId} issues={issues} />
    </Stack>
  );
}
