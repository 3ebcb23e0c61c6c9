/** Jira's classic error envelope, `ErrorCollection` in the platform spec. */
export interface JiraErrorBody {
  errorMessages: string[];
  errors: Record<string, string>;
}

/** A refusal a handler throws; the server turns it into Jira's error envelope with this status. */
export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string> = {},
  ) {
    super(errorMessages.join(' ') || `HTTP ${status}`);
  }

  body(): JiraErrorBody {
    return { errorMessages: this.errorMessages, errors: this.errors };
  }
}

export function badRequest(message: string): JiraHttpError {
  return new JiraHttpError(400, [message]);
}

export function notFound(message: string): JiraHttpError {
  return new JiraHttpError(404, [message]);
}

export const ISSUE_NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

export function projectNotFound(projectIdOrKey: string): JiraHttpError {
  return notFound(`No project could be found with key '${projectIdOrKey}'.`);
}
