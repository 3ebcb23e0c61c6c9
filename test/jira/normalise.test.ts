import { generateDemoSite } from '../../src/dev/demo';
import { joinNormalised, normaliseSite } from '../../src/jira/normalise';
import { SNAPSHOT_FORMAT, type RestIssue, type SiteSnapshot } from '../../src/jira/snapshot';

const SPRINT_FIELD = 'customfield_10104';
const POINTS_FIELD = 'customfield_10016';
const START_FIELD = 'customfield_10015';

function site(issues: RestIssue[], extra: Partial<SiteSnapshot> = {}): SiteSnapshot {
  return {
    format: SNAPSHOT_FORMAT,
    capturedAt: '2026-11-22T08:00:00.000Z',
    baseUrl: 'https://example.atlassian.net',
    fields: [
      {
        id: SPRINT_FIELD,
        name: 'Sprint',
        custom: true,
        schema: { type: 'array', custom: 'com.pyxis.greenhopper.jira:gh-sprint', customId: 10104 },
      },
      {
        id: POINTS_FIELD,
        name: 'Story point estimate',
        custom: true,
        schema: { type: 'number', custom: 'com.pyxis.greenhopper.jira:jsw-story-points', customId: 10016 },
      },
      {
        id: START_FIELD,
        name: 'Start date',
        custom: true,
        schema: {
          type: 'date',
          custom: 'com.atlassian.jira.plugin.system.customfieldtypes:datepicker',
          customId: 10015,
        },
      },
    ],
    users: [
      {
        accountId: 'pm-1',
        accountType: 'atlassian',
        displayName: 'Amara Okafor',
        active: true,
        emailAddress: 'amara@example.com',
      },
      { accountId: 'gone-1', accountType: 'atlassian', displayName: 'Former user', active: false },
      { accountId: 'bot-1', accountType: 'app', displayName: 'Automation for Jira', active: true },
    ],
    groups: [],
    projects: [{ id: '100', key: 'MOB', name: 'Mobile' }],
    projectRoles: {},
    boards: [{ id: 7, name: 'MOB board', type: 'scrum', location: { projectKey: 'MOB' } }],
    sprints: {
      '7': [
        {
          id: 31,
          name: 'MOB 31',
          state: 'active',
          startDate: '2026-11-10T09:00:00.000Z',
          endDate: '2026-11-24T09:00:00.000Z',
          goal: 'Checkout v2',
        },
      ],
    },
    issues,
    ...extra,
  };
}

const story: RestIssue = {
  id: '10001',
  key: 'MOB-12',
  fields: {
    summary: 'Pay with saved card',
    issuetype: { id: '10004', name: 'Story', hierarchyLevel: 0 },
    status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
    created: '2026-11-02T10:00:00.000+0800',
    updated: '2026-11-12T10:00:00.000-0500',
    duedate: '2026-11-20',
    [START_FIELD]: '2026-11-10',
    [POINTS_FIELD]: 5,
    [SPRINT_FIELD]: [{ id: 31, name: 'MOB 31', state: 'active', boardId: 7 }],
    parent: { id: '900', key: 'MOB-1' },
    assignee: { accountId: 'gone-1', displayName: 'Former user', active: false },
    reporter: { accountId: 'pm-1', displayName: 'Amara Okafor' },
    creator: { accountId: 'pm-1', displayName: 'Amara Okafor' },
    labels: ['checkout', 7],
    fixVersions: [{ name: '5.2' }, null],
    description: {
      type: 'doc',
      version: 1,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'As a buyer…' }] }],
    },
    comment: {
      comments: [
        {
          id: '501',
          author: { accountId: 'bot-1', displayName: 'Automation for Jira', accountType: 'app' },
          created: '2026-11-03T08:00:00.000+0000',
          body: 'Linked to build 88',
        },
        {
          id: '502',
          author: null,
          created: '2026-11-04T08:00:00.000+0000',
          body: { type: 'doc', version: 1, content: [] },
        },
        { id: '503', created: 'yesterday', body: 'unreadable time' },
      ],
      total: 3,
    },
  },
  changelog: {
    histories: [
      {
        id: '7001',
        author: { accountId: 'pm-1', displayName: 'Amara Okafor' },
        created: '2026-11-05T09:00:00.000+0800',
        items: [
          {
            field: 'Sprint',
            fieldtype: 'custom',
            fieldId: SPRINT_FIELD,
            from: '',
            fromString: '',
            to: '31',
            toString: 'MOB 31',
          },
          {
            field: 'Story point estimate',
            fieldtype: 'custom',
            fieldId: POINTS_FIELD,
            from: null,
            fromString: null,
            to: '5',
            toString: '5',
          },
        ],
      },
      {
        id: '7002',
        author: null,
        created: '2026-11-06T09:00:00.000Z',
        items: [
          { field: 'status', fieldtype: 'jira', fieldId: 'status', fromString: 'To Do', toString: 'In Progress' },
        ],
      },
      { id: '7002', author: null, created: '2026-11-06T09:00:00.000Z', items: [] },
    ],
  },
};

