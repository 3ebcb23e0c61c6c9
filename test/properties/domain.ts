import fc from 'fast-check';
import type { ClassifyContext } from '../../src/classify';
import type { Thresholds } from '../../src/criteria';
import type { Action, FieldChange, FieldMeaning, Item, Sprint } from '../../src/domain/model';
import { hostileText, shortText } from './arbitraries';
import { MEANINGS } from './site-invariants';

/**
 * Domain objects as the classifier receives them: well-typed (the normaliser sees to that) but with anything in
 * them — unknown issue types and hierarchy levels, hostile and huge text, dates far off, every field meaning with
 * values that fit it or not, thresholds anywhere the configuration allows.
 */

const instant = fc
  .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) })
  .map((ms) => new Date(ms).toISOString());

const calendarDate = fc.oneof(
  { weight: 8, arbitrary: instant.map((time) => time.slice(0, 10)) },
  { weight: 1, arbitrary: fc.constantFrom('0000-01-01', '9999-12-31', '2026-02-29', '2024-02-29') },
);

const accountId = fc
  .string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 6, maxLength: 6 })
  .map((hex) => `acct:${hex}`);

const typeName = fc.oneof(
  fc.constantFrom(
    'Initiative',
    'Theme',
    'Epic',
    'Story',
    'User Story',
    'Bug',
    'Defect',
    'Task',
    'Sub-task',
    'Idea',
    'Feature',
    'Unknown',
    '',
    'Historia',
    'ストーリー',
  ),
  shortText,
);

const fieldMeaning = fc.constantFrom(...(Object.keys(MEANINGS) as FieldMeaning[]));

const item: fc.Arbitrary<Item> = fc
  .record(
    {
      id: fc.string({ maxLength: 6 }),
      key: fc.constantFrom('SHOP-1', 'SHOP-2', 'MOB-7'),
      projectKey: fc.constantFrom('SHOP', 'MOB'),
      type: fc.record({
        name: typeName,
        hierarchyLevel: fc.oneof(fc.integer({ min: -3, max: 6 }), fc.constantFrom(-100, 100)),
      }),
      summary: hostileText,
      description: hostileText,
      status: fc.record({
        name: fc.oneof(fc.constantFrom('To Do', 'In Progress', 'Done', "Won't Do", 'UAT'), shortText),
        category: fc.constantFrom('new', 'indeterminate', 'done', 'undefined'),
      }),
      parentKey: fc.constantFrom('SHOP-100', 'MOB-1'),
      created: instant,
      updated: instant,
      resolved: instant,
      dueDate: calendarDate,
      startDate: calendarDate,
      targetStart: calendarDate,
      targetEnd: calendarDate,
      assigneeId: accountId,
      reporterId: accountId,
      creatorId: accountId,
      priority: fc.oneof(fc.constantFrom('Highest', 'High', 'Medium', 'Low', 'Lowest'), shortText),
      labels: fc.array(shortText, { maxLength: 4 }),
      fixVersions: fc.array(fc.oneof(fc.constantFrom('2027.03', 'Q3 2027', 'v5.2'), shortText), { maxLength: 3 }),
      storyPoints: fc.double({ min: 0, max: 1000, noNaN: true }),
      teamName: shortText,
      sprintIds: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 3 }),
      userFields: fc.dictionary(
        fc.constantFrom('assignee', 'reporter', 'customfield_10042'),
        fc.array(accountId, { minLength: 1, maxLength: 2 }),
        { maxKeys: 3 },
      ),
    },
    {
      requiredKeys: [
        'id',
        'key',
        'projectKey',
        'type',
        'summary',
        'status',
        'created',
        'labels',
        'fixVersions',
        'sprintIds',
        'userFields',
      ],
    },
  )
  .map((value) => value as Item);

/** A value as a change item holds it: a date, sprint ids, a release or status name, or any text at all. */
const changeValue = fc.oneof(
  calendarDate,
  fc.constantFrom(
    '12',
    '12, 13',
    '3,4',
    'Done',
    "Won't Do",
    'UAT',
    'Highest',
    'Low',
    'okr-2027 roadmap',
    'needs_refinement',
  ),
  hostileText,
);

/** Text and the same text with a typo or two: summary edits are judged by how far they moved. */
const edited = fc
  .tuple(
    hostileText,
    fc.array(fc.tuple(fc.nat(), fc.string({ unit: 'grapheme-ascii', maxLength: 1 })), { maxLength: 2 }),
  )
  .map(([text, edits]) => {
    let after = text;
    for (const [at, replacement] of edits) {
      const index = text.length === 0 ? 0 : at % text.length;
      after = after.slice(0, index) + replacement + after.slice(index + 1);
    }
    return [text, after] as const;
  });

