import { Label } from '@atlaskit/form';
import { Stack } from '@atlaskit/primitives/compiled';
import Select from '@atlaskit/select';
import { useId } from 'react';
import type { Option } from '../roadmap';

/**
 * A labelled single choice with the design system's Select, as Jira's own fields are: a combobox named by its label,
 * opened with the keyboard (arrows, Enter, typing to narrow) or the mouse. `labelHidden` keeps the label for screen
 * readers only, for a table whose row already says what the choice is about.
 */
export function SelectField({
  label,
  value,
  options,
  onChange,
  disabled,
  describedBy,
  invalid,
  id: givenId,
  labelHidden,
}: {
  label: string;
  value: string;
  options: readonly Option[];
  onChange: (value: string) => void;
  disabled?: boolean;
  describedBy?: string;
  invalid?: boolean;
  id?: string;
  labelHidden?: boolean;
}) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <Stack space="space.050">
      <span className={labelHidden ? 'rba-visually-hidden' : undefined}>
        <Label htmlFor={id}>{label}</Label>
      </span>
      <div className="rba-select">
        <Select<Option>
          inputId={id}
          options={options}
          value={options.find((option) => option.value === value) ?? null}
          onChange={(option) => {
            if (option) onChange(option.value);
          }}
          isDisabled={disabled}
          isInvalid={invalid}
          isSearchable={options.length > 8}
          {...(describedBy ? { descriptionId: describedBy } : {})}
          {...(invalid ? { 'aria-invalid': true } : {})}
          spacing="compact"
          menuPosition="fixed"
        />
      </div>
    </Stack>
  );
}
