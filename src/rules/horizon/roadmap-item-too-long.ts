import { addMonthsToDay, daysBetween, monthsAndDays } from '../../horizon';
import type { RuleModule } from '../types';
import {
  dateEvidence,
  describeMonths,
  itemData,
  itemSubject,
  plannedRoadmapItems,
  roadmapDecider,
  spanFields,
  SPAN_RULE_DEFAULT_OPTIONS,
  SPAN_RULE_OPTIONS_SCHEMA,
  type SpanRuleOptions,
} from '../support';
import { plural } from '../../domain/text';

export type Options = SpanRuleOptions;

export type MessageIds = 'tooLong' | 'fix';

export const rule: RuleModule<Options, MessageIds> = {
  meta: {
    id: 'horizon/roadmap-item-too-long',
    title: 'Roadmap item planned over too long',
    category: 'horizon',
    defaultSeverity: 'warning',
    criteria: ['C5'],
    description: 'An open roadmap item planned over more than the strategic horizon (24 months by default).',
    messages: {
      tooLong:
        '{{type}} {{key}} "{{summary}}" is planned over {{span}} ({{start}} → {{end}}): beyond the {{maxMonths}}-month strategic horizon, where no plan holds its dates.',
      fix: 'Split it into stages of at most {{limit}}, each a roadmap item with its own outcome and dates, and plan the later stages only roughly until the earlier ones land; {{decider}} should make that call.',
    },
    optionsSchema: SPAN_RULE_OPTIONS_SCHEMA,
  },
  defaultOptions: SPAN_RULE_DEFAULT_OPTIONS,
  check(context) {
    const asOf = context.now.toISOString();
    for (const { item, span } of plannedRoadmapItems(context)) {
      const limit = context.settings(item.projectKey).thresholds.roadmapMaxSpanMonths;
      if (daysBetween(addMonthsToDay(span.start, limit), span.end) <= 0) continue;
      context.report({
        messageId: 'tooLong',
        suggestionId: 'fix',
        data: {
          ...itemData(item),
          span: describeMonths(monthsAndDays(span.start, span.end)),
          start: span.start,
          end: span.end,
          maxMonths: limit,
          limit: plural(limit, 'month'),
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
