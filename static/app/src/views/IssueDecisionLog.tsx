import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import { useEffect, useState } from 'react';
import { plural } from '../../../../src/domain/text';
import type { IssueDecision, IssueDecisionLog } from '../../../../src/resolvers/api';
import { AcceptedSection, useFlagActions } from '../components/FlagActions';
import { SeverityCounts } from '../components/FlagCounts';
import { FindingList } from '../components/FindingList';
import { IssueLink } from '../components/IssueLink';
import { Empty, ErrorState, LiveRegion, Loading } from '../components/Status';
import { criterionLabel, formatDateTime, roleLabel } from '../format';
import { freshnessText } from '../freshness';
import { useResolver } from '../useResolver';
import { Page, Section } from './Page';

const SIDE = {
  strategic: { label: 'Strategic', appearance: 'new' },
  tactical: { label: 'Tactical', appearance: 'inprogress' },
} as const;

/** The issue view's panel: who decided what on the issue, newest first, with the flags that name it. */
export function IssueDecisionLogView({ issueKey }: { issueKey?: string }) {
  const { state, reload, poll } = useResolver('getIssueDecisions', issueKey !== undefined ? { issueKey } : {});
  const [status, setStatus] = useState('');
  useEffect(() => {
    if (state.status === 'loading') setStatus("Reading the issue's history…");
    else if (state.status === 'failed') setStatus(`The decision log failed: ${state.error.message}`);
    else setStatus(`Decision log loaded: ${plural(state.data.decisions.length, 'decision')}.`);
  }, [state]);

  return (
    <>
      <LiveRegion message={status} />
      {state.status === 'loading' ? (
        <Page title="Decision log">
          <Loading sentence="Reading the issue's history…" />
        </Page>
      ) : state.status === 'failed' ? (
        <Page title="Decision log">
          <ErrorState error={state.error} activity="issue" onRetry={reload} />
        </Page>
      ) : (
        <DecisionLogContent
          log={state.data}
          onChanged={(message) => {
            poll();
            setStatus(message);
          }}
        />
      )}
    </>
  );
}

function DecisionLogContent({ log, onChanged }: { log: IssueDecisionLog; onChanged: (message: string) => void }) {
  const flags = useFlagActions(log.issue.projectKey, onChanged);
  const contested = log.decisions.filter((decision) => decision.contested).length;
  return (
    <Page title={`Decision log: ${log.issue.key}`}>
      <Text color="color.text.subtle">
        <bdi>{log.issue.summary}</bdi>
        {` · ${log.issue.type}`}
      </Text>
      {log.freshness ? (
        <Text size="small" color="color.text.subtle">
          {freshnessText(log.freshness, log.freshness.scannedAt)}
        </Text>
      ) : (
        <SectionMessage appearance="information" title="Roles and flags are not known yet">
          <Text as="p">
            {`The background scan has not read project ${log.issue.projectKey} yet: the decisions below are read from Jira just now, and who holds which role and what the audit flags appear once it has.`}
          </Text>
        </SectionMessage>
      )}
      {log.unread.length > 0 ? (
        <SectionMessage appearance="warning" title="Part of the issue could not be read">
          <Stack space="space.050">
            {log.unread.map((message) => (
              <Text as="p" key={message}>
                {message}
              </Text>
            ))}
          </Stack>
        </SectionMessage>
      ) : null}
      {log.audited ? (
        <Section title="Flags" id="issue-flags">
          {log.findings.length === 0 ? (
            <Empty header="No flags" description="The audit flags nothing about this issue." />
          ) : (
            <>
              <SeverityCounts counts={log.severityCounts} />
              <FindingList findings={log.findings} siteUrl={log.siteUrl} actions={flags.actions} />
            </>
          )}
        </Section>
      ) : null}
      {log.audited ? (
        <AcceptedSection flags={flags} only={(finding) => finding.issueKeys.includes(log.issue.key)} />
      ) : null}
      <Section title="Decisions" id="issue-decisions">
        <Text color="color.text.subtle">
          {`${plural(log.decisions.length, 'decision')}${contested > 0 ? `, ${contested} contested` : ''}; ${plural(log.undecided, 'other action')} decided nothing (delivery work, bookkeeping, discussion).`}
        </Text>
        {log.decisions.length === 0 ? (
          <Empty header="No decisions" description="Nothing done on this issue decided scope, order or timing." />
        ) : (
          <ul aria-label={`Decisions on ${log.issue.key}`} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {log.decisions.map((decision) => (
              <DecisionItem
                key={decision.actionId}
                decision={decision}
                siteUrl={log.siteUrl}
                issueKey={log.issue.key}
              />
            ))}
          </ul>
        )}
      </Section>
    </Page>
  );
}

function DecisionItem({ decision, siteUrl, issueKey }: { decision: IssueDecision; siteUrl: string; issueKey: string }) {
  const side = SIDE[decision.side];
  const person = decision.person;
  const role =
    person && person.roles.length > 0 ? `${roleLabel(person.roles)}${person.inferred ? ' (inferred)' : ''}` : null;
  return (
    <li
      data-contested={decision.contested}
      style={{
        borderBottom: `${token('border.width')} solid ${token('color.border')}`,
        borderInlineStart: `${token('border.width.selected')} solid ${decision.contested ? token('color.border.warning') : 'transparent'}`,
        background: decision.contested ? token('color.background.warning') : undefined,
      }}
    >
      <Box paddingBlock="space.100" paddingInline="space.150">
        <Stack space="space.050">
          <Inline space="space.100" alignBlock="center" shouldWrap>
            <Lozenge appearance={side.appearance}>{side.label}</Lozenge>
            {decision.contested ? <Lozenge appearance="removed">Contested</Lozenge> : null}
            <Text weight="bold">
              <bdi>{person?.displayName ?? 'Someone Jira does not name'}</bdi>
            </Text>
            {role ? <Text color="color.text.subtle">{role}</Text> : null}
            <Text color="color.text.subtle">
              <time dateTime={decision.at}>{formatDateTime(decision.at)}</time>
            </Text>
          </Inline>
          <Text>
            <bdi>{decision.what}</bdi>
          </Text>
          <Text size="small" color="color.text.subtle">
            <bdi>{decision.reason}</bdi>
            {decision.criteria.length > 0 ? ` · ${decision.criteria.map(criterionLabel).join(', ')}` : ''}
          </Text>
          {decision.contested ? (
            <Text size="small">
              {`Named by ${plural(decision.findingIds.length, 'flag')} above: a role decided what the other owns, or both decided the same thing on `}
              <IssueLink siteUrl={siteUrl} issueKey={issueKey} />.
            </Text>
          ) : null}
        </Stack>
      </Box>
    </li>
  );
}
