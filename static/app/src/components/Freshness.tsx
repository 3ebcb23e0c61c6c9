import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { useId, useState } from 'react';
import type { Provenance, RefreshResult } from '../../../../src/resolvers/api';
import type { ResolverError } from '../../../../src/resolvers/response';
import { call, type Payload } from '../api';
import { freshnessText, pendingText, refreshSummary } from '../freshness';
import { ErrorState, LiveRegion } from './Status';

/** What the Refresh button refreshes, and what the view does with the view the resolver sends back. */
export interface RefreshTarget {
  payload: Payload<'refreshProject'>;
  /** The project's key, for what the button says it is doing. */
  projectKey: string;
  onRefreshed(result: RefreshResult): void;
}

type RefreshState =
  { status: 'idle'; summary?: string } | { status: 'refreshing' } | { status: 'failed'; error: ResolverError };

/**
 * Where the view's data came from and how fresh it is; with a target, a Refresh button that reads the project's
 * changes from Jira now and shows the view again. Progress and outcome are announced in a live region; focus stays
 * on the button.
 */
export function FreshnessNote({ provenance, refresh }: { provenance: Provenance; refresh?: RefreshTarget }) {
  const [state, setState] = useState<RefreshState>({ status: 'idle' });
  const [announcement, setAnnouncement] = useState('');
  const describedBy = useId();
  const pending = pendingText(provenance.freshness.pending);

  const run = async () => {
    if (!refresh || state.status === 'refreshing') return;
    setState({ status: 'refreshing' });
    setAnnouncement(`Refreshing ${refresh.projectKey} from Jira…`);
    const response = await call('refreshProject', refresh.payload);
    if (response.ok) {
      refresh.onRefreshed(response.data);
      const summary = refreshSummary(response.data);
      setState({ status: 'idle', summary });
      setAnnouncement(summary);
    } else {
      setState({ status: 'failed', error: response.error });
      setAnnouncement(`The refresh failed: ${response.error.message}`);
    }
  };

  return (
    <Stack space="space.100">
      <LiveRegion message={announcement} />
      <Inline space="space.150" alignBlock="center" shouldWrap>
        <Text color="color.text.subtle" size="small" id={describedBy}>
          {freshnessText(provenance.freshness, provenance.generatedAt)}
        </Text>
        {refresh ? (
          <Button
            appearance="default"
            spacing="compact"
            isLoading={state.status === 'refreshing'}
            aria-describedby={describedBy}
            onClick={() => void run()}
          >
            Refresh
          </Button>
        ) : null}
      </Inline>
      {pending ? (
        <Text color="color.text.subtle" size="small">
          {pending}
        </Text>
      ) : null}
      {state.status === 'idle' && state.summary ? (
        <Text color="color.text.subtle" size="small">
          {state.summary}
        </Text>
      ) : null}
      {state.status === 'failed' ? (
        <ErrorState error={state.error} activity="refresh" onRetry={() => void run()} />
      ) : null}
    </Stack>
  );
}
