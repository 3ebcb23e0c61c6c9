import Heading from '@atlaskit/heading';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';
import type { FieldIssue, SettingsView } from '../../../../../src/resolvers/api';
import type { SettingsDraft } from '../../settings-model';

export interface SectionProps {
  view: SettingsView;
  draft: SettingsDraft;
  setDraft: (draft: SettingsDraft) => void;
  issues: readonly FieldIssue[];
  readOnly: boolean;
}

export function Hint({ children }: { children: ReactNode }) {
  return (
    <Text color="color.text.subtle" size="small">
      {children}
    </Text>
  );
}

export function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset
      style={{
        border: `${token('border.width')} solid ${token('color.border')}`,
        borderRadius: token('radius.small'),
        padding: token('space.200'),
        margin: 0,
        minWidth: 0,
      }}
    >
      <legend style={{ paddingInline: token('space.050') }}>
        <Heading size="xsmall" as="h3">
          {legend}
        </Heading>
      </legend>
      <Stack space="space.150">{children}</Stack>
    </fieldset>
  );
}
