import fc from 'fast-check';
import { SNAPSHOT_FORMAT, type Json, type JsonObject } from '../../src/jira/snapshot';
import { adfDocument } from './adf-documents';
import {
  calendarDate,
  hostileText,
  jiraInstant,
  jiraTime,
  junk,
  loosely,
  shortText,
  unreadableTime,
} from './arbitraries';

/**
 * Jira-like site snapshots (shared/site-snapshot.md): the REST shapes, mostly valid, with junk among every list,
 * optional fields of the wrong type, unknown types, statuses and fields, odd times, deleted, app and Server users,
 * duplicated ids and hostile text. Issues, histories and comments are generated either well-formed or broken on
 * purpose, and `expected` says what a normaliser must make of them.
 */

export interface Expected {
  /** Per well-formed issue key (first copy): how many change and comment actions it must give. */
  items: Map<string, { changes: number; comments: number }>;
  /** Problems the broken parts must be reported with, by scope. */
  problems: { issue: number; history: number; comment: number };
}

export interface TaggedSnapshot {
  snapshot: JsonObject;
  expected: Expected;
}

/** Field ids of this generated site; the catalog lists some of them, so the rest are unknown fields on issues. */
const FIELD = {
  sprint: 'customfield_10020',
  points: 'customfield_10016',
  pointsOld: 'customfield_10002',
  start: 'customfield_10015',
  rank: 'customfield_10019',
  team: 'customfield_10001',
  targetStart: 'customfield_10022',
  targetEnd: 'customfield_10023',
  parentLink: 'customfield_10018',
  epicLink: 'customfield_10014',
  owner: 'customfield_10042',
} as const;

const CATALOG: Json[] = [
  {
    id: FIELD.sprint,
    name: 'Sprint',
    custom: true,
    schema: { type: 'array', items: 'json', custom: 'com.pyxis.greenhopper.jira:gh-sprint', customId: 10020 },
  },
  {
    id: FIELD.points,
    name: 'Story point estimate',
    custom: true,
    schema: { type: 'number', custom: 'com.pyxis.greenhopper.jira:jsw-story-points', customId: 10016 },
  },
  {
    id: FIELD.pointsOld,
    name: 'Story Points',
    custom: true,
    schema: { type: 'number', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:float', customId: 10002 },
  },
  {
    id: FIELD.start,
    name: 'Start date',
    custom: true,
    schema: { type: 'date', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:datepicker', customId: 10015 },
  },
  {
    id: FIELD.rank,
    name: 'Rank',
    custom: true,
    schema: { type: 'any', custom: 'com.pyxis.greenhopper.jira:gh-lexo-rank', customId: 10019 },
  },
  {
    id: 'customfield_10119',
    name: 'Rank (Obsolete)',
    custom: true,
    schema: { type: 'any', custom: 'com.pyxis.greenhopper.jira:gh-lexo-rank', customId: 10119 },
  },
  {
    id: FIELD.team,
    name: 'Team',
    custom: true,
    schema: { type: 'team', custom: 'com.atlassian.teams:rm-teams-custom-field-team', customId: 10001 },
  },
  {
    id: FIELD.targetStart,
    name: 'Target start',
    custom: true,
    schema: { type: 'date', custom: 'com.atlassian.jpo:jpo-custom-field-baseline-start', customId: 10022 },
  },
  {
    id: FIELD.targetEnd,
    name: 'Target end',
    custom: true,
    schema: { type: 'date', custom: 'com.atlassian.jpo:jpo-custom-field-baseline-end', customId: 10023 },
  },
  {
    id: FIELD.parentLink,
    name: 'Parent Link',
    custom: true,
    schema: { type: 'any', custom: 'com.atlassian.jpo:jpo-custom-field-parent', customId: 10018 },
  },
  {
    id: FIELD.epicLink,
    name: 'Epic Link',
    custom: true,
    schema: { type: 'any', custom: 'com.pyxis.greenhopper.jira:gh-epic-link', customId: 10014 },
  },
  {
    id: FIELD.owner,
    name: 'Product owner',
    custom: true,
    schema: { type: 'user', custom: 'com.atlassian.jira.plugin.system.customfieldtypes:userpicker', customId: 10042 },
  },
  { id: 'summary', key: 'summary', name: 'Summary', custom: false, schema: { type: 'string', system: 'summary' } },
  { id: 'duedate', key: 'duedate', name: 'Due date', custom: false, schema: { type: 'date', system: 'duedate' } },
];

const PROJECT_KEYS = ['MOB', 'WEB', 'PAY'] as const;

/** Junk dropped into a list at random places: what a foreign export or a hand edit leaves among the entries. */
function withJunk<T extends Json>(entries: fc.Arbitrary<T[]>, maxJunk = 2): fc.Arbitrary<Json[]> {
  return fc.tuple(entries, fc.array(fc.tuple(fc.nat(), junk), { maxLength: maxJunk })).map(([list, extra]) => {
    const result: Json[] = [...list];
    for (const [at, value] of extra) result.splice(at % (result.length + 1), 0, value);
    return result;
  });
}

const hexId = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });

