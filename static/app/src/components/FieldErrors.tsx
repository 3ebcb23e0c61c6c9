import ErrorIcon from '@atlaskit/icon/core/status-error';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import type { FieldIssue } from '../../../../src/resolvers/api';

/** A field's validation messages, next to it; `id` is what the field's aria-describedby points at. */
export function FieldErrors({ id, issues }: { id: string; issues: readonly FieldIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <div id={id}>
      <Stack space="space.025">
        {issues.map((issue) => (
          <Inline key={`${issue.path} ${issue.message}`} space="space.050" alignBlock="center">
            <ErrorIcon label="Error:" color={token('color.icon.danger')} size="small" />
            <Text color="color.text.danger" size="small">
              {issue.message}
            </Text>
          </Inline>
        ))}
      </Stack>
    </div>
  );
}
