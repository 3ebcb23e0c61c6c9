import { RULE_METAS } from '../../../src/rules';

const TITLES = new Map(RULE_METAS.map((meta) => [meta.id, meta.title]));

/** A rule's name in plain words; an id the UI does not know (a rule from a newer server) is shown as it is. */
export function ruleTitle(ruleId: string): string {
  return TITLES.get(ruleId) ?? ruleId;
}
