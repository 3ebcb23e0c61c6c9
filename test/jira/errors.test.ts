import { PagingError } from '../../src/jira/api/paging';
import { JiraError } from '../../src/jira/client';
import { classifyJiraFailure } from '../../src/jira/errors';

const answered = (status: number, transient = false) =>
  new JiraError(`GET /x answered ${status}`, status, { method: 'GET', path: '/x' }, transient);

describe('classifyJiraFailure', () => {
  it.each([
    [answered(401), 'denied'],
    [answered(403), 'denied'],
    [answered(404), 'not-found'],
    [answered(400), 'refused'],
    [answered(410), 'refused'],
    [answered(429, true), 'rate-limited'],
    [answered(503, true), 'unavailable'],
    [answered(0, true), 'unavailable'],
    [new PagingError('the same nextPageToken twice'), 'unavailable'],
    [answered(302), 'unexpected'],
  ])('classifies %s as %s', (error, failure) => {
    expect(classifyJiraFailure(error)).toBe(failure);
  });

  it('leaves what is not a Jira failure unclassified', () => {
    expect(classifyJiraFailure(new Error('bug'))).toBeUndefined();
    expect(classifyJiraFailure('text')).toBeUndefined();
  });
});
