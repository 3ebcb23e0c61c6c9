import type { RuleModule } from '../types';
import {
  dateEvidence,
  itemData,
  itemSubject,
  plannedRoadmapItems,
  roadmapDecider,
  spanFields,
  SPAN_RULE_DEFAULT_OPTIONS,
  SPAN_RULE_OPTIONS_SCHEMA,
  weeksOf,
  type SpanRuleOptions,
} from '../support';
import { plural } from '../../domain/text';

export type Options = SpanRuleOptions;

export type MessageIds = 'tooShort' | 'fix';

export const rule: RuleModule<Options, MessageIds> = {
  meta: {
    id: 'horizon/roadmap-item-too-short',
    title: 'Roadmap item as short as a sprint',
    category: 'horizon',
    defaultSeverity: 'warning',
    criteria: ['C5'],
    description: 'An open roadmap item planned over a sprint-sized span (4 weeks or less by default).',
    messages: {
      tooShort:
        '{{type}} {{key}} "{{summary}}" is planned over {{days}} ({{weeks}} weeks, {{start}} → {{end}}): no longer than {{limit}}, a sprint-sized piece of work on the roadmap.',
      fix: 'If it is one increment, {{decider}} can hand it to the product owner to plan as backlog stories and take it off the roadmap; if it is a real roadmap outcome, give it a span of more than {{limit}} that matches the work.',
    },
    optionsSchema: SPAN_RULE_OPTIONS_SCHEMA,
  },
  defaultOptions: SPAN_RULE_DEFAULT_OPTIONS,
  check(context) {
    const asOf = context.now.toISOString();
    for (const { item, span } of plannedRoadmapItems(context)) {
      const limit = context.settings(item.projectKey).thresholds.roadmapMinSpanWeeks;
      if (span.days > limit * 7) continue;
      context.report({
        messageId: 'tooShort',
        suggestionId: 'fix',
        data: {
          ...itemData(item),
          days: plural(span.days, 'day'),
          weeks: weeksOf(span.days),
          start: span.start,
          end: span.end,
          limit: plural(limit, 'week'),
          decider: roadmapDecider(context, item),
        },
        subject: itemSubject(item),
        projectKey: item.projectKey,
        issueKeys: [item.key],
        evidence: dateEvidence(context.index, item, spanFields(item), asOf),
      });
    }
  },
};
