import { view } from '@forge/bridge';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { chooseView, type ViewChoice } from './context';
import { setViewerLocale } from './format';
import { OpenRulePage, RulePage } from './components/RulePage';
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
      (context) => {
        setViewerLocale(context.locale, context.timezone);
        setOpened({
          status: 'ready',
          choice: chooseView(context.extension),
          ...(context.accountId ? { accountId: context.accountId } : {}),
        });
      },
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
  return (
    <WithRulePages>
      <ChosenView choice={opened.choice} {...(opened.accountId ? { accountId: opened.accountId } : {})} />
    </WithRulePages>
  );
}

/**
 * A rule's page opens over the view (which stays mounted, hidden, so its filters and open flags are as they were)
 * and Back returns to it, focus on what opened the page.
 */
function WithRulePages({ children }: { children: ReactNode }) {
  const [rule, setRule] = useState<string>();
  const opener = useRef<HTMLElement | null>(null);
  const open = useCallback((ruleId: string) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setRule(ruleId);
  }, []);
  const back = useCallback(() => {
    setRule(undefined);
    requestAnimationFrame(() => opener.current?.focus());
  }, []);
  return (
    <OpenRulePage.Provider value={open}>
      <div hidden={rule !== undefined}>{children}</div>
      {rule !== undefined ? <RulePage ruleId={rule} onBack={back} /> : null}
    </OpenRulePage.Provider>
  );
}

function ChosenView({ choice, accountId }: { choice: ViewChoice; accountId?: string }) {
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
          {...(accountId ? { accountId } : {})}
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