const fieldChange: fc.Arbitrary<FieldChange> = fc
  .tuple(
    fieldMeaning,
    fc.oneof(
      fc.constantFrom(
        'Sprint',
        'Rank',
        'status',
        'duedate',
        'Fix Version',
        'Link',
        'Business value',
        'Story Points',
        'OKR',
        'constructor',
      ),
      shortText,
    ),
    fc.option(changeValue, { nil: undefined }),
    fc.option(changeValue, { nil: undefined }),
    fc.option(changeValue, { nil: undefined }),
    fc.option(changeValue, { nil: undefined }),
    fc.option(edited, { nil: undefined }),
  )
  .map(([meaning, fieldName, fromValue, fromText, toValue, toText, edit]) => {
    const change: FieldChange = { fieldId: fieldName.toLowerCase(), meaning, fieldName };
    if (fromValue !== undefined) change.fromValue = fromValue;
    if (toValue !== undefined) change.toValue = toValue;
    const texts = edit ?? [fromText, toText];
    if (texts[0] !== undefined) change.fromText = texts[0];
    if (texts[1] !== undefined) change.toText = texts[1];
    return change;
  });

export const action: fc.Arbitrary<Action> = fc.oneof(
  fc
    .record({ at: instant, authorId: accountId })
    .map(({ at, authorId }): Action => ({ id: 'SHOP-1:create', kind: 'create', itemKey: 'SHOP-1', at, authorId })),
  fc
    .record({ at: instant, authorId: accountId, changes: fc.array(fieldChange, { maxLength: 4 }) })
    .map(({ at, authorId, changes }): Action => ({
      id: 'SHOP-1:h1',
      kind: 'change',
      itemKey: 'SHOP-1',
      historyId: '1',
      at,
      authorId,
      changes,
    })),
  fc.record({ at: instant, authorId: accountId, text: hostileText }).map(({ at, authorId, text }): Action => ({
    id: 'SHOP-1:c1',
    kind: 'comment',
    itemKey: 'SHOP-1',
    commentId: '1',
    at,
    authorId,
    text,
  })),
);

const sprint: fc.Arbitrary<Sprint> = fc
  .record(
    {
      id: fc.integer({ min: 1, max: 12 }),
      name: shortText,
      state: fc.constantFrom('active', 'closed', 'future', 'unknown'),
      boardId: fc.integer({ min: 1, max: 4 }),
      startDate: instant,
      endDate: instant,
      completeDate: instant,
      goal: hostileText,
    },
    { requiredKeys: ['id', 'name', 'state'] },
  )
  .map((value) => value as Sprint);

/** Two bounds within the configuration's limits, the lower first. */
const range = (low: number, high: number) =>
  fc
    .tuple(fc.double({ min: low, max: high, noNaN: true }), fc.double({ min: low, max: high, noNaN: true }))
    .map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) }));

const thresholds: fc.Arbitrary<Thresholds> = fc.record({
  strategicHorizonMonths: range(1, 120),
  tacticalHorizonWeeks: range(1, 52),
  roadmapMinSpanWeeks: fc.double({ min: 0, max: 104, noNaN: true }),
  roadmapMaxSpanMonths: fc.double({ min: 1, max: 240, noNaN: true }),
  sprintMaxWeeks: fc.double({ min: 1, max: 26, noNaN: true }),
});

export const context: fc.Arbitrary<ClassifyContext> = fc
  .record(
    {
      item,
      parent: item,
      sprints: fc.array(sprint, { maxLength: 4 }).map((list) => new Map(list.map((entry) => [entry.id, entry]))),
      thresholds,
      releases: fc
        .array(fc.tuple(fc.oneof(fc.constantFrom('2027.03', 'Q3 2027', 'v5.2'), shortText), calendarDate), {
          maxLength: 3,
        })
        .map((list) => new Map(list)),
    },
    { requiredKeys: ['item'] },
  )
  .map((value) => value as ClassifyContext);

/** The same action and context done by someone else: every account id the classifier could see replaced. */
export function byAnotherActor(
  subject: Action,
  given: ClassifyContext,
  other: string,
): { action: Action; context: ClassifyContext } {
  const otherItem = (entry: Item): Item => {
    const { assigneeId: _assignee, reporterId: _reporter, creatorId: _creator, ...rest } = entry;
    return {
      ...rest,
      ...(entry.assigneeId !== undefined ? { assigneeId: `${other}-assignee` } : {}),
      ...(entry.reporterId !== undefined ? { reporterId: `${other}-reporter` } : {}),
      ...(entry.creatorId !== undefined ? { creatorId: other } : {}),
      userFields: Object.fromEntries(Object.keys(entry.userFields).map((field) => [field, [other]])),
    };
  };
  return {
    action: { ...subject, authorId: other },
    context: { ...given, item: otherItem(given.item), ...(given.parent ? { parent: otherItem(given.parent) } : {}) },
  };
}
