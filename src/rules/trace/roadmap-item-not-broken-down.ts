import { isOpen } from '../../domain/item-state';
import { HIERARCHY } from '../../domain/model';
import { daysBetween, plannedEnd, plannedStart } from '../../horizon';
import { dateEvidence, itemData, itemSubject, roadmapDecider, roleHolderNames, spanFields } from '../support';
import type { RuleModule } from '../types';
import { plural } from '../../domain/text';

export interface Options {
  /** How far ahead a planned start counts as "starting soon"; unset, the project's sprint limit (thresholds.sprintMaxWeeks). */
  lookaheadWeeks?: number;
  /** The lowest hierarchy level judged: 1 = epics and above, 2 = initiatives and above. */
  minLevel: number;
}

export type MessageIds = 'startsSoon' | 'started' | 'fix';

export const rule: RuleModule<Options, MessageIds> = {
  meta: {
    id: 'trace/roadmap-item-not-broken-down',
    title: 'Roadmap item not broken down',
    category: 'trace',
    defaultSeverity: 'warning',
    criteria: ['R3', 'C3'],
    description:
      'An open roadmap item that starts within the next sprint or two, or has started, with no items under it.',
    messages: {
      startsSoon:
        '{{type}} {{key}} "{{summary}}" starts on {{start}}, {{when}}, and nothing is planned under it yet: no {{children}} break it down.',
      started:
        '{{type}} {{key}} "{{summary}}" started on {{start}} and {{until}}, but nothing is planned under it: no {{children}} break it down.',
      fix: '{{po}} should break it down into {{children}} with {{decider}} before the team needs them, so that sprint work traces back to it; if it will not start, move its dates.',
    },
    needsWholeProject: true,
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        lookaheadWeeks: { type: 'number', minimum: 0, maximum: 52 },
        minLevel: { type: 'integer', minimum: HIERARCHY.epic, maximum: 10 },
      },
    },
  },
  defaultOptions: { minLevel: HIERARCHY.epic },
  check(context) {
    const now = context.now.toISOString();
    for (const item of context.index.site.items) {
      const options = context.options(item.projectKey);
      if (!isOpen(item) || item.type.hierarchyLevel < options.minLevel) continue;
      const start = plannedStart(item);
      if (!start || (context.index.children.get(item.key)?.length ?? 0) > 0) continue;
      const end = plannedEnd(item);
      if (end !== undefined && daysBetween(end, now) > 0) continue;
      const lookaheadWeeks = options.lookaheadWeeks ?? context.settings(item.projectKey).thresholds.sprintMaxWeeks;
      const daysAhead = daysBetween(now, start);
      if (daysAhead > lookaheadWeeks * 7) continue;
      const children = item.type.hierarchyLevel > HIERARCHY.epic ? 'epics or stories' : 'stories';
      context.report({
        messageId: daysAhead >= 0 ? 'startsSoon' : 'started',
        suggestionId: 'fix',
        data: {
          ...itemData(item),
          start,
          until: end ? `runs to ${end}` : 'has no planned end',
          when: daysAhead === 0 ? 'today' : `in ${plural(daysAhead, 'day')}`,
          children,
          po: roleHolderNames(context, item.projectKey, 'po', 'The product owner'),
          decider: roadmapDecider(context, item),
        },
        subject: itemSubject(item),
        projectKey: item.projectKey,
        issueKeys: [item.key],
        evidence: [
          ...dateEvidence(context.index, item, spanFields(item), now),
          { issueKey: item.key, at: now, what: `No issue has ${item.key} as its parent` },
        ],
      });
    }
  },
};
