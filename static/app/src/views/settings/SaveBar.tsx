import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Text } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import { plural } from '../../../../../src/domain/text';
import type { ResolverError } from '../../../../../src/resolvers/response';

/**
 * The foot of the form, kept in reach at the bottom of the window while the form is on screen (the page is long):
 * save, discard, and whether what is shown is saved, marked when it is not.
 */
export function SaveBar({
  dirty,
  saving,
  saved,
  issueCount,
  saveError,
  onDiscard,
}: {
  dirty: boolean;
  saving: boolean;
  saved: boolean;
  issueCount: number;
  saveError: ResolverError | undefined;
  onDiscard: () => void;
}) {
  return (
    <div
      className="rba-save-bar"
      style={{
        position: 'sticky',
        bottom: 0,
        zIndex: 1,
        background: token('elevation.surface'),
        borderTop: `${token('border.width')} solid ${token('color.border')}`,
        paddingBlock: token('space.150'),
      }}
    >
      <Inline space="space.150" alignBlock="center">
        {dirty ? <Lozenge appearance="moved">Unsaved changes</Lozenge> : null}
        <Button type="submit" appearance="primary" isLoading={saving} isDisabled={!dirty}>
          Save settings
        </Button>
        <Button isDisabled={!dirty || saving} onClick={onDiscard}>
          Discard changes
        </Button>
        <Text color="color.text.subtle">{saveOutcome(dirty, saved, issueCount, saveError)}</Text>
      </Inline>
    </div>
  );
}

function saveOutcome(dirty: boolean, saved: boolean, issueCount: number, error: ResolverError | undefined): string {
  if (issueCount > 0)
    return `Not saved: ${plural(issueCount, 'setting needs', 'settings need')} fixing (listed at the top).`;
  if (error) return `Not saved: ${error.message}`;
  if (dirty) return 'You have unsaved changes.';
  return saved ? 'Saved.' : 'No unsaved changes.';
}