/** Cloud account ids look like this; the prefix keeps them apart from any generated text. */
export const ACCOUNT_PREFIX = 'acct:';
const accountId = hexId(8).map((hex) => `${ACCOUNT_PREFIX}${hex}`);

const accountType = fc.constantFrom<Json>('atlassian', 'app', 'customer', 'unknown', null, 7);

const restUser: fc.Arbitrary<JsonObject> = fc.record(
  {
    accountId,
    accountType,
    displayName: fc.oneof(shortText, fc.constant('Former user'), fc.constant('Automation for Jira')),
    active: loosely(fc.boolean()),
    emailAddress: fc.oneof(
      hexId(4).map((hex) => `${hex}@example.com`),
      junk,
    ),
    timeZone: fc.constantFrom('Europe/Berlin', 'Asia/Shanghai'),
  },
  { requiredKeys: ['accountId'] },
);

/** How issues, histories and comments point at people: known accounts, strangers, the deleted, Server users, junk. */
function userRef(users: readonly JsonObject[]): fc.Arbitrary<Json> {
  const known = users.length > 0 ? [{ weight: 6, arbitrary: fc.constantFrom(...users) }] : [];
  return fc.oneof(
    ...known,
    { weight: 2, arbitrary: restUser },
    { weight: 1, arbitrary: accountId.map((id) => ({ accountId: id, displayName: 'Former user', active: false })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('jsmith', 'admin', 'ü-ser').map((key) => ({
        key,
        name: key,
        displayName: `Server ${key}`,
        self: `https://jira.example.com/rest/api/2/user?username=${key}`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom('acct%3Aabc', '%E0%A4%A', '%', 'x%ZZ', '').map((encoded) => ({
        accountId: '',
        displayName: 'Linked',
        self: `https://example.atlassian.net/rest/api/3/user?accountId=${encoded}`,
      })),
    },
    { weight: 2, arbitrary: junk },
  );
}

const issueType: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    { id: '10000', name: 'Initiative', hierarchyLevel: 2 },
    { id: '10001', name: 'Epic', hierarchyLevel: 1 },
    { id: '10002', name: 'Story', hierarchyLevel: 0 },
    { id: '10003', name: 'Bug', hierarchyLevel: 0 },
    { id: '10004', name: 'Sub-task', hierarchyLevel: -1, subtask: true },
    { id: '10005', name: 'Idea', hierarchyLevel: 0 },
    { name: 'Epic' },
    { name: 'Subtarea', subtask: true },
  ),
  fc.record(
    {
      id: fc.oneof(hexId(5), junk),
      name: loosely(shortText),
      hierarchyLevel: loosely(fc.integer({ min: -3, max: 6 })),
      subtask: loosely(fc.boolean()),
    },
    { requiredKeys: [] },
  ),
);

const status: fc.Arbitrary<Json> = fc.record(
  {
    name: loosely(
      fc.oneof(
        fc.constantFrom('To Do', 'In Progress', 'Done', "Won't Do", 'UAT', 'Ready for development', '完了'),
        shortText,
      ),
    ),
    statusCategory: loosely(fc.record({ key: fc.constantFrom('new', 'indeterminate', 'done', 'undefined') })),
  },
  { requiredKeys: [] },
);

const sprintState = fc.constantFrom<Json>('active', 'closed', 'future', 'ACTIVE', null, 3);

const sprintObject: fc.Arbitrary<JsonObject> = fc.record(
  {
    id: fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 1, max: 40 }) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }).map(String) },
      { weight: 1, arbitrary: junk },
    ),
    state: sprintState,
    name: loosely(shortText),
    startDate: jiraTime,
    endDate: jiraTime,
    completeDate: jiraTime,
    originBoardId: loosely(fc.integer({ min: 1, max: 6 })),
    boardId: loosely(fc.integer({ min: 1, max: 6 })),
    goal: loosely(hostileText),
  },
  { requiredKeys: ['id'] },
);

