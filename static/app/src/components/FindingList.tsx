import Button from '@atlaskit/button/new';
import ChevronDownIcon from '@atlaskit/icon/core/chevron-down';
import ChevronRightIcon from '@atlaskit/icon/core/chevron-right';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import { useId, useState } from 'react';
import type { Finding, Severity } from '../../../../src/domain/finding';
import type { PagedFindings } from '../finding-pages';
import { kindLabel, subjectLabel } from '../findings';
import { criterionLabel, formatDate } from '../format';
import { ruleTitle } from '../rules';
import { IssueLink } from './IssueLink';
import { RuleLink } from './RulePage';
import { FlagActionBar, type FlagActions } from './FlagActions';
import { ErrorState } from './Status';
import { plural } from '../../../../src/domain/text';

const SEVERITY: Record<Severity, { label: string; appearance: 'removed' | 'moved' | 'default' }> = {
  error: { label: 'Error', appearance: 'removed' },
  warning: { label: 'Warning', appearance: 'moved' },
  info: { label: 'Info', appearance: 'default' },
};

export function SeverityLozenge({ severity }: { severity: Severity }) {
  return <Lozenge appearance={SEVERITY[severity].appearance}>{SEVERITY[severity].label}</Lozenge>;
}

/**
 * Flags ranked as given (the server's order: most severe, then most recent first), each naming its kind and
 * expanding to its criteria, evidence and suggestion.
 */
export function FindingList({
  findings,
  siteUrl,
  actions,
}: {
  findings: readonly Finding[];
  siteUrl: string;
  /** Accept and snooze under each open flag, for those allowed to. */
  actions?: FlagActions;
}) {
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {findings.map((finding) => (
        <FindingItem key={finding.id} finding={finding} siteUrl={siteUrl} actions={actions} />
      ))}
    </ul>
  );
}

/**
 * Under a list read a page at a time: how much of it is shown, a Show more button while some is not, and what
 * went wrong when a page could not be read (its Try again reads that page again).
 */
export function FindingPager({ list, onMore }: { list: PagedFindings & { total: number }; onMore: () => void }) {
  const rest = list.total - list.findings.length;
  return (
    <Stack space="space.100">
      <Text color="color.text.subtle">{`Showing ${list.findings.length} of ${plural(list.total, 'flag')}.`}</Text>
      {list.status === 'failed' && list.error ? (
        <ErrorState error={list.error} activity="roadmap" onRetry={onMore} />
      ) : rest > 0 ? (
        <Inline>
          <Button onClick={onMore} isLoading={list.status === 'loading'}>
            Show more
          </Button>
        </Inline>
      ) : null}
    </Stack>
  );
}

function FindingItem({ finding, siteUrl, actions }: { finding: Finding; siteUrl: string; actions?: FlagActions }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const Chevron = open ? ChevronDownIcon : ChevronRightIcon;
  return (
    <li style={{ borderBottom: `${token('border.width')} solid ${token('color.border')}` }}>
      <button
        type="button"
        className="rba-disclosure"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        <Chevron label="" color="currentColor" />
        <span style={{ flexShrink: 0 }}>
          <SeverityLozenge severity={finding.severity} />
          <span className="rba-visually-hidden">: </span>
        </span>
        <Stack space="space.050">
          <Text>
            <bdi>{finding.message}</bdi>
          </Text>
          <Text size="small" color="color.text.subtle">
            <bdi>{subjectLabel(finding)}</bdi>
            {` · ${kindLabel(finding.rule)} · ${ruleTitle(finding.rule)}${finding.provisional ? ' · provisional: rests on an inferred role' : ''}`}
          </Text>
        </Stack>
      </button>
      <div id={panelId} hidden={!open}>
        {open ? <FindingDetails finding={finding} siteUrl={siteUrl} actions={actions} /> : null}
      </div>
    </li>
  );
}

function FindingDetails({ finding, siteUrl, actions }: { finding: Finding; siteUrl: string; actions?: FlagActions }) {
  return (
    <Box paddingInlineStart="space.400" paddingInlineEnd="space.100" paddingBlockEnd="space.200">
      <Stack space="space.150">
        <Stack space="space.050">
          <Text weight="bold">Criteria</Text>
          <ul style={{ margin: 0, paddingInlineStart: token('space.250') }}>
            {finding.criteria.map((id) => (
              <li key={id}>
                <Text>{criterionLabel(id)}</Text>
              </li>
            ))}
          </ul>
        </Stack>
        <Stack space="space.050">
          <Text weight="bold">Evidence</Text>
          {finding.evidence.length === 0 ? (
            <Text color="color.text.subtle">
              No single Jira record carries this finding; it follows from the absence described above.
            </Text>
          ) : (
            <table className="rba-table">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Issue</th>
                  <th scope="col">What happened</th>
                </tr>
              </thead>
              <tbody>
                {finding.evidence.map((evidence, index) => (
                  <tr key={`${evidence.actionId ?? ''}${index}`}>
                    <td style={{ whiteSpace: 'nowrap' }}>{formatDate(evidence.at)}</td>
                    <td style={{ whiteSpace: 'nowrap' }}>
                      {evidence.issueKey ? (
                        <IssueLink siteUrl={siteUrl} issueKey={evidence.issueKey} />
                      ) : evidence.sprintId !== undefined ? (
                        `Sprint ${evidence.sprintId}`
                      ) : (
                        '—'
                      )}
                    </td>
                    <td dir="auto">{evidence.what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Stack>
        <Stack space="space.050">
          <Text weight="bold">Suggestion</Text>
          <Text as="p">
            <bdi>{finding.suggestion}</bdi>
          </Text>
        </Stack>
        <Inline>
          <RuleLink ruleId={finding.rule} title={ruleTitle(finding.rule)} />
        </Inline>
        {actions?.canAct ? <FlagActionBar finding={finding} actions={actions} /> : null}
        <Text size="small" color="color.text.subtle">
          {actions?.canAct
            ? `Finding id: ${finding.id}`
            : `Finding id: ${finding.id} — Jira admins and the project's admins may accept or snooze this flag here.`}
        </Text>
      </Stack>
    </Box>
  );
}
