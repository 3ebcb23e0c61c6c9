import { classifyAction } from '../../src/classify';
import { adfToText } from '../../src/jira/adf';
import { toInstant } from '../../src/jira/dates';
import { normaliseSite } from '../../src/jira/normalise';
import { SNAPSHOT_FORMAT, type RestIssue } from '../../src/jira/snapshot';
import { changed, commented, created, field, item } from '../classify/builders';

/** Counterexamples the properties in this folder found, minimised, kept as ordinary tests. */

describe('adfToText regressions', () => {
  it('leaves out a date node whose timestamp is beyond what a Date holds', () => {
    const body = {
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'due ' },
            { type: 'date', attrs: { timestamp: 1e300 } },
          ],
        },
      ],
    };
    expect(adfToText(body)).toBe('due');
  });

  it('ends on a node that lists itself among its children, keeping the text once', () => {
    const paragraph: { type: string; content: unknown[] } = {
      type: 'paragraph',
      content: [{ type: 'text', text: 'loop' }],
    };
    paragraph.content.push(paragraph, paragraph);
    expect(adfToText({ type: 'doc', version: 1, content: [paragraph] })).toBe('loop');
  });
});

describe('toInstant regressions', () => {
  it.each<[unknown, string]>([
    [1e20, 'an epoch number beyond what a Date holds (toISOString threw)'],
    ['9999-12-31T23:30:00.000-1400', 'a time that falls in year 10000 once in UTC'],
    ['0000-01-01T00:00:00.000+0100', 'a time that falls in year -1 once in UTC'],
    ['+275760-09-13T00:00:00.000Z', 'an expanded year'],
  ])('%p is no time: %s', (value) => {
    expect(toInstant(value)).toBeUndefined();
  });

  it('keeps the first and last instants the model can write', () => {
    expect(toInstant('0000-01-01T00:00:00.000Z')).toBe('0000-01-01T00:00:00.000Z');
    expect(toInstant('9999-12-31T23:59:59.999Z')).toBe('9999-12-31T23:59:59.999Z');
  });
});

const site = (issues: unknown[], extra: Record<string, unknown> = {}) =>
  normaliseSite({
    format: SNAPSHOT_FORMAT,
    baseUrl: 'https://example.atlassian.net',
    fields: [],
    users: [],
    groups: [],
    projects: [],
    projectRoles: {},
    boards: [],
    sprints: {},
    issues: issues as RestIssue[],
    ...extra,
  });

const issue = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: '10000',
  key: 'MOB-1',
  fields: { created: '2026-01-01T00:00:00.000Z', ...fields },
  ...extra,
});

describe('normaliseSite regressions', () => {
  it('takes a user whose self link has a badly escaped account id as nobody instead of throwing', () => {
    const result = site([
      issue({
        assignee: {
          accountId: '',
          displayName: 'Linked',
          self: 'https://example.atlassian.net/rest/api/3/user?accountId=%E0%A4%A',
        },
      }),
    ]);
    expect(result.items[0]?.assigneeId).toBeUndefined();
    expect(result.people).toEqual([]);
  });
});

describe('normaliseSite regressions: repeated and broken ids', () => {
  it('keeps a comment listed twice once, as it does a history', () => {
    const comment = { id: '500', created: '2026-01-02T00:00:00.000Z', body: 'Looks good' };
    const result = site([issue({ comment: { comments: [comment, { ...comment }], total: 2 } })]);
    expect(result.actions.map((action) => action.id)).toEqual(['MOB-1:create', 'MOB-1:c500']);
  });

  it.each([[{}], [true], [''], [[]]])('skips a history or comment whose id is %p, with a problem', (id) => {
    const result = site([
      issue(
        { comment: [{ id, created: '2026-01-02T00:00:00.000Z' }] },
        { changelog: { histories: [{ id, created: '2026-01-02T00:00:00.000Z', items: [] }] } },
      ),
    ]);
    expect(result.actions.map((action) => action.id)).toEqual(['MOB-1:create']);
    expect(result.problems.map((problem) => problem.scope)).toEqual(['history', 'comment']);
  });
});

