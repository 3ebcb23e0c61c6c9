import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import SectionMessage from '@atlaskit/section-message';
import { useEffect, useState } from 'react';
import { plural } from '../../../../../src/domain/text';
import type { RoleProposalView, SettingsView } from '../../../../../src/resolvers/api';
import type { ResolverError } from '../../../../../src/resolvers/response';
import { call } from '../../api';
import { ErrorState } from '../../components/Status';
import { withProposedRoles } from '../../settings-model';

/**
 * The mapping owner/role-mapping-missing proposes, confirmed in one step: the proposed accounts are added to the site's
 * role mapping by account and saved with the usual versioned save (the server checks the admin again).
 */
export function ProposedRoles({
  view,
  dirty,
  onStatus,
  onSaved,
}: {
  view: SettingsView;
  dirty: boolean;
  onStatus: (message: string) => void;
  onSaved: (view: SettingsView) => void;
}) {
  const [proposal, setProposal] = useState<RoleProposalView | undefined>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ResolverError | undefined>();
  useEffect(() => {
    let live = true;
    void call('getRoleProposal', {}).then((response) => {
      if (live && response.ok) setProposal(response.data);
    });
    return () => {
      live = false;
    };
  }, [view.version]);
  if (!proposal || proposal.projects.length === 0) return null;
  const confirm = async () => {
    setSaving(true);
    setError(undefined);
    onStatus('Saving the proposed roles…');
    const response = await call('saveSettings', {
      settings: withProposedRoles(view.site, proposal),
      version: view.version,
    });
    setSaving(false);
    if (response.ok) onSaved(response.data);
    else {
      setError(response.error);
      onStatus(`The proposed roles were not saved: ${response.error.message}`);
    }
  };
  return (
    <SectionMessage appearance="discovery" title="Nobody is mapped as PM or PO in some projects">
      <Stack space="space.100">
        <Text as="p">
          Until roles are mapped, the audit infers them from people's decisions and marks the findings that rest on them
          provisional. From the latest audit, these people's decisions dominate:
        </Text>
        <ul aria-label="Proposed roles">
          {proposal.projects.flatMap((entry) =>
            (['pm', 'po'] as const).flatMap((role) =>
              entry[role].map((holder) => (
                <li key={`${entry.projectKey}-${role}-${holder.accountId}`}>
                  {`${entry.projectKey}: ${holder.displayName} as ${role === 'pm' ? 'Product Manager' : 'Product Owner'} (${plural(holder.decisions, role === 'pm' ? 'roadmap decision' : 'backlog decision')} of ${holder.allDecisions})`}
                </li>
              )),
            ),
          )}
        </ul>
        {error ? <ErrorState error={error} activity="save" /> : null}
        <Inline space="space.150" alignBlock="center">
          <Button appearance="primary" isLoading={saving} isDisabled={dirty} onClick={() => void confirm()}>
            Confirm proposed roles
          </Button>
          {dirty ? <Text color="color.text.subtle">Save or discard your changes first.</Text> : null}
        </Inline>
      </Stack>
    </SectionMessage>
  );
}