/** Jira Server's Sprint field value: `com.atlassian.greenhopper.service.sprint.Sprint@1a[id=12,…]`. */
const serverSprint: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 1, max: 40 }),
    fc.integer({ min: 1, max: 6 }),
    fc.constantFrom('ACTIVE', 'CLOSED', 'FUTURE'),
    jiraInstant,
    fc.string({ unit: 'grapheme-ascii', maxLength: 12 }),
  )
  .map(
    ([id, board, state, start, name]) =>
      `com.atlassian.greenhopper.service.sprint.Sprint@1a2b[id=${id},rapidViewId=${board},state=${state},name=${name},startDate=${start.text},endDate=<null>,completeDate=<null>,sequence=${id},goal=]`,
  );

const changeItem: fc.Arbitrary<Json> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      {
        field: loosely(
          fc.oneof(
            fc.constantFrom(
              'Sprint',
              'Rank',
              'status',
              'duedate',
              'Story point estimate',
              'Fix Version',
              'Link',
              'Epic Link',
              'IssueParentAssociation',
              'labels',
              'summary',
              'description',
              'assignee',
              'Target end',
              'Business value',
            ),
            shortText,
          ),
        ),
        fieldtype: fc.constantFrom('jira', 'custom'),
        fieldId: loosely(
          fc.oneof(
            fc.constantFrom(
              ...Object.values(FIELD),
              'status',
              'duedate',
              'fixVersions',
              'labels',
              'summary',
              'description',
              'assignee',
              'issuetype',
              'priority',
            ),
            shortText,
          ),
        ),
        from: loosely(fc.oneof(calendarDate, fc.constantFrom('12, 13', '31', ''), shortText)),
        fromString: loosely(hostileText),
        to: loosely(fc.oneof(calendarDate, fc.constantFrom('12, 13', '31', ''), shortText)),
        toString: loosely(hostileText),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: junk },
);

type Entry<T> = { kind: 'good'; value: T } | { kind: 'bad'; value: Json } | { kind: 'again' };

/** Entries that are well-formed, broken, or a repeat of an earlier well-formed one (same id). */
function entries<T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<Json>, maxLength: number): fc.Arbitrary<Array<Entry<T>>> {
  return fc.array(
    fc.oneof(
      { weight: 6, arbitrary: good.map((value): Entry<T> => ({ kind: 'good', value })) },
      { weight: 1, arbitrary: bad.map((value): Entry<T> => ({ kind: 'bad', value })) },
      { weight: 1, arbitrary: fc.constant<Entry<T>>({ kind: 'again' }) },
    ),
    { maxLength },
  );
}

/** Not an id: what `id` holds in broken histories and comments. */
const notAnId = fc.constantFrom<Json | undefined>(undefined, null, '', {}, [], true);

