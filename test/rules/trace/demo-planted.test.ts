import { auditSite } from '../../../src/audit';
import { defaultConfig } from '../../../src/config/defaults';
import { DEMO_PLANTED, generateDemoSite } from '../../../src/dev/demo';
import { normaliseSite } from '../../../src/jira/normalise';
import { rule as backlogItemTooFar } from '../../../src/rules/horizon/backlog-item-too-far';
import { rule as roadmapItemTooLong } from '../../../src/rules/horizon/roadmap-item-too-long';
import { rule as roadmapItemTooShort } from '../../../src/rules/horizon/roadmap-item-too-short';
import { rule as sprintTooLong } from '../../../src/rules/horizon/sprint-too-long';
import { rule as roadmapItemNotBrokenDown } from '../../../src/rules/trace/roadmap-item-not-broken-down';
import { rule as sprintItemWithoutRoadmapLink } from '../../../src/rules/trace/sprint-item-without-roadmap-link';

/** The demo site's answer key for the horizon and trace rules: every planted problem found, no control flagged. */
const rules = [
  roadmapItemTooShort,
  roadmapItemTooLong,
  sprintTooLong,
  backlogItemTooFar,
  roadmapItemNotBrokenDown,
  sprintItemWithoutRoadmapLink,
];
const ids = new Set(rules.map((rule) => rule.meta.id));
const snapshot = generateDemoSite();
const findings = auditSite(normaliseSite(snapshot), defaultConfig(), {
  now: new Date(snapshot.capturedAt!),
  rules,
}).findings;
const cases = DEMO_PLANTED.filter((planted) => ids.has(planted.rule));

it('covers a problem and a control for each of these rules', () => {
  for (const id of ids)
    expect(
      cases
        .filter((planted) => planted.rule === id)
        .map((planted) => planted.kind)
        .sort(),
    ).toEqual(expect.arrayContaining(['control', 'problem']));
});

it.each(cases.map((planted) => [planted.id, planted] as const))('%s', (_, planted) => {
  const subject = planted.subject.key ?? planted.subject.id;
  const found = findings.filter(
    (finding) =>
      finding.rule === planted.rule && finding.subject.type === planted.subject.type && finding.subject.id === subject,
  );
  expect(found).toHaveLength(planted.kind === 'problem' ? 1 : 0);
});
