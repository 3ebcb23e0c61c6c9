import fc from 'fast-check';
import type { Finding, Severity } from '../../src/domain/finding';
import type { FindingQuery, RoadmapItemSummary } from '../../src/resolvers/api';
import {
  countFlags,
  FINDINGS_PAGE_SIZE,
  MAX_FINDINGS_PAGE,
  NO_OWNER,
  queryFindings,
} from '../../src/resolvers/findings-query';

const item = (key: string, ownerId?: string): RoadmapItemSummary => ({
  key,
  summary: `${key} summary`,
  projectKey: key.split('-')[0]!,
  type: 'Epic',
  hierarchyLevel: 1,
  ...(ownerId ? { ownerId, ownerName: ownerId.toUpperCase() } : {}),
  ownerRoles: ownerId ? ['pm'] : [],
  children: 0,
  childrenByProject: {},
  findings: [],
});

const finding = (
  id: string,
  rule: string,
  severity: Severity,
  projectKeys: string[],
  issueKeys: string[],
  subject: Finding['subject'],
): Finding => ({
  id,
  rule,
  severity,
  subject,
  issueKeys,
  projectKeys,
  criteria: ['C5'],
  message: id,
  evidence: [],
  suggestion: '',
});

const ITEMS = [item('MOB-1', 'ana'), item('MOB-2'), item('PAY-1', 'ben'), item('PAY-2', 'ana')];
const FINDINGS: Finding[] = [
  finding('f1', 'horizon/roadmap-item-too-long', 'warning', ['MOB'], ['MOB-1'], {
    type: 'item',
    id: 'MOB-1',
    key: 'MOB-1',
  }),
  finding('f2', 'owner/roadmap-item-unowned', 'warning', ['MOB'], ['MOB-2'], {
    type: 'item',
    id: 'MOB-2',
    key: 'MOB-2',
  }),
  // A person flag's issues are its evidence: ana owns MOB-1, but this flag is ben's alone.
  finding('f3', 'overlap/dual-role', 'info', ['PAY'], ['MOB-1'], { type: 'person', id: 'ben', name: 'BEN' }),
  finding('f4', 'overlap/contested-item', 'error', ['PAY'], ['PAY-7', 'PAY-2'], {
    type: 'item',
    id: 'PAY-7',
    key: 'PAY-7',
  }),
  finding('f5', 'horizon/roadmap-item-too-long', 'warning', ['MOB', 'PAY'], ['PAY-1', 'MOB-9'], {
    type: 'item',
    id: 'PAY-1',
    key: 'PAY-1',
  }),
  finding('f6', 'overlap/dual-role', 'warning', ['MOB'], ['PAY-1', 'MOB-2'], {
    type: 'person',
    id: 'ana',
    name: 'ANA',
  }),
];

const ids = (query: FindingQuery, offset = 0, limit = MAX_FINDINGS_PAGE) =>
  queryFindings(FINDINGS, ITEMS, query, offset, limit).findings.map((found) => found.id);

