import { Stack } from '@atlaskit/primitives/compiled';
import { Label } from '@atlaskit/form';
import { useId } from 'react';
import type { Option } from '../roadmap';

/** A labelled native select: keyboard and screen-reader behaviour come from the browser, styling from tokens. */
export function SelectField({
  label,
  value,
  options,
  onChange,
  disabled,
  describedBy,
  invalid,
  id: givenId,
}: {
  label: string;
  value: string;
  options: readonly Option[];
  onChange: (value: string) => void;
  disabled?: boolean;
  describedBy?: string;
  invalid?: boolean;
  id?: string;
}) {
  const generated = useId();
  const id = givenId ?? generated;
  return (
    <Stack space="space.050">
      <Label htmlFor={id}>{label}</Label>
      <select
        id={id}
        className="rba-select"
        value={value}
        disabled={disabled}
        aria-describedby={describedBy}
        aria-invalid={invalid ? true : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Stack>
  );
}
