import { rule as backlogItemTooFar } from './horizon/backlog-item-too-far';
import { rule as roadmapItemTooLong } from './horizon/roadmap-item-too-long';
import { rule as roadmapItemTooShort } from './horizon/roadmap-item-too-short';
import { rule as sprintTooLong } from './horizon/sprint-too-long';
import { rule as contestedItem } from './overlap/contested-item';
import { rule as dualRole } from './overlap/dual-role';
import { rule as pmTacticalAction } from './overlap/pm-tactical-action';
import { rule as poStrategicAction } from './overlap/po-strategic-action';
import { rule as projectMissingRole } from './owner/project-missing-role';
import { rule as roadmapItemUnowned } from './owner/roadmap-item-unowned';
import { rule as roleMappingMissing } from './owner/role-mapping-missing';
import { rule as sprintWithoutPo } from './owner/sprint-without-po';
import { rule as roadmapItemNotBrokenDown } from './trace/roadmap-item-not-broken-down';
import { rule as sprintItemWithoutRoadmapLink } from './trace/sprint-item-without-roadmap-link';
import type { AnyRule } from './types';

/**
 * Every rule the auditor runs, by id, grouped by the flag it raises: overlap, missing owners, horizon, translation.
 * Every other list of rules (ids, option schemas, the demo's answer key, the admin page) derives from this one.
 */
export const RULES = {
  'overlap/po-strategic-action': poStrategicAction,
  'overlap/pm-tactical-action': pmTacticalAction,
  'overlap/dual-role': dualRole,
  'overlap/contested-item': contestedItem,
  'owner/roadmap-item-unowned': roadmapItemUnowned,
  'owner/sprint-without-po': sprintWithoutPo,
  'owner/role-mapping-missing': roleMappingMissing,
  'owner/project-missing-role': projectMissingRole,
  'horizon/roadmap-item-too-short': roadmapItemTooShort,
  'horizon/roadmap-item-too-long': roadmapItemTooLong,
  'horizon/sprint-too-long': sprintTooLong,
  'horizon/backlog-item-too-far': backlogItemTooFar,
  'trace/roadmap-item-not-broken-down': roadmapItemNotBrokenDown,
  'trace/sprint-item-without-roadmap-link': sprintItemWithoutRoadmapLink,
} as const satisfies Record<string, AnyRule>;

export type RuleId = keyof typeof RULES;

/** Rule ids in the registry's order. */
export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** The rules in the registry's order, as the audit runs them. */
export const RULE_LIST: readonly AnyRule[] = Object.values(RULES);

/** Each rule's id, messages and options schema: what the configuration is validated against. */
export const RULE_METAS = RULE_LIST.map((rule) => rule.meta);

export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(RULES, id);
}

export function ruleById(id: string): AnyRule | undefined {
  return isRuleId(id) ? RULES[id] : undefined;
}