describe('normaliseSite regressions: junk among the site lists', () => {
  it('skips null and id-less boards, projects, groups and field entries with a problem instead of throwing', () => {
    const result = site([], {
      boards: [
        null,
        { name: 'No id', type: 'scrum' },
        { id: 3, name: 'Kept', type: 0 },
        { id: 3, name: 'Again', type: 'scrum' },
      ],
      projects: [
        null,
        { id: '1', name: 'No key' },
        { id: '2', key: 'MOB', name: 'Mobile' },
        { id: '3', key: 'MOB', name: 'Again' },
      ],
      projectRoles: {
        MOB: [
          null,
          { id: 'x', name: 'Broken' },
          { id: 10002, name: 'Product Owner', actors: [null, { type: 'atlassian-user-role-actor', actorUser: null }] },
        ],
      },
      groups: [
        null,
        { name: '', members: [] },
        { name: 'product-managers', members: ['acct:1', 7] },
        { name: 'product-managers', members: [] },
      ],
      fields: [
        null,
        { id: 'customfield_1' },
        {
          id: 'customfield_10020',
          name: 'Sprint',
          schema: { type: 'array', custom: 'com.pyxis.greenhopper.jira:gh-sprint', customId: 'x' },
        },
      ],
    });
    expect(result.boards).toEqual([{ id: 3, name: 'Kept', type: '0' }]);
    expect(result.projects).toEqual([
      {
        id: '2',
        key: 'MOB',
        name: 'Mobile',
        roles: [{ id: 10002, name: 'Product Owner', accountIds: [], groupNames: [] }],
      },
    ]);
    expect(result.groups).toEqual([{ name: 'product-managers', memberIds: ['acct:1'] }]);
    expect(result.fields.sprint).toBe('customfield_10020');
    expect(result.problems.map((problem) => `${problem.scope} ${problem.message}`)).toEqual([
      'project Project without a key skipped',
      'project Project without a key skipped',
      'project Project listed twice; the first copy was kept',
      'project Project role without a numeric id skipped',
      'project Project role without a numeric id skipped',
      'site Group without a name skipped',
      'site Group without a name skipped',
      'site Group listed twice; the first copy was kept',
      'board Board without a numeric id skipped',
      'board Board without a numeric id skipped',
      'board Board listed twice; the first copy was kept',
    ]);
  });

  it('skips an issue whose fields are a list or whose key is not a string', () => {
    const result = site([
      { id: '1', key: 'MOB-1', fields: [] },
      { id: '2', key: 0, fields: { summary: 'no key' } },
    ]);
    expect(result.items).toEqual([]);
    expect(result.problems).toEqual([
      { scope: 'issue', ref: '1', message: 'Issue without key or fields skipped' },
      { scope: 'issue', ref: '2', message: 'Issue without key or fields skipped' },
    ]);
  });

  it('gives a changelog field called "constructor" or "__proto__" no meaning rather than one read off Object.prototype', () => {
    const histories = ['constructor', '__proto__', 'toString'].map((field, index) => ({
      id: String(index),
      created: '2026-01-02T00:00:00.000Z',
      items: [{ field, toString: 'x' }],
    }));
    const result = site([issue({}, { changelog: { histories } })]);
    expect(
      result.actions.flatMap((action) =>
        action.kind === 'change' ? action.changes.map((change) => change.meaning) : [],
      ),
    ).toEqual(['other', 'other', 'other']);
  });

  it('reports a site without a base URL and gives it an empty one', () => {
    const result = site([], { baseUrl: 42 });
    expect(result.baseUrl).toBe('');
    expect(result.problems).toEqual([{ scope: 'site', ref: 'baseUrl', message: 'Site without a base URL' }]);
  });
});

describe('classifier regressions', () => {
  it('keeps the reason on one line when the issue type name holds line breaks', () => {
    const subject = item('story', { summary: '', type: { name: 'line one\r\nline two\ttab', hierarchyLevel: 0 } });
    expect(classifyAction(commented('Noted'), { item: subject }).reason).toBe(
      'Commented on the line one line two tab without recording a decision',
    );
    expect(classifyAction(created(), { item: subject }).reason).toBe(
      'Created a line one line two tab with no sign of a planning decision',
    );
  });

  // The edit distance was quadratic: this took eight minutes, past Jest's five-second limit for a test.
  it('judges a typo fix in a 60,000-character summary', () => {
    const before = 'a'.repeat(60_000);
    const result = classifyAction(changed([field('summary', 'Summary', before, `${before.slice(0, -1)}b`)]), {
      item: item('story'),
    });
    expect(result.reason).toBe("Fixed a typo in the story's summary");
  });
});
