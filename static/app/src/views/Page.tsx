import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import SectionMessage from '@atlaskit/section-message';
import type { ReactNode } from 'react';
import type { Provenance } from '../../../../src/resolvers/api';
import { FreshnessNote, type RefreshTarget } from '../components/Freshness';
import { formatDateTime } from '../format';
import { plural } from '../../../../src/domain/text';
import { windowText } from '../freshness';

/** The frame every view shares: one h1, the export buttons beside it, then the view's sections. */
export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Box as="main" padding="space.300">
      <Stack space="space.300">
        <Inline spread="space-between" alignBlock="start" shouldWrap space="space.200">
          <Heading size="large" as="h1">
            {title}
          </Heading>
          {actions}
        </Inline>
        {children}
      </Stack>
    </Box>
  );
}

export function Section({
  title,
  id,
  children,
  aside,
}: {
  title: string;
  id: string;
  children: ReactNode;
  aside?: ReactNode;
}) {
  return (
    <section aria-labelledby={id}>
      <Stack space="space.150">
        <Inline space="space.100" alignBlock="center">
          <Heading size="medium" as="h2" id={id}>
            {title}
          </Heading>
          {aside}
        </Inline>
        {children}
      </Stack>
    </section>
  );
}

/**
 * When the audit ran, what it read, which actions it judged (the audit window), how fresh that is (with a Refresh
 * button when the view has a project to refresh), and anything it could not read (so a short list is not mistaken for a clean one).
 */
export function ProvenanceNote({ provenance, refresh }: { provenance: Provenance; refresh?: RefreshTarget }) {
  const { coverage } = provenance;
  return (
    <Stack space="space.100">
      <Text color="color.text.subtle" size="small">
        {`Audited ${formatDateTime(provenance.generatedAt)} from ${plural(coverage.issues, 'issue')}, ${plural(coverage.actionsInWindow, 'action')} in the audit window, ${plural(coverage.sprints, 'sprint')} and ${plural(coverage.people, 'person', 'people')}.`}
      </Text>
      <Text color="color.text.subtle" size="small">
        {windowText(provenance.window, refresh?.projectKey)}
      </Text>
      <FreshnessNote provenance={provenance} {...(refresh ? { refresh } : {})} />
      {coverage.unread.length > 0 ? (
        <SectionMessage appearance="warning" title={`The audit could not read everything (${coverage.unread.length})`}>
          <Stack space="space.050">
            <Text as="p">Findings below may be incomplete for what is listed here:</Text>
            <ul style={{ margin: 0 }}>
              {coverage.unread.slice(0, 10).map((problem, index) => (
                <li key={`${problem.scope}-${problem.ref}-${index}`}>
                  <Text>{`${problem.scope} ${problem.ref}: ${problem.message}`}</Text>
                </li>
              ))}
            </ul>
            {coverage.unread.length > 10 ? <Text as="p">{`… and ${coverage.unread.length - 10} more.`}</Text> : null}
          </Stack>
        </SectionMessage>
      ) : null}
    </Stack>
  );
}
