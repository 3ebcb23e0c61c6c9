import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import Textfield from '@atlaskit/textfield';
import { useCallback, useId, useState } from 'react';
import type { AcceptedFinding, FieldIssue, Finding } from '../../../../src/resolvers/api';
import type { ResolverError } from '../../../../src/resolvers/response';
import { call } from '../api';
import { subjectLabel } from '../findings';
import { formatDate } from '../format';
import { useResolver } from '../useResolver';
import { Section } from '../views/Page';
import { FieldErrors } from './FieldErrors';
import { ErrorState } from './Status';

/** What a flag list may do about its flags: accept, snooze and restore, for those allowed to (the server checks too). */
export interface FlagActions {
  canAct: boolean;
  /** After a flag was accepted, snoozed or restored: the view and the accepted list read again; `message` is announced. */
  changed: (message: string) => void;
}

/**
 * The hidden flags of a view (of a project, or of every project the viewer may browse) and what the view's flag list
 * may do; `onChanged` reads the view again.
 */
export function useFlagActions(projectKey: string | undefined, onChanged: (message: string) => void) {
  const { state, poll } = useResolver('getAcceptedFindings', projectKey !== undefined ? { projectKey } : {});
  const changed = useCallback(
    (message: string) => {
      poll();
      onChanged(message);
    },
    [poll, onChanged],
  );
  const actions: FlagActions = { canAct: state.status === 'ready' && state.data.canAct, changed };
  return { actions, accepted: state, retry: poll };
}

type Mode = 'accept' | 'snooze';

