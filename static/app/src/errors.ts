import type { ResolverError } from '../../../src/resolvers/response';

/** What the page was doing when a call failed: it changes what the user can do about it. */
export type Activity = 'board' | 'roadmap' | 'issue' | 'settings' | 'save' | 'refresh' | 'flag' | 'accepted';

export interface ErrorAdvice {
  title: string;
  /** What to try, in a sentence. */
  advice: string;
  /** Whether trying again may help (a retry button). */
  retry: boolean;
}

const SUBJECT: Record<Activity, string> = {
  board: "this board's audit",
  roadmap: 'the roadmap audit',
  issue: "this issue's decisions",
  settings: 'the settings',
  save: 'your settings',
  refresh: 'this project’s latest changes',
  flag: 'this flag',
  accepted: 'the accepted flags',
};

const NOT_FOUND_TITLE: Record<Activity, string> = {
  board: 'This board or sprint was not found',
  roadmap: 'This project was not found',
  issue: 'This issue was not found',
  settings: 'This project was not found',
  save: 'This project was not found',
  refresh: 'This project was not found',
  flag: 'This flag’s project was not found',
  accepted: 'This project was not found',
};

/** The title and advice for a failed call, per error code; the server's own message is shown beside it. */
export function adviceFor(error: Pick<ResolverError, 'code'>, activity: Activity): ErrorAdvice {
  switch (error.code) {
    case 'FORBIDDEN':
      if (activity === 'flag')
        return {
          title: 'You may not accept, snooze or restore this flag',
          advice: 'Jira admins and the admins of the flag’s projects may. Ask one of them.',
          retry: false,
        };
      return activity === 'save'
        ? {
            title: 'You may not change these settings',
            advice:
              'Site settings can be saved by Jira admins; a project’s settings by Jira admins and that project’s admins. Ask one of them to make the change.',
            retry: false,
          }
        : {
            title: `You may not see ${SUBJECT[activity]}`,
            advice:
              'Jira did not let your account read what this page needs. Ask a Jira admin for the Browse projects permission on the projects involved.',
            retry: false,
          };
    case 'NOT_FOUND':
      return {
        title: NOT_FOUND_TITLE[activity],
        advice: 'It may have been deleted, moved or hidden from you. Open the page again from Jira.',
        retry: false,
      };
    case 'INVALID_INPUT':
      if (activity === 'flag')
        return { title: 'This could not be saved', advice: 'Nothing was changed. Fix what is marked.', retry: false };
      return activity === 'save'
        ? {
            title: 'Some settings are not valid',
            advice: 'Nothing was saved. Fix the fields marked below and save again.',
            retry: false,
          }
        : {
            title: 'The page was opened without what it needs',
            advice: 'Open it again from a board, a backlog, a sprint or a project in Jira.',
            retry: false,
          };
    case 'CONFLICT':
      return {
        title: 'Someone else saved these settings',
        advice:
          'They were changed after you opened this page, so your changes were not saved. Reload to see the current settings, then make your changes again.',
        retry: false,
      };
    case 'JIRA_UNAVAILABLE':
      return {
        title: 'Jira did not answer',
        advice: `Jira was not available while reading ${SUBJECT[activity]}. Try again in a minute.`,
        retry: true,
      };
    case 'RATE_LIMITED':
      return {
        title: 'Jira asked the app to slow down',
        advice:
          'Jira is limiting how much the app may read right now (large projects take many requests). Wait a few minutes and try again.',
        retry: true,
      };
    case 'INTERNAL':
    default:
      return {
        title: 'Something went wrong in the app',
        advice: 'Try again. If it keeps happening, tell your Jira admin what the message below says.',
        retry: true,
      };
  }
}
