import { DEFAULT_CLOUD_FIELDS, readLabeledCases } from '../../src/jira/labeled';
import { discoverFieldCandidates } from '../../src/jira/fields';

const user = { accountId: '5b10a2844c20165700ede21g', displayName: 'Someone' };
const adf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

const epic = {
  id: '12906',
  key: 'PAY-806',
  fields: {
    issuetype: { id: '10000', name: 'Epic', subtask: false, hierarchyLevel: 1 },
    summary: 'Refunds API v2',
    created: '2026-05-11T09:50:02.000+0000',
    status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
    customfield_10022: '2026-08-03',
    customfield_10023: '2026-11-13',
    customfield_10020: [
      {
        id: 427,
        name: 'PAY Sprint 27',
        state: 'active',
        boardId: 9,
        startDate: '2026-11-02T08:00:00.000Z',
        endDate: '2026-11-13T17:00:00.000Z',
      },
    ],
    labels: [],
    parent: {
      id: '12677',
      key: 'PAY-577',
      fields: { summary: 'Payment orchestration', issuetype: { name: 'Initiative', hierarchyLevel: 2 } },
    },
    fixVersions: [{ id: '10268', name: 'PAY 2026.11', released: false, releaseDate: '2026-11-17' }],
  },
};

const line = (value: unknown) => JSON.stringify(value);
const change = {
  id: 'c1',
  issue: epic,
  action: {
    kind: 'change',
    history: {
      id: '97770',
      author: user,
      created: '2026-10-14T10:05:25.000+0000',
      items: [
        {
          field: 'Target end',
          fieldtype: 'custom',
          fieldId: 'customfield_10023',
          from: null,
          fromString: '2026-11-06',
          to: null,
          toString: '2026-11-13',
        },
      ],
    },
  },
  label: 'tactical',
  criteria: ['C5', 'C3', 'X9'],
  why: 'A one-week slip.',
};
const comment = {
  id: 'c2',
  issue: epic,
  action: {
    kind: 'comment',
    comment: { id: '28168', author: user, created: '2026-10-20T10:00:00.000+0000', body: adf('Sprint goal agreed.') },
  },
  label: 'tactical',
};
const create = {
  id: 'c3',
  issue: epic,
  action: { kind: 'create', author: user, created: '2026-05-11T09:50:02.000+0000' },
  label: 'strategic',
};

describe('DEFAULT_CLOUD_FIELDS', () => {
  it('is found by field discovery as Jira Cloud’s default fields', () => {
    expect(discoverFieldCandidates(DEFAULT_CLOUD_FIELDS)).toMatchObject({
      sprint: ['customfield_10020'],
      storyPoints: ['customfield_10016', 'customfield_10028'],
      startDate: ['customfield_10015'],
      rank: ['customfield_10019'],
      targetStart: ['customfield_10022'],
      targetEnd: ['customfield_10023'],
      team: ['customfield_10001'],
      epicLink: ['customfield_10014'],
      flagged: ['customfield_10021'],
    });
  });
});

describe('readLabeledCases', () => {
  it('turns a change case into the domain objects production would see', () => {
    const { cases, problems } = readLabeledCases(line(change));
    expect(problems).toEqual([]);
    const [read] = cases;
    expect(read).toMatchObject({
      id: 'c1',
      line: 1,
      label: 'tactical',
      criteria: ['C5', 'C3'],
      why: 'A one-week slip.',
    });
    expect(read?.action).toMatchObject({
      id: 'PAY-806:h97770',
      kind: 'change',
      at: '2026-10-14T10:05:25.000Z',
      changes: [{ meaning: 'targetEnd', toText: '2026-11-13' }],
    });
    expect(read?.context.item).toMatchObject({
      key: 'PAY-806',
      type: { name: 'Epic', hierarchyLevel: 1 },
      targetEnd: '2026-11-13',
      sprintIds: [427],
      parentKey: 'PAY-577',
    });
    expect(read?.context.parent).toMatchObject({
      key: 'PAY-577',
      summary: 'Payment orchestration',
      type: { hierarchyLevel: 2 },
    });
    expect(read?.context.sprints?.get(427)).toMatchObject({ name: 'PAY Sprint 27', state: 'active' });
    expect(read?.context.releases?.get('PAY 2026.11')).toBe('2026-11-17');
  });

  it('maps comments and creations to their actions', () => {
    const { cases } = readLabeledCases([line(comment), line(create)].join('\n'));
    expect(cases.map((read) => read.action)).toMatchObject([
      { id: 'PAY-806:c28168', kind: 'comment', text: 'Sprint goal agreed.' },
      { id: 'PAY-806:create', kind: 'create', at: '2026-05-11T09:50:02.000Z' },
    ]);
  });

  it('uses a catalogue the case brings instead of the defaults', () => {
    const own = {
      ...change,
      fields: [
        {
          id: 'customfield_10023',
          name: 'Planned finish',
          schema: { type: 'date', custom: 'com.atlassian.jpo:jpo-custom-field-baseline-end', customId: 10023 },
        },
      ],
    };
    const [read] = readLabeledCases(line(own)).cases;
    expect(read?.action).toMatchObject({ changes: [{ meaning: 'targetEnd' }] });
    expect(read?.context.item.sprintIds).toEqual([]);
  });

  it('reports each bad line by number and still reads the others', () => {
    const text = [
      line(change),
      '{not json',
      line({ id: 'no-action', issue: epic }),
      line({ id: 'vote', issue: epic, action: { kind: 'vote' } }),
      line({ id: 'no-key', issue: { fields: {} }, action: { kind: 'create' } }),
      line({
        id: 'no-items',
        issue: epic,
        action: { kind: 'change', history: { id: '1', created: '2026-10-14T10:05:25.000+0000' } },
      }),
      line({ id: 'bad-label', issue: epic, action: comment.action, label: 'urgent' }),
      '',
      line(comment),
      '[]',
    ].join('\n');
    const { cases, problems } = readLabeledCases(text);
    expect(cases.map((read) => read.id)).toEqual(['c1', 'c2']);
    expect(problems).toEqual([
      { line: 2, message: expect.stringMatching(/^not JSON/) },
      { line: 3, id: 'no-action', message: 'the case has no action' },
      { line: 4, id: 'vote', message: 'unknown action kind "vote" (expected create, change or comment)' },
      { line: 5, id: 'no-key', message: 'the issue has no key' },
      { line: 6, id: 'no-items', message: 'the change history has no items' },
      { line: 7, id: 'bad-label', message: 'label "urgent" is not one of strategic, tactical, neutral' },
      { line: 10, message: 'the case is not a JSON object' },
    ]);
  });

  it('says when the action cannot be read', () => {
    const timeless = { id: 'timeless', issue: epic, action: { kind: 'comment', comment: { id: '9', body: 'hi' } } };
    expect(readLabeledCases(line(timeless)).problems).toEqual([
      {
        line: 1,
        id: 'timeless',
        message: 'the comment action could not be read (Comment without id or readable time skipped)',
      },
    ]);
  });
});