describe('queryFindings', () => {
  test('the page sizes: the view sends 250 findings, one getFindings answer at most 500', () => {
    expect([FINDINGS_PAGE_SIZE, MAX_FINDINGS_PAGE]).toEqual([250, 500]);
  });

  test('an empty query lists every finding in the order given', () => {
    const page = queryFindings(FINDINGS, ITEMS, {}, 0, 10);
    expect(page.findings.map((found) => found.id)).toEqual(['f1', 'f2', 'f3', 'f4', 'f5', 'f6']);
    expect([page.total, page.offset]).toEqual([6, 0]);
  });

  test.each<[string, FindingQuery, string[]]>([
    ['a project: every finding drawing on it', { projectKey: 'PAY' }, ['f3', 'f4', 'f5']],
    ['a rule', { rule: 'overlap/dual-role' }, ['f3', 'f6']],
    ['a severity', { severity: 'warning' }, ['f1', 'f2', 'f5', 'f6']],
    ['an issue named by the finding, subject or not', { issueKey: 'MOB-9' }, ['f5']],
    ['an issue a person flag names as evidence', { issueKey: 'PAY-1' }, ['f5', 'f6']],
    [
      'an owner: findings about them and about items they own, not person flags naming those',
      { ownerId: 'ana' },
      ['f1', 'f4', 'f6'],
    ],
    ['another owner', { ownerId: 'ben' }, ['f3', 'f5']],
    ['no owner: findings about items nobody owns, not person flags naming them', { ownerId: NO_OWNER }, ['f2']],
    ['an owner nobody is', { ownerId: 'zoe' }, []],
    [
      'every field at once',
      {
        projectKey: 'MOB',
        rule: 'horizon/roadmap-item-too-long',
        severity: 'warning',
        ownerId: 'ben',
        issueKey: 'PAY-1',
      },
      ['f5'],
    ],
    ['fields that exclude each other', { rule: 'overlap/dual-role', severity: 'error' }, []],
  ])('filters by %s', (_, query, expected) => {
    expect(ids(query)).toEqual(expected);
    expect(queryFindings(FINDINGS, ITEMS, query, 0, 1).total).toBe(expected.length);
  });

  test('pages from the offset, at most limit findings', () => {
    expect(ids({}, 2, 2)).toEqual(['f3', 'f4']);
    expect(ids({ severity: 'warning' }, 1, 2)).toEqual(['f2', 'f5']);
    const last = queryFindings(FINDINGS, ITEMS, { severity: 'warning' }, 3, 2);
    expect([last.findings.map((found) => found.id), last.total, last.offset]).toEqual([['f6'], 4, 3]);
  });

  test('an offset at or past the end gives an empty page with the total', () => {
    for (const offset of [6, 7, 1_000]) {
      const page = queryFindings(FINDINGS, ITEMS, {}, offset, 10);
      expect([page.findings, page.total, page.offset]).toEqual([[], 6, offset]);
    }
  });

  test('the limit is clamped to 1..MAX_FINDINGS_PAGE and a negative offset reads as 0', () => {
    const many = Array.from({ length: MAX_FINDINGS_PAGE + 20 }, (_, index) =>
      finding(`m${index}`, 'trace/x', 'info', ['MOB'], [], { type: 'project', id: 'MOB' }),
    );
    expect(queryFindings(many, ITEMS, {}, 0, 10_000).findings).toHaveLength(MAX_FINDINGS_PAGE);
    expect(queryFindings(many, ITEMS, {}, 0, 0).findings).toHaveLength(1);
    expect(queryFindings(many, ITEMS, {}, 0, -5).findings).toHaveLength(1);
    expect(queryFindings(many, ITEMS, {}, 0, Number.NaN).findings).toHaveLength(1);
    expect(queryFindings(many, ITEMS, {}, 0, 2.9).findings).toHaveLength(2);
    const negative = queryFindings(many, ITEMS, {}, -3, 2);
    expect([negative.offset, negative.findings.map((found) => found.id)]).toEqual([0, ['m0', 'm1']]);
    expect(queryFindings(many, ITEMS, {}, MAX_FINDINGS_PAGE, MAX_FINDINGS_PAGE).findings).toHaveLength(20);
  });

  test('does not change what it is given', () => {
    const before = JSON.stringify([FINDINGS, ITEMS]);
    queryFindings(FINDINGS, ITEMS, { ownerId: 'ana', severity: 'warning' }, 1, 1);
    expect(JSON.stringify([FINDINGS, ITEMS])).toBe(before);
  });

  test('property: the pages of a query, read one after another, are exactly the matching findings in order', () => {
    const anyFinding = fc.record({
      rule: fc.constantFrom('a/x', 'a/y', 'b/z'),
      severity: fc.constantFrom<Severity>('info', 'warning', 'error'),
      projectKeys: fc.subarray(['MOB', 'PAY'], { minLength: 1 }),
      issueKeys: fc.subarray(['MOB-1', 'MOB-2', 'PAY-1', 'PAY-2', 'PAY-7']),
      person: fc.option(fc.constantFrom('ana', 'ben', 'zoe'), { nil: undefined }),
    });
    const anyQuery = fc.record(
      {
        projectKey: fc.constantFrom('MOB', 'PAY'),
        rule: fc.constantFrom('a/x', 'a/y', 'b/z'),
        severity: fc.constantFrom<Severity>('info', 'warning', 'error'),
        ownerId: fc.constantFrom('ana', 'ben', 'zoe', NO_OWNER),
        issueKey: fc.constantFrom('MOB-1', 'PAY-7'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.array(anyFinding, { maxLength: 40 }),
        anyQuery,
        fc.integer({ min: 1, max: 7 }),
        (drafts, query, limit) => {
          const findings = drafts.map((draft, index) =>
            finding(
              `f${index}`,
              draft.rule,
              draft.severity,
              draft.projectKeys,
              draft.issueKeys,
              draft.person ? { type: 'person', id: draft.person } : { type: 'project', id: draft.projectKeys[0]! },
            ),
          );
          const expected = findings.filter(
            (candidate) =>
              (query.projectKey === undefined || candidate.projectKeys.includes(query.projectKey)) &&
              (query.rule === undefined || candidate.rule === query.rule) &&
              (query.severity === undefined || candidate.severity === query.severity) &&
              (query.issueKey === undefined || candidate.issueKeys.includes(query.issueKey)) &&
              (query.ownerId === undefined ||
                (candidate.subject.type === 'person'
                  ? candidate.subject.id === query.ownerId
                  : candidate.issueKeys.some((key) =>
                      ITEMS.some((owned) => owned.key === key && (owned.ownerId ?? NO_OWNER) === query.ownerId),
                    ))),
          );
          const read: Finding[] = [];
          for (let offset = 0; ; offset += limit) {
            const page = queryFindings(findings, ITEMS, query, offset, limit);
            expect([page.total, page.offset]).toEqual([expected.length, offset]);
            expect(page.findings.length).toBeLessThanOrEqual(limit);
            read.push(...page.findings);
            if (page.findings.length < limit) break;
          }
          expect(read.map((found) => found.id)).toEqual(expected.map((found) => found.id));
        },
      ),
      // A fixed seed, so that CI tries the same 300 inputs every run.
      { numRuns: 300, seed: 20261122 },
    );
  });
});

describe('countFlags', () => {
  const counts = countFlags(FINDINGS, ITEMS);

  test.each<[string, number, string]>([
    ['error', 1, 'f4'],
    ['warning', 4, 'f1 f2 f5 f6'],
    ['info', 1, 'f3'],
  ])('severity %s: %i (%s)', (severity, count) => {
    expect(counts.bySeverity[severity as Severity]).toBe(count);
  });

  test.each<[string, number, string]>([
    ['MOB', 4, 'f1 f2 f5 f6: f5 draws on MOB and PAY, so it counts in both'],
    ['PAY', 3, 'f3 f4 f5'],
  ])('project %s: %i (%s)', (projectKey, count) => {
    expect(counts.byProject[projectKey]).toBe(count);
  });

  test.each<[string, number, string]>([
    ['ana', 3, 'f1 and f4 about her items, f6 about her (not on PAY-1 and MOB-2, which it names)'],
    ['ben', 2, 'f3 about him (not on ana’s MOB-1, which it names) and f5 about his PAY-1'],
    [NO_OWNER, 1, 'f2 about MOB-2 (f6 names MOB-2 too, but is about a person)'],
  ])('owner %s: %i (%s)', (ownerId, count) => {
    expect(counts.byOwner[ownerId]).toBe(count);
  });

  test('a person flag counts once, on the person, however many items it names', () => {
    const dual = finding('p', 'overlap/dual-role', 'error', ['MOB', 'PAY'], ['MOB-1', 'PAY-1', 'PAY-2', 'MOB-2'], {
      type: 'person',
      id: 'zoe',
      name: 'ZOE',
    });
    expect(countFlags([dual], ITEMS)).toEqual({
      total: 1,
      bySeverity: { error: 1, warning: 0, info: 0 },
      byRule: { 'overlap/dual-role': 1 },
      byProject: { MOB: 1, PAY: 1 },
      byOwner: { zoe: 1 },
    });
  });

  test('a finding naming two items of one owner counts once for them', () => {
    const both = finding('b', 'overlap/contested-item', 'warning', ['MOB', 'PAY'], ['MOB-1', 'PAY-2'], {
      type: 'item',
      id: 'MOB-1',
      key: 'MOB-1',
    });
    expect(countFlags([both], ITEMS).byOwner).toEqual({ ana: 1 });
  });

  test('each count is how many findings its filter lists', () => {
    for (const [projectKey, count] of Object.entries(counts.byProject))
      expect(queryFindings(FINDINGS, ITEMS, { projectKey }, 0, 1).total).toBe(count);
    for (const [ownerId, count] of Object.entries(counts.byOwner))
      expect(queryFindings(FINDINGS, ITEMS, { ownerId }, 0, 1).total).toBe(count);
    for (const [rule, count] of Object.entries(counts.byRule))
      expect(queryFindings(FINDINGS, ITEMS, { rule }, 0, 1).total).toBe(count);
    expect(counts.total).toBe(FINDINGS.length);
  });

  test('no findings: every severity at 0 and nothing else', () => {
    expect(countFlags([], ITEMS)).toEqual({
      total: 0,
      bySeverity: { error: 0, warning: 0, info: 0 },
      byRule: {},
      byProject: {},
      byOwner: {},
    });
  });
});
