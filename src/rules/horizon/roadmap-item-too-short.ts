import { HIERARCHY } from '../../domain/model';
import { plannedSpan } from '../../horizon';
import type { RuleModule } from '../types';
import { dateEvidence, isOpen, itemData, itemSubject, plural, roadmapDecider, spanFields, weeksOf } from './support';

export interface Options {
  /** The lowest hierarchy level judged: 1 = epics and above, 2 = initiatives and above. */
  minLevel: number;
}

export const rule: RuleModule<Options> = {
  meta: {
    id: 'horizon/roadmap-item-too-short',
    category: 'horizon',
    defaultSeverity: 'warning',
    criteria: ['C5'],
    description: 'An open roadmap item planned over a sprint-sized span (4 weeks or less by default).',
    messages: {
      tooShort:
        '{{type}} {{key}} "{{summary}}" is planned over {{days}} ({{weeks}} weeks, {{start}} → {{end}}): no longer than {{limit}}, a sprint-sized piece of work on the roadmap.',
      fix:
        'If it is one increment, {{decider}} can hand it to the product owner to plan as backlog stories and take it off the roadmap; if it is a real roadmap outcome, give it a span of more than {{limit}} that matches the work.',
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { minLevel: { type: 'integer', minimum: HIERARCHY.epic, maximum: 10 } },
    },
  },
  defaultOptions: { minLevel: HIERARCHY.epic },
  check(context) {
    const asOf = context.now.toISOString();
    for (const item of context.index.site.items) {
      if (!isOpen(item) || item.type.hierarchyLevel < context.options(item.projectKey).minLevel) continue;
      const span = plannedSpan(item);
      if (!span) continue;
      const limit = context.settings(item.projectKey).thresholds.roadmapMinSpanWeeks;
      if (span.days > limit * 7) continue;
      context.report({
        messageId: 'tooShort',
        suggestionId: 'fix',
        data: { ...itemData(item), days: plural(span.days, 'day'), weeks: weeksOf(span.days), start: span.start, end: span.end, limit: plural(limit, 'week'), decider: roadmapDecider(context, item) },
        subject: itemSubject(item),
        projectKey: item.projectKey,
        issueKeys: [item.key],
        evidence: dateEvidence(context.index, item, spanFields(item), asOf),
      });
    }
  },
};
