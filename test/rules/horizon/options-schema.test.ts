import { parseConfig } from '../../../src/config/schema';
import { rule as backlogItemTooFar } from '../../../src/rules/horizon/backlog-item-too-far';
import { rule as roadmapItemTooLong } from '../../../src/rules/horizon/roadmap-item-too-long';
import { rule as roadmapItemTooShort } from '../../../src/rules/horizon/roadmap-item-too-short';
import { rule as sprintTooLong } from '../../../src/rules/horizon/sprint-too-long';
import { rule as roadmapItemNotBrokenDown } from '../../../src/rules/trace/roadmap-item-not-broken-down';
import { rule as sprintItemWithoutRoadmapLink } from '../../../src/rules/trace/sprint-item-without-roadmap-link';
import type { AnyRule } from '../../../src/rules/types';

/** Each horizon and trace rule's options schema, as the configuration validator applies it. */
const rules: AnyRule[] = [
  roadmapItemTooShort,
  roadmapItemTooLong,
  sprintTooLong,
  backlogItemTooFar,
  roadmapItemNotBrokenDown,
  sprintItemWithoutRoadmapLink,
];
const schemas = rules.map((rule) => rule.meta);

function configWith(rule: AnyRule, options: object) {
  return { version: 1, projects: { PAY: { rules: { [rule.meta.id]: { severity: 'error', options } } } } };
}

it.each(rules.map((rule) => [rule.meta.id, rule] as const))('%s accepts its own defaults', (_, rule) => {
  expect(() => parseConfig(configWith(rule, rule.defaultOptions), schemas)).not.toThrow();
});

const cases: ReadonlyArray<readonly [AnyRule, object, boolean]> = [
  [roadmapItemTooShort, { minLevel: 2 }, true],
  [roadmapItemTooShort, { minLevel: 0 }, false],
  [roadmapItemTooLong, { minLevel: 1.5 }, false],
  [sprintTooLong, { maxWeeks: 6 }, false],
  [backlogItemTooFar, { monthsBeyondSprint: 1.5, monthsAhead: 6 }, true],
  [backlogItemTooFar, { monthsAhead: -1 }, false],
  [roadmapItemNotBrokenDown, { lookaheadWeeks: 8 }, true],
  [roadmapItemNotBrokenDown, { lookaheadWeeks: '8' }, false],
  [sprintItemWithoutRoadmapLink, { includeStates: ['active', 'future'], ignoreTypes: ['Bug', 'Chore'] }, true],
  [sprintItemWithoutRoadmapLink, { ignoreTypes: ['Bug', 'Bug'] }, false],
  [sprintItemWithoutRoadmapLink, { includeStates: [''] }, false],
];

it.each(cases.map(([rule, options, valid]) => [rule.meta.id, options, valid, rule] as const))(
  '%s %j: valid %s',
  (_, options, valid, rule) => {
    const parse = () => parseConfig(configWith(rule, options), schemas);
    if (valid) expect(parse).not.toThrow();
    else expect(parse).toThrow(rule.meta.id);
  },
);
