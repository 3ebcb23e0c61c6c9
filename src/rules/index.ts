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

/** Every rule the auditor runs, grouped by the flag it raises: overlap, missing owners, horizon, translation. */
export const RULES: readonly AnyRule[] = [
  poStrategicAction,
  pmTacticalAction,
  dualRole,
  contestedItem,
  roadmapItemUnowned,
  sprintWithoutPo,
  roleMappingMissing,
  projectMissingRole,
  roadmapItemTooShort,
  roadmapItemTooLong,
  sprintTooLong,
  backlogItemTooFar,
  roadmapItemNotBrokenDown,
  sprintItemWithoutRoadmapLink,
];

export function ruleById(id: string): AnyRule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
