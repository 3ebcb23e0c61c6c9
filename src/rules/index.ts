import type { AnyRule } from './types';

/** Every rule the auditor runs, in the order findings are listed by category. */
export const RULES: readonly AnyRule[] = [];

export function ruleById(id: string): AnyRule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