/** Histories or comments of one issue and how many of them must become actions (ids are made unique by position). */
function records(
  good: fc.Arbitrary<JsonObject>,
  stamp: (id: string | number, time: Json) => JsonObject,
  badTimeOnly: fc.Arbitrary<JsonObject>,
  idBase: number,
) {
  const bad = fc.oneof(
    fc
      .tuple(badTimeOnly, notAnId, jiraTime)
      .map(([value, id, time]) => (id === undefined ? { ...value, created: time } : { ...value, id, created: time })),
    fc.tuple(badTimeOnly, unreadableTime).map(([value, time]) => ({ ...value, id: 'x1', created: time })),
    fc.constantFrom<Json>(null, 'history', 42),
  );
  return entries(fc.tuple(good, jiraInstant), bad, 5).map((list) => {
    const out: Json[] = [];
    const kept: JsonObject[] = [];
    let problems = 0;
    list.forEach((entry, index) => {
      if (entry.kind === 'good') {
        const id = index % 2 === 0 ? String(idBase + index) : idBase + index;
        const record = stamp(id, entry.value[1].text);
        out.push({ ...entry.value[0], ...record });
        kept.push(record);
      } else if (entry.kind === 'bad') {
        // A broken record's id never repeats a good one, so only its brokenness decides its fate.
        out.push(
          isObject(entry.value) && entry.value.id === 'x1' ? { ...entry.value, id: `bad-${index}` } : entry.value,
        );
        problems++;
      } else if (kept.length > 0) {
        out.push({ ...(kept[kept.length - 1] as JsonObject) });
      }
    });
    return { list: out, good: kept.length, problems };
  });
}

function isObject(value: Json): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

interface IssueBody {
  fields: JsonObject;
  histories: Json[];
  expected: {
    changes: number;
    comments: number;
    historyProblems: number;
    commentProblems: number;
    createdReadable: boolean;
  };
}

function issueBody(users: readonly JsonObject[]): fc.Arbitrary<IssueBody> {
  const person = userRef(users);
  const history = records(
    fc.record(
      {
        author: person,
        items: fc.oneof(
          { weight: 6, arbitrary: withJunk(fc.array(changeItem, { maxLength: 4 }), 1) },
          { weight: 1, arbitrary: junk },
        ),
      },
      { requiredKeys: [] },
    ),
    (id, created) => ({ id, created }),
    fc.record({ author: person, items: fc.array(changeItem, { maxLength: 2 }) }),
    7000,
  );
  const comment = records(
    fc.record(
      {
        author: person,
        updateAuthor: person,
        body: fc.oneof(
          adfDocument({ rich: true, maxDepth: 2 }).map((document) => document.doc as Json),
          hostileText,
          junk,
        ),
        updated: jiraTime,
        jsdPublic: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    (id, created) => ({ id, created }),
    fc.record({ body: hostileText }),
    500,
  );
  const created = fc.oneof(
    { weight: 8, arbitrary: jiraInstant.map((time) => ({ text: time.text, readable: true })) },
    { weight: 1, arbitrary: unreadableTime.map((text) => ({ text, readable: false })) },
  );
  const fields = fc.record(
    {
      summary: loosely(hostileText),
      issuetype: loosely(issueType),
      status: loosely(status),
      updated: jiraTime,
      resolutiondate: jiraTime,
      duedate: calendarDate,
      project: loosely(fc.record({ id: hexId(5), key: fc.constantFrom(...PROJECT_KEYS) })),
      parent: loosely(fc.record({ id: hexId(5), key: fc.constantFrom('MOB-1', 'WEB-2', 'PAY-404', '') })),
      assignee: person,
      reporter: person,
      creator: person,
      priority: loosely(fc.record({ name: fc.oneof(fc.constantFrom('Highest', 'High', 'Medium', 'Low'), shortText) })),
      labels: loosely(withJunk(fc.array(shortText, { maxLength: 4 }), 1)),
      fixVersions: loosely(
        withJunk(
          fc.array(
            fc.record({
              name: loosely(fc.oneof(fc.constantFrom('2027.03', 'Q3 2027', 'v5.2'), shortText)),
              releaseDate: calendarDate,
            }),
            { maxLength: 3 },
          ),
          1,
        ),
      ),
      description: fc.oneof(
        adfDocument({ rich: true, maxDepth: 3 }).map((document) => document.doc as Json),
        hostileText,
        junk,
      ),
      [FIELD.sprint]: loosely(
        withJunk(fc.array(fc.oneof(sprintObject as fc.Arbitrary<Json>, serverSprint), { maxLength: 3 }), 1),
      ),
      sprint: loosely(sprintObject),
      closedSprints: loosely(fc.array(sprintObject, { maxLength: 2 })),
      [FIELD.points]: loosely(
        fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constantFrom('5', '', 'three')),
      ),
      [FIELD.pointsOld]: loosely(fc.integer({ min: 0, max: 40 })),
      [FIELD.start]: calendarDate,
      [FIELD.targetStart]: calendarDate,
      [FIELD.targetEnd]: calendarDate,
      [FIELD.team]: loosely(
        fc.oneof(fc.record({ id: hexId(6), name: shortText }), fc.record({ title: shortText }), shortText),
      ),
      [FIELD.parentLink]: loosely(
        fc.oneof(
          fc.constantFrom('MOB-1', 'WEB-7'),
          fc.record({ data: fc.record({ key: fc.constantFrom('MOB-1', 'PAY-3') }) }),
        ),
      ),
      [FIELD.epicLink]: loosely(fc.constantFrom('MOB-2', 'WEB-1')),
      [FIELD.owner]: person,
      [FIELD.rank]: loosely(fc.constantFrom('0|i0000f:', '0|hzzzzz:')),
      customfield_19999: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
      watchers: loosely(fc.record({ watchers: fc.array(person, { maxLength: 2 }) })),
    },
    { requiredKeys: [] },
  );
  return fc
    .tuple(fields, created, history, comment, fc.boolean(), fc.integer({ min: 0, max: 3 }))
    .map(([values, createdAt, histories, comments, commentsAsList, total]) => ({
      fields: {
        ...values,
        created: createdAt.text,
        comment: commentsAsList
          ? comments.list
          : { comments: comments.list, total: comments.list.length + total, maxResults: 50, startAt: 0 },
      },
      histories: histories.list,
      expected: {
        changes: histories.good,
        comments: comments.good,
        historyProblems: histories.problems,
        commentProblems: comments.problems,
        createdReadable: createdAt.readable,
      },
    }));
}

/** Not an issue: what a broken export puts where one belongs. */
const notAnIssue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, 'MOB-1', 12, [], {}),
  fc.record({
    id: hexId(5),
    key: fc.oneof(fc.integer(), fc.constant(null)),
    fields: fc.constant({ summary: 'no key' }),
  }),
  fc.record({ id: hexId(5), key: fc.constant('ZZZ-1'), fields: fc.constantFrom<Json>(null, 'fields', 3, []) }),
  fc.record({ id: hexId(5), key: fc.constant('ZZZ-2') }),
);

