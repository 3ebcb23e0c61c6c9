import Button from '@atlaskit/button/new';
import ProgressBar from '@atlaskit/progress-bar';
import EmptyState from '@atlaskit/empty-state';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import SectionMessage from '@atlaskit/section-message';
import Spinner from '@atlaskit/spinner';
import { useEffect, type ReactNode } from 'react';
import type { PartialProject, ScanProgress } from '../../../../src/resolvers/api';
import type { ResolverError } from '../../../../src/resolvers/response';
import { adviceFor, type Activity } from '../errors';
import { firstScanText, partialText } from '../freshness';

/** How often a view waiting for the first scan asks again. */
export const FIRST_SCAN_POLL_MS = 15_000;

/** Announces async progress to screen readers (loading, loaded, saved, failed) without moving focus. */
export function LiveRegion({ message }: { message: string }) {
  return (
    <div role="status" aria-live="polite" className="rba-visually-hidden">
      {message}
    </div>
  );
}

/** A spinner with a sentence saying what is happening: audits of big projects take seconds. */
export function Loading({ sentence }: { sentence: string }) {
  return (
    <Box paddingBlock="space.400">
      <Inline space="space.150" alignBlock="center">
        <Spinner size="medium" label={sentence} />
        <Text>{sentence}</Text>
      </Inline>
    </Box>
  );
}

export function ErrorState({
  error,
  activity,
  onRetry,
  children,
}: {
  error: ResolverError;
  activity: Activity;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  const advice = adviceFor(error, activity);
  return (
    <SectionMessage
      appearance={error.code === 'CONFLICT' || error.code === 'RATE_LIMITED' ? 'warning' : 'error'}
      title={advice.title}
    >
      <Stack space="space.100">
        <Text as="p">{advice.advice}</Text>
        <Text as="p" color="color.text.subtle" size="small">
          {`${error.message} (${error.code})`}
        </Text>
        {children}
        {advice.retry && onRetry ? (
          <Inline>
            <Button onClick={onRetry}>Try again</Button>
          </Inline>
        ) : null}
      </Stack>
    </SectionMessage>
  );
}

/** An empty state that says why there is nothing and what to do. */
export function Empty({ header, description, action }: { header: string; description: ReactNode; action?: ReactNode }) {
  return (
    <EmptyState
      header={header}
      description={description}
      headingLevel={3}
      headingSize="xsmall"
      width="wide"
      {...(action ? { primaryAction: action } : {})}
    />
  );
}

/**
 * What a view shows until the background audit has its report: the first scan's progress, asked for again every
 * FIRST_SCAN_POLL_MS (onPoll) until the view can show the audit.
 */
export function FirstScanState({ progress, onPoll }: { progress: ScanProgress; onPoll: () => void }) {
  useEffect(() => {
    const timer = setTimeout(onPoll, FIRST_SCAN_POLL_MS);
    return () => clearTimeout(timer);
  }, [progress, onPoll]);
  const share = progress.projectsToScan > 0 ? progress.projectsScanned / progress.projectsToScan : 0;
  return (
    <SectionMessage appearance="information" title="The first scan of this site is under way">
      <Stack space="space.150">
        <ProgressBar value={share} ariaLabel="Projects scanned" />
        <Text as="p">{firstScanText(progress)}</Text>
      </Stack>
    </SectionMessage>
  );
}

/**
 * Above a report made from a first scan's first stage: what it covers and how far the rest is, the view asked for
 * again every FIRST_SCAN_POLL_MS (onPoll) until the whole project's report replaces it.
 */
export function PartialReadState({ partial, onPoll }: { partial: readonly PartialProject[]; onPoll: () => void }) {
  useEffect(() => {
    const timer = setTimeout(onPoll, FIRST_SCAN_POLL_MS);
    return () => clearTimeout(timer);
  }, [partial, onPoll]);
  return (
    <SectionMessage appearance="warning" title="A first look: only the active sprints are read so far">
      <Text as="p">{partialText(partial)}</Text>
    </SectionMessage>
  );
}
