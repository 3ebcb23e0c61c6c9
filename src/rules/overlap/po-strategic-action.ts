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

/** R2: roadmap calls belong to the PM; a PO making them takes the PM's job (C2–C5). */
export const rule: RuleModule<Options, MessageIds> = {
  meta: {
    id: 'overlap/po-strategic-action',
    title: 'Product owner deciding the roadmap',
    category: 'overlap',
    defaultSeverity: 'warning',
    criteria: ['C2', 'C3', 'C4', 'C5', 'R2'],
    description: 'A product owner makes strategic (roadmap) decisions on the project’s items.',
    messages: {
      offSide:
        '{{name}}, {{role}} for {{project}}, made {{actions}} on {{project}} items from {{first}} to {{last}}, e.g. {{example}}. What to build, when on the roadmap and at what price are the Product Manager’s calls.{{shown}}',
      handOver:
        'Leave these calls to {{counterpart}} (Product Manager for {{project}}): {{name}} can propose a date, release or price in a comment and let the PM decide. If {{name}} really does both jobs, map them to both roles and declare {{project}} a combined-role team.',
    },
    optionsSchema: OFF_SIDE_SCHEMA,
  },
  defaultOptions: OFF_SIDE_DEFAULTS,
  check(context) {
    checkOffSide(context, { holder: 'po', side: 'strategic', criteria: rule.meta.criteria });
  },
};