describe('normaliseSite', () => {
  const result = normaliseSite(site([story]));
  const item = result.items[0]!;

  it('builds the item with converted dates, discovered fields and the parent', () => {
    expect(item).toMatchObject({
      key: 'MOB-12',
      projectKey: 'MOB',
      type: { name: 'Story', hierarchyLevel: 0 },
      created: '2026-11-02T02:00:00.000Z',
      updated: '2026-11-12T15:00:00.000Z',
      dueDate: '2026-11-20',
      startDate: '2026-11-10',
      storyPoints: 5,
      sprintIds: [31],
      parentKey: 'MOB-1',
      assigneeId: 'gone-1',
      labels: ['checkout'],
      fixVersions: ['5.2'],
      description: 'As a buyer…',
      status: { name: 'In Progress', category: 'indeterminate' },
    });
    expect(item.userFields).toEqual({ assignee: ['gone-1'], reporter: ['pm-1'], creator: ['pm-1'] });
    expect(item.securityLevelId).toBeUndefined();
  });

  it('keeps the issue security level an issue sits behind, by id', () => {
    const secured = { ...story, fields: { ...story.fields, security: { id: '10100', name: 'Leadership only' } } };
    const numeric = { ...story, fields: { ...story.fields, security: { id: 10100 } } };
    expect(normaliseSite(site([secured])).items[0]!.securityLevelId).toBe('10100');
    expect(normaliseSite(site([numeric])).items[0]!.securityLevelId).toBe('10100');
  });

  it('turns creation, each history and each comment into actions, with meanings', () => {
    expect(result.actions.map((action) => action.id)).toEqual([
      'MOB-12:create',
      'MOB-12:c501',
      'MOB-12:c502',
      'MOB-12:h7001',
      'MOB-12:h7002',
    ]);
    const change = result.actions.find((action) => action.id === 'MOB-12:h7001');
    expect(change).toMatchObject({ kind: 'change', authorId: 'pm-1', at: '2026-11-05T01:00:00.000Z' });
    expect(change?.kind === 'change' && change.changes.map((entry) => entry.meaning)).toEqual([
      'sprint',
      'storyPoints',
    ]);
    const comment = result.actions.find((action) => action.id === 'MOB-12:c501');
    expect(comment).toMatchObject({ kind: 'comment', authorId: 'bot-1', text: 'Linked to build 88' });
  });

  it('says what it skipped instead of dropping it silently', () => {
    expect(result.problems).toEqual([
      { scope: 'comment', ref: 'MOB-12:503', message: expect.stringContaining('readable time') },
    ]);
  });

  it('knows deleted and app accounts, and only lists people the site refers to', () => {
    expect(result.people.map((person) => [person.accountId, person.kind, person.deleted])).toEqual([
      ['bot-1', 'app', false],
      ['gone-1', 'human', true],
      ['pm-1', 'human', false],
    ]);
  });

  it('merges sprints from boards and from the sprint field', () => {
    expect(result.sprints).toEqual([
      {
        id: 31,
        name: 'MOB 31',
        state: 'active',
        boardId: 7,
        startDate: '2026-11-10T09:00:00.000Z',
        endDate: '2026-11-24T09:00:00.000Z',
        goal: 'Checkout v2',
        goalKnown: true,
      },
    ]);
  });

  it('takes unknown issue types, Server sprint strings and missing levels in its stride', () => {
    const odd: RestIssue = {
      id: '2',
      key: 'OLD-7',
      fields: {
        issuetype: { name: 'Initiative-ish' },
        created: '2015-01-01T00:00:00.000+0000',
        [SPRINT_FIELD]: [
          'com.atlassian.greenhopper.service.sprint.Sprint@1a2b[id=12,rapidViewId=3,state=CLOSED,name=Sprint 12,goal=<null>,startDate=2015-01-01T00:00:00.000Z,endDate=2015-01-15T00:00:00.000Z]',
        ],
        summary: null,
        status: null,
      },
    };
    const sub: RestIssue = {
      id: '3',
      key: 'OLD-8',
      fields: { issuetype: { name: 'Sub-task', subtask: true }, created: '2015-01-02T00:00:00.000+0000' },
    };
    const normalised = normaliseSite(site([odd, sub, { id: '4' } as unknown as RestIssue]));
    expect(normalised.items.map((entry) => [entry.key, entry.type.hierarchyLevel, entry.sprintIds])).toEqual([
      ['OLD-7', 0, [12]],
      ['OLD-8', -1, []],
    ]);
    expect(normalised.sprints.find((sprint) => sprint.id === 12)).toMatchObject({
      name: 'Sprint 12',
      state: 'closed',
      boardId: 3,
      startDate: '2015-01-01T00:00:00.000Z',
    });
    expect(normalised.problems).toEqual([
      { scope: 'issue', ref: '4', message: expect.stringContaining('without key') },
    ]);
  });

  it('reads sprints from the agile shape, blanked account ids from self links, and Server user pickers', () => {
    const agile: RestIssue = {
      id: '5',
      key: 'DAEMON-41',
      fields: {
        issuetype: { name: 'Story' },
        created: '2016-01-01T00:00:00.000+0000',
        sprint: { id: 841, name: 'Sprint 2', state: 'active', originBoardId: 114 },
        closedSprints: [{ id: 840, name: 'Sprint 1', state: 'closed', originBoardId: 114 }],
        assignee: {
          accountId: '',
          self: 'https://x.atlassian.net/rest/api/3/user?accountId=5fb48fe2abc',
          displayName: 'Lin',
        },
        customfield_12000: {
          key: 'cbarber',
          name: 'cbarber',
          self: 'https://jira.example.org/rest/api/2/user?username=cbarber',
          displayName: 'C. Barber',
        },
      },
    };
    const normalised = normaliseSite(site([agile]));
    const item = normalised.items[0]!;
    expect(item.sprintIds.sort()).toEqual([840, 841]);
    expect(normalised.sprints.map((sprint) => [sprint.id, sprint.boardId])).toEqual(
      expect.arrayContaining([
        [840, 114],
        [841, 114],
      ]),
    );
    expect(item.assigneeId).toBe('5fb48fe2abc');
    expect(item.userFields.customfield_12000).toEqual(['cbarber']);
  });

  it('survives a snapshot whose lists are missing or of the wrong type', () => {
    const broken = {
      format: SNAPSHOT_FORMAT,
      baseUrl: 'x',
      fields: null,
      users: {},
      issues: 'none',
    } as unknown as SiteSnapshot;
    expect(() => normaliseSite(broken)).not.toThrow();
    expect(normaliseSite(broken).items).toEqual([]);
  });
});

describe('joining sites normalised from batches of one snapshot', () => {
  it('gives what normalising the whole snapshot at once gives', () => {
    const whole = generateDemoSite();
    const batches: SiteSnapshot[] = [];
    for (let start = 0; start < whole.issues.length; start += 37)
      batches.push({ ...whole, issues: whole.issues.slice(start, start + 37) });
    expect(batches.length).toBeGreaterThan(10);
    expect(joinNormalised(batches.map((batch) => normaliseSite(batch)))).toEqual(normaliseSite(whole));
  });
});