/** A day as YYYY-MM-DD, `days` after today in the viewer's calendar. */
function dayAfter(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Under an open flag: Accept or Snooze, each opening a short form (a reason; for a snooze, until which day). */
export function FlagActionBar({ finding, actions }: { finding: Finding; actions: FlagActions }) {
  const [mode, setMode] = useState<Mode | undefined>();
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(dayAfter(14));
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [failure, setFailure] = useState<ResolverError | undefined>();
  const [saving, setSaving] = useState(false);
  const formId = useId();
  if (!actions.canAct) return null;
  const open = (next: Mode) => {
    setMode(next);
    setIssues([]);
    setFailure(undefined);
  };
  const submit = async () => {
    const why = reason.trim();
    const problems: FieldIssue[] = [];
    if (why.length < 3) problems.push({ path: 'reason', message: 'Say why (at least 3 characters), so others know.' });
    if (mode === 'snooze' && !(until > dayAfter(0)))
      problems.push({ path: 'until', message: 'Choose a day after today.' });
    setIssues(problems);
    if (problems.length > 0) return;
    setSaving(true);
    const response = await call('acceptFinding', {
      findingId: finding.id,
      reason: why,
      ...(mode === 'snooze' ? { until } : {}),
    });
    setSaving(false);
    if (!response.ok) {
      setIssues(Array.isArray(response.error.details) ? (response.error.details as FieldIssue[]) : []);
      setFailure(response.error);
      return;
    }
    actions.changed(mode === 'snooze' ? `Flag snoozed until ${formatDate(until)}.` : 'Flag accepted.');
  };
  const at = (path: string) => issues.filter((issue) => issue.path === path);
  if (mode === undefined)
    return (
      <Inline space="space.100">
        <Button onClick={() => open('accept')}>Accept…</Button>
        <Button onClick={() => open('snooze')}>Snooze…</Button>
      </Inline>
    );
  return (
    <form
      aria-label={mode === 'accept' ? 'Accept this flag' : 'Snooze this flag'}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack space="space.100">
        <Text>
          {mode === 'accept'
            ? 'Accepted flags stop showing in every view until someone restores them.'
            : 'A snoozed flag stops showing in every view until the day you choose, then comes back by itself.'}
        </Text>
        <Stack space="space.050">
          <Label htmlFor={`${formId}-reason`}>Reason</Label>
          <Textfield
            id={`${formId}-reason`}
            value={reason}
            autoFocus
            maxLength={2000}
            isInvalid={at('reason').length > 0}
            aria-describedby={at('reason').length > 0 ? `${formId}-reason-errors` : undefined}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          <FieldErrors id={`${formId}-reason-errors`} issues={at('reason')} />
        </Stack>
        {mode === 'snooze' ? (
          <Stack space="space.050">
            <Label htmlFor={`${formId}-until`}>Snooze until</Label>
            <Textfield
              id={`${formId}-until`}
              type="date"
              value={until}
              min={dayAfter(1)}
              width="medium"
              isInvalid={at('until').length > 0}
              aria-describedby={at('until').length > 0 ? `${formId}-until-errors` : undefined}
              onChange={(event) => setUntil(event.currentTarget.value)}
            />
            <FieldErrors id={`${formId}-until-errors`} issues={at('until')} />
          </Stack>
        ) : null}
        {failure && issues.length === 0 ? <ErrorState error={failure} activity="flag" /> : null}
        <Inline space="space.100">
          <Button type="submit" appearance="primary" isLoading={saving}>
            {mode === 'accept' ? 'Accept flag' : 'Snooze flag'}
          </Button>
          <Button appearance="subtle" onClick={() => setMode(undefined)}>
            Cancel
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}

/** The view's accepted and snoozed flags, each with why, who, when, and a Restore button for those allowed to. */
export function AcceptedSection({
  flags,
  only,
}: {
  flags: ReturnType<typeof useFlagActions>;
  /** Which of the project's hidden flags belong to the view (the issue panel's: those naming the issue). */
  only?: (finding: Finding) => boolean;
}) {
  const { accepted, actions, retry } = flags;
  const entries =
    accepted.status === 'ready' ? accepted.data.accepted.filter((entry) => only?.(entry.finding) ?? true) : [];
  return (
    <Section title="Accepted and snoozed" id="accepted">
      {accepted.status === 'loading' ? (
        <Text color="color.text.subtle">Reading the accepted flags…</Text>
      ) : accepted.status === 'failed' ? (
        <ErrorState error={accepted.error} activity="accepted" onRetry={retry} />
      ) : entries.length === 0 ? (
        <Text color="color.text.subtle">No flag here is accepted or snoozed.</Text>
      ) : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {entries.map((entry) => (
            <AcceptedEntry key={entry.finding.id} entry={entry} actions={actions} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function AcceptedEntry({ entry, actions }: { entry: AcceptedFinding; actions: FlagActions }) {
  const [failure, setFailure] = useState<ResolverError | undefined>();
  const [saving, setSaving] = useState(false);
  const restore = async () => {
    setSaving(true);
    const response = await call('restoreFinding', { findingId: entry.finding.id });
    setSaving(false);
    if (!response.ok) return setFailure(response.error);
    actions.changed('Flag restored: it shows again.');
  };
  const when = entry.until !== undefined ? `Snoozed until ${formatDate(entry.until)}` : 'Accepted';
  return (
    <li className="rba-accepted">
      <Stack space="space.050">
        <Text>
          <bdi>{entry.finding.message}</bdi>
        </Text>
        <Text size="small" color="color.text.subtle">
          <bdi>{subjectLabel(entry.finding)}</bdi>
          {` · ${when}${entry.acceptedAt ? ` on ${formatDate(entry.acceptedAt)}` : ''}`}
          {entry.acceptedByName !== undefined ? (
            <>
              {' by '}
              <bdi>{entry.acceptedByName}</bdi>
            </>
          ) : null}
        </Text>
        <Text size="small">
          {'Reason: '}
          <bdi>{entry.reason}</bdi>
        </Text>
        {actions.canAct ? (
          <Inline>
            <Button spacing="compact" isLoading={saving} onClick={() => void restore()}>
              Restore
            </Button>
          </Inline>
        ) : null}
        {failure ? <ErrorState error={failure} activity="flag" /> : null}
      </Stack>
    </li>
  );
}