function issues(users: readonly JsonObject[]) {
  return fc
    .array(
      fc.oneof(
        { weight: 8, arbitrary: issueBody(users).map((body) => ({ kind: 'good' as const, body })) },
        { weight: 1, arbitrary: notAnIssue.map((value) => ({ kind: 'bad' as const, value })) },
        { weight: 1, arbitrary: fc.constant({ kind: 'again' as const }) },
      ),
      { maxLength: 8 },
    )
    .map((list) => {
      const out: Json[] = [];
      const expected: Expected = { items: new Map(), problems: { issue: 0, history: 0, comment: 0 } };
      const kept: JsonObject[] = [];
      list.forEach((entry, index) => {
        if (entry.kind === 'bad') {
          out.push(entry.value);
          expected.problems.issue++;
        } else if (entry.kind === 'again') {
          const first = kept[index % Math.max(1, kept.length)];
          if (!first) return;
          out.push({ ...first, id: `copy-${index}`, fields: { summary: 'A second copy' } });
          expected.problems.issue++;
        } else {
          const { fields, histories, expected: counts } = entry.body;
          const project = PROJECT_KEYS[index % PROJECT_KEYS.length] as string;
          const key = `${project}-${index + 1}`;
          const issue: JsonObject = {
            id: String(10000 + index),
            key,
            self: `https://example.atlassian.net/rest/api/3/issue/${10000 + index}`,
            fields,
            changelog: { startAt: 0, maxResults: 100, total: histories.length, histories },
          };
          out.push(issue);
          kept.push(issue);
          expected.items.set(key, { changes: counts.changes, comments: counts.comments });
          expected.problems.issue += counts.createdReadable ? 0 : 1;
          expected.problems.history += counts.historyProblems;
          expected.problems.comment += counts.commentProblems;
        }
      });
      return { list: out, expected };
    });
}

