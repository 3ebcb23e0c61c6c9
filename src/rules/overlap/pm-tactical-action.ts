import type { RuleModule } from '../types';
import {
  OFF_SIDE_DEFAULTS,
  OFF_SIDE_SCHEMA,
  checkOffSide,
  type OffSideMessageIds,
  type OffSideOptions,
} from './off-side';

export type Options = OffSideOptions;

export type MessageIds = OffSideMessageIds;

/** C9: the PO is the one person accountable for the backlog and its order; a PM deciding it takes the PO's job. */
export const rule: RuleModule<Options, MessageIds> = {
  meta: {
    id: 'overlap/pm-tactical-action',
    title: 'Product manager deciding the backlog',
    category: 'overlap',
    defaultSeverity: 'warning',
    criteria: ['C2', 'C3', 'C4', 'C5', 'C9'],
    description: 'A product manager makes tactical (backlog and sprint) decisions on the project’s items.',
    messages: {
      offSide:
        '{{name}}, {{role}} for {{project}}, made {{actions}} on {{project}} items from {{first}} to {{last}}, e.g. {{example}}. Sprint scope, backlog order, estimates and acceptance are the Product Owner’s calls.{{shown}}',
      handOver:
        'Leave these calls to {{counterpart}} (Product Owner for {{project}}): {{name}} can ask for a story to be pulled in or re-ordered, at planning or refinement, and let the PO decide. If {{name}} really does both jobs, map them to both roles and declare {{project}} a combined-role team.',
    },
    optionsSchema: OFF_SIDE_SCHEMA,
  },
  defaultOptions: OFF_SIDE_DEFAULTS,
  check(context) {
    checkOffSide(context, { holder: 'pm', side: 'tactical', criteria: rule.meta.criteria });
  },
};
