import { view } from '@forge/bridge';
import { useEffect, useState } from 'react';
import { chooseView, type ViewChoice } from './context';
import { ErrorState, LiveRegion, Loading } from './components/Status';
import { BoardPanelView } from './views/BoardPanelView';
import { IssueDecisionLogView } from './views/IssueDecisionLog';
import { Page } from './views/Page';
import { RoadmapPage } from './views/RoadmapPage';
import { SettingsPage } from './views/SettingsPage';

type Opened =
  | { status: 'loading' }
  | { status: 'ready'; choice: ViewChoice; accountId?: string }
  | { status: 'failed'; message: string };

/** Reads the module context once and shows the view for the module Jira opened. */
export function App() {
  const [opened, setOpened] = useState<Opened>({ status: 'loading' });
  useEffect(() => {
    view.getContext().then(
      (context) =>
        setOpened({
          status: 'ready',
          choice: chooseView(context.extension),
          ...(context.accountId ? { accountId: context.accountId } : {}),
        }),
      (error: unknown) =>
        setOpened({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  }, []);

  if (opened.status === 'loading') {
    return (
      <>
        <LiveRegion message="Finding out where the app was opened…" />
        <Page title="Role Boundary Auditor">
          <Loading sentence="Finding out where the app was opened…" />
        </Page>
      </>
    );
  }
  if (opened.status === 'failed') {
    return (
      <Page title="Role Boundary Auditor">
        <ErrorState
          error={{ code: 'INTERNAL', message: `Jira did not tell the app where it was opened: ${opened.message}` }}
          activity="board"
          onRetry={() => window.location.reload()}
        />
      </Page>
    );
  }
  const { choice } = opened;
  switch (choice.kind) {
    case 'board':
      return (
        <BoardPanelView
          {...(choice.boardId !== undefined ? { boardId: choice.boardId } : {})}
          {...(choice.sprintId !== undefined ? { sprintId: choice.sprintId } : {})}
        />
      );
    case 'roadmap':
      return <RoadmapPage {...(choice.projectKey !== undefined ? { projectKey: choice.projectKey } : {})} />;
    case 'issue':
      return <IssueDecisionLogView {...(choice.issueKey !== undefined ? { issueKey: choice.issueKey } : {})} />;
    case 'settings':
      return (
        <SettingsPage
          {...(choice.projectKey !== undefined ? { projectKey: choice.projectKey } : {})}
          {...(opened.accountId ? { accountId: opened.accountId } : {})}
        />
      );
    case 'unsupported':
      return (
        <Page title="Role Boundary Auditor">
          <ErrorState error={{ code: 'INVALID_INPUT', message: choice.reason }} activity="board" />
        </Page>
      );
  }
}