function projects(users: readonly JsonObject[]) {
  const person = userRef(users);
  const project = fc.record(
    {
      id: fc.oneof(hexId(5), fc.integer({ min: 1, max: 99999 })),
      key: fc.constantFrom(...PROJECT_KEYS),
      name: loosely(shortText),
      projectTypeKey: fc.constantFrom('software', 'business', 'product_discovery'),
      style: loosely(fc.constantFrom('classic', 'next-gen')),
      simplified: fc.boolean(),
      lead: person,
    },
    { requiredKeys: ['id', 'key'] },
  );
  const actor = fc.oneof(
    person.map((user) => ({
      type: 'atlassian-user-role-actor',
      displayName: 'Someone',
      actorUser: isObject(user) && typeof user.accountId === 'string' ? { accountId: user.accountId } : user,
    })),
    fc.record({
      type: fc.constant('atlassian-group-role-actor'),
      displayName: shortText,
      actorGroup: loosely(
        fc.record(
          { name: loosely(fc.constantFrom('product-managers', 'product-owners', 'jira-users')), groupId: hexId(6) },
          { requiredKeys: [] },
        ),
      ),
    }),
    junk,
  );
  const role = fc.record({
    id: loosely(fc.integer({ min: 10000, max: 10010 })),
    name: loosely(
      fc.oneof(fc.constantFrom('Product Manager', 'Product Owner', 'Developers', 'Administrators'), shortText),
    ),
    actors: loosely(withJunk(fc.array(actor, { maxLength: 4 }))),
  });
  return fc.tuple(
    withJunk(fc.array(project, { maxLength: 4 })),
    fc.dictionary(
      fc.oneof(fc.constantFrom(...PROJECT_KEYS), shortText),
      loosely(withJunk(fc.array(role, { maxLength: 3 }))),
      { maxKeys: 4 },
    ),
  );
}

function groups(users: readonly JsonObject[]) {
  const member = fc.oneof(
    ...(users.length > 0 ? [fc.constantFrom(...users.map((user) => user.accountId as Json))] : []),
    accountId,
    junk,
  );
  return withJunk(
    fc.array(
      fc.record({
        name: loosely(fc.constantFrom('product-managers', 'product-owners', 'jira-users', '')),
        groupId: hexId(6),
        members: loosely(fc.array(member, { maxLength: 4 })),
      }),
      { maxLength: 3 },
    ),
  );
}

const boards = withJunk(
  fc.array(
    fc.record({
      id: loosely(fc.integer({ min: 1, max: 6 })),
      name: loosely(shortText),
      type: loosely(fc.constantFrom('scrum', 'kanban', 'simple')),
      location: loosely(
        fc.record(
          { projectId: fc.integer({ min: 10000, max: 10005 }), projectKey: loosely(fc.constantFrom(...PROJECT_KEYS)) },
          { requiredKeys: [] },
        ),
      ),
    }),
    { maxLength: 4 },
  ),
);

const sprintsByBoard = fc.dictionary(
  fc.oneof(fc.integer({ min: 1, max: 6 }).map(String), shortText),
  loosely(withJunk(fc.array(sprintObject, { maxLength: 4 }))),
  { maxKeys: 4 },
);

/** A whole site, with what its well-formed issues, histories and comments must become. */
export const taggedSnapshot: fc.Arbitrary<TaggedSnapshot> = withJunk(
  fc.uniqueArray(restUser, { selector: (user) => user.accountId, maxLength: 6 }),
  1,
).chain((userList) => {
  const users = userList.filter(isObject);
  return fc
    .record({
      capturedAt: jiraTime,
      baseUrl: loosely(fc.constant('https://example.atlassian.net')),
      fields: withJunk(fc.subarray(CATALOG)),
      groups: groups(users),
      projects: projects(users),
      boards,
      sprints: sprintsByBoard,
      issues: issues(users),
      permissions: fc.constant({}),
    })
    .map(({ projects: [projectList, projectRoles], issues: { list, expected }, ...rest }) => ({
      snapshot: {
        format: SNAPSHOT_FORMAT,
        ...rest,
        users: userList,
        projects: projectList,
        projectRoles,
        issues: list,
      },
      expected,
    }));
});
