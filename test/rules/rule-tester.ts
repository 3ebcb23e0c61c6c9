import { auditSite } from '../../src/audit';
import { classifySite } from '../../src/audit/index-site';
import { findingId, formatMessage } from '../../src/audit/run-rules';
import { defaultConfig } from '../../src/config/defaults';
import type { AuditConfig } from '../../src/config/types';
import { DEFAULT_THRESHOLDS, type CriteriaId } from '../../src/criteria';
import type { Finding, Severity } from '../../src/domain/finding';
import type { Action, Item, Site } from '../../src/domain/model';
import type { FindingDraft, RuleContext, RuleModule } from '../../src/rules/types';
import { NOW } from '../fixtures/build-site';

/**
 * The one way rules are tested, after typescript-eslint's RuleTester: a rule runs over a table of valid cases (it
 * reports nothing) and invalid ones (it reports exactly the findings listed). A finding is checked by what the rule
 * reported — its message id and the data its templates are filled from — not by the wording of the text, so the
 * wording can improve without touching a test; a message id the rule does not define is a compile error.
 */

/** A row of a rule's table: a whole site, the configuration it runs with, and the audit window's start. */
export interface ValidCase {
  name: string;
  site: Site;
  config?: Partial<AuditConfig>;
  since?: Date;
}

/** A row that lays its items (and actions) into the test file's own site. */
export interface ItemsCase {
  name: string;
  items: Item[];
  actions?: Action[];
  config?: Partial<AuditConfig>;
}

/** Turns rows of items into rows of sites built by the test file's `build`. */
export function onSite<Row extends ItemsCase>(build: (items: Item[], actions: Action[]) => Site) {
  return ({ items, actions, ...rest }: Row): Omit<Row, 'items' | 'actions'> & { site: Site } => ({
    ...rest,
    site: build(items, actions ?? []),
  });
}

/** What an invalid case says about one finding; everything it states is checked strictly. */
export interface ExpectedFinding<MessageIds extends string> {
  /** The finding's id after the rule's: `item:PLAT-61`, `sprint:52`, `person:olga|MOB`. */
  subject: string;
  messageId: MessageIds;
  suggestionId?: MessageIds;
  /** Values the rule filled its templates from; those given must match, others are not checked. */
  data?: Record<string, string | number>;
  /** Defaults to the rule's own severity. */
  severity?: Severity;
  /** What each evidence row points at, in order: its issue key, else `sprint:<id>`. */
  evidence: string[];
  /** Fragments of the evidence rows' `what`, in any row. */
  evidenceText?: string[];
  /** The action ids the evidence rows carry, in order. */
  actionIds?: string[];
  issueKeys?: string[];
  projectKeys?: string[];
  /** Criteria the finding must name besides the rule's own. */
  criteria?: CriteriaId[];
}

export interface InvalidCase<MessageIds extends string> extends ValidCase {
  errors: Array<ExpectedFinding<MessageIds>>;
}

/** A finding with the report it came from. */
export interface Reported<MessageIds extends string> {
  finding: Finding;
  report: FindingDraft<MessageIds>;
}

/** Runs one rule over a site as the real audit does (classification, roles, settings), keeping what it reported. */
export function runRule<Options extends object, MessageIds extends string>(
  rule: RuleModule<Options, MessageIds>,
  entry: ValidCase,
): Array<Reported<MessageIds>> {
  const reports = new Map<string, FindingDraft<MessageIds>>();
  const recording: RuleModule<Options, MessageIds> = {
    ...rule,
    check: (context: RuleContext<Options, MessageIds>) =>
      rule.check({
        ...context,
        report: (draft) => {
          const id = findingId(rule.meta.id, draft);
          if (!reports.has(id)) reports.set(id, draft);
          context.report(draft);
        },
      }),
  };
  const { findings } = auditSite(
    entry.site,
    // Cases date their actions freely over the months before NOW: the audit window is the window tests' business.
    { ...defaultConfig(), auditWindowDays: 3650, ...entry.config },
    { now: NOW, ...(entry.since ? { since: entry.since } : {}), rules: [recording] },
  );
  return findings.map((finding) => {
    const report = reports.get(finding.id);
    if (!report) throw new Error(`No report behind finding ${finding.id}`);
    return { finding, report };
  });
}

export function runRuleTests<Options extends object, MessageIds extends string>(
  rule: RuleModule<Options, MessageIds>,
  tests: { valid: readonly ValidCase[]; invalid: ReadonlyArray<InvalidCase<MessageIds>> },
): void {
  describe(rule.meta.id, () => {
    describe('valid', () => {
      it.each(tests.valid)('$name', (entry) => {
        expect(runRule(rule, entry).map(({ finding }) => finding.id)).toEqual([]);
      });
    });
    describe('invalid', () => {
      it.each(tests.invalid)('$name', (entry) => expectReported(rule, runRule(rule, entry), entry.errors));
    });
  });
}

function subjectOf(ruleId: string, finding: Finding): string {
  return finding.id.slice(ruleId.length + 1);
}

/** The findings must be exactly the expected ones (by subject), each as described. */
function expectReported<Options extends object, MessageIds extends string>(
  rule: RuleModule<Options, MessageIds>,
  reported: ReadonlyArray<Reported<MessageIds>>,
  expected: ReadonlyArray<ExpectedFinding<MessageIds>>,
): void {
  const subject = (entry: Reported<MessageIds>) => subjectOf(rule.meta.id, entry.finding);
  expect(reported.map(subject).sort()).toEqual(expected.map((entry) => entry.subject).sort());
  for (const entry of expected) {
    const { finding, report } = reported.find((candidate) => subject(candidate) === entry.subject)!;
    expect(finding.rule).toBe(rule.meta.id);
    expect(finding.severity).toBe(entry.severity ?? rule.meta.defaultSeverity);
    expect(report.messageId).toBe(entry.messageId);
    if (entry.suggestionId) expect(report.suggestionId).toBe(entry.suggestionId);
    if (entry.data) expect(report.data).toMatchObject(entry.data);
    expect(finding.message).toBe(formatMessage(rule, report.messageId, report.data));
    expect(finding.suggestion).toBe(formatMessage(rule, report.suggestionId, report.data));
    expect(finding.criteria).toEqual(expect.arrayContaining([...rule.meta.criteria, ...(entry.criteria ?? [])]));
    expect(finding.evidence.map((row) => row.issueKey ?? `sprint:${row.sprintId}`)).toEqual(entry.evidence);
    const texts = finding.evidence.map((row) => row.what).join('\n');
    for (const fragment of entry.evidenceText ?? []) expect(texts).toContain(fragment);
    if (entry.actionIds)
      expect(finding.evidence.flatMap((row) => (row.actionId ? [row.actionId] : []))).toEqual(entry.actionIds);
    for (const row of finding.evidence) expect(Number.isNaN(Date.parse(row.at))).toBe(false);
    if (entry.issueKeys) expect(finding.issueKeys).toEqual(entry.issueKeys);
    if (entry.projectKeys) expect(finding.projectKeys).toEqual(entry.projectKeys);
  }
}

/** The classifier's confidence for one action of a site, so threshold cases sit exactly on the boundary. */
export function confidenceOf(target: Site, actionId: string): number {
  const found = classifySite(
    target,
    () => ({ until: NOW }),
    () => DEFAULT_THRESHOLDS,
  ).find((entry) => entry.action.id === actionId);
  if (!found) throw new Error(`no action ${actionId}`);
  return found.classification.confidence;
}
