import { RULE_LIST } from '../rules';
import type { RuleInfo } from './api';

/** The rules as views list them: what each checks, its defaults and the options it takes. */
export const RULE_INFO: RuleInfo[] = RULE_LIST.map((rule) => ({
  id: rule.meta.id,
  title: rule.meta.title,
  category: rule.meta.category,
  description: rule.meta.description,
  defaultSeverity: rule.meta.defaultSeverity,
  criteria: rule.meta.criteria,
  optionsSchema: rule.meta.optionsSchema,
  defaultOptions: rule.defaultOptions,
}));
