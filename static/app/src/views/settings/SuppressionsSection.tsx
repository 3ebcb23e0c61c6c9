import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import Textfield from '@atlaskit/textfield';
import { useId, useState } from 'react';
import type { FieldIssue, SettingsView } from '../../../../../src/resolvers/api';
import { FieldErrors } from '../../components/FieldErrors';
import { formatDate } from '../../format';
import { issuesAt } from '../../settings-model';
import { Section } from '../Page';
import { fieldId } from './field-id';
import { Fieldset, Hint, type SectionProps } from './SectionParts';

export function SuppressionsSection({
  view,
  draft,
  setDraft,
  issues,
  readOnly,
  accountId,
}: SectionProps & { accountId?: string }) {
  const [findingId, setFindingId] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<FieldIssue | undefined>();
  const problemId = useId();
  if (view.scope === 'project') {
    return (
      <Section title="Accepted findings" id="suppressions">
        <Hint>Findings are accepted for the whole site, on the app's admin page, by Jira admins.</Hint>
        <SuppressionTable suppressions={view.site.suppressions} issues={[]} />
      </Section>
    );
  }
  const add = () => {
    const id = findingId.trim();
    const why = reason.trim();
    if (id === '')
      return setProblem({
        path: 'new.findingId',
        message: 'Enter the id of the finding to accept (each flag shows its id when opened).',
      });
    if (why === '')
      return setProblem({ path: 'new.reason', message: 'Say why the finding is accepted, so others know.' });
    if (draft.suppressions.some((entry) => entry.findingId === id))
      return setProblem({ path: 'new.findingId', message: 'This finding is accepted already.' });
    setProblem(undefined);
    setDraft({
      ...draft,
      suppressions: [
        ...draft.suppressions,
        {
          findingId: id,
          reason: why,
          acceptedAt: new Date().toISOString(),
          ...(accountId ? { acceptedBy: accountId } : {}),
        },
      ],
    });
    setFindingId('');
    setReason('');
  };
  return (
    <Section title="Accepted findings" id="suppressions">
      <Hint>A finding accepted here stops showing until its id changes. Each flag shows its id when opened.</Hint>
      <SuppressionTable
        suppressions={draft.suppressions}
        issues={issues}
        onRemove={
          readOnly
            ? undefined
            : (index) => setDraft({ ...draft, suppressions: draft.suppressions.filter((_, at) => at !== index) })
        }
      />
      {readOnly ? null : (
        <Fieldset legend="Accept a finding">
          <Inline space="space.200" shouldWrap alignBlock="end">
            <Stack space="space.050">
              <Label htmlFor="new-suppression-id">Finding id</Label>
              <Box style={{ width: '22rem' }}>
                <Textfield
                  id="new-suppression-id"
                  value={findingId}
                  placeholder="horizon/sprint-too-long|sprint:52"
                  isInvalid={problem?.path === 'new.findingId'}
                  aria-describedby={problem?.path === 'new.findingId' ? problemId : undefined}
                  onChange={(event) => setFindingId((event.target as HTMLInputElement).value)}
                />
              </Box>
            </Stack>
            <Stack space="space.050">
              <Label htmlFor="new-suppression-reason">Reason</Label>
              <Box style={{ width: '22rem' }}>
                <Textfield
                  id="new-suppression-reason"
                  value={reason}
                  placeholder="Why this is accepted"
                  isInvalid={problem?.path === 'new.reason'}
                  aria-describedby={problem?.path === 'new.reason' ? problemId : undefined}
                  onChange={(event) => setReason((event.target as HTMLInputElement).value)}
                />
              </Box>
            </Stack>
            <Button onClick={add}>Accept finding</Button>
          </Inline>
          <FieldErrors id={problemId} issues={problem ? [problem] : []} />
        </Fieldset>
      )}
    </Section>
  );
}

function SuppressionTable({
  suppressions,
  issues,
  onRemove,
}: {
  suppressions: SettingsView['site']['suppressions'];
  issues: readonly FieldIssue[];
  onRemove?: (index: number) => void;
}) {
  if (suppressions.length === 0) return <Text>No finding has been accepted.</Text>;
  return (
    <table className="rba-table">
      <thead>
        <tr>
          <th scope="col">Finding id</th>
          <th scope="col">Reason</th>
          <th scope="col">Accepted</th>
          <th scope="col">Hidden until</th>
          {onRemove ? <th scope="col">Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {suppressions.map((suppression, index) => {
          const path = `suppressions.${index}`;
          const own = issuesAt(issues, path);
          return (
            <tr key={`${suppression.findingId}-${index}`}>
              <th scope="row" style={{ fontWeight: 'normal', wordBreak: 'break-all' }}>
                <Text>{suppression.findingId}</Text>
              </th>
              <td>
                <Text>
                  <bdi>{suppression.reason}</bdi>
                </Text>
                <FieldErrors id={`${fieldId(path)}-errors`} issues={own} />
              </td>
              <td>{formatDate(suppression.acceptedAt)}</td>
              <td>
                {suppression.until !== undefined ? `Snoozed until ${formatDate(suppression.until)}` : 'Until restored'}
              </td>
              {onRemove ? (
                <td>
                  <Button
                    id={fieldId(path)}
                    spacing="compact"
                    onClick={() => onRemove(index)}
                    aria-label={`Remove accepted finding ${suppression.findingId}`}
                  >
                    Remove
                  </Button>
                </td>
              ) : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
