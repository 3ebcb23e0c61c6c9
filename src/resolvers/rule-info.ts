import { RULES } from '../rules';
import type { RuleInfo } from './api';

/** What the configuration store validates rule settings against. */
export const RULE_SCHEMAS = RULES.map((rule) => rule.meta);

/** The rules as views list them: what each checks, its defaults and the options it takes. */
export const RULE_INFO: RuleInfo[] = RULES.map((rule) => ({
  id: rule.meta.id,
  category: rule.meta.category,
  description: rule.meta.description,
  defaultSeverity: rule.meta.defaultSeverity,
  criteria: rule.meta.criteria,
  optionsSchema: rule.meta.optionsSchema,
  defaultOptions: rule.defaultOptions as object,
}));
