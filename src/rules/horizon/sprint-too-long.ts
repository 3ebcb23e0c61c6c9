import { daysBetween, sprintLengthDays, isoDay } from '../../horizon';
import type { RuleModule } from '../types';
import { roleHolderNames, weeksOf } from '../support';
import { plural } from '../../domain/text';

export type Options = Record<string, never>;

export type MessageIds = 'tooLong' | 'fix';

export const rule: RuleModule<Options, MessageIds> = {
  meta: {
    id: 'horizon/sprint-too-long',
    title: 'Sprint longer than the limit',
    category: 'horizon',
    defaultSeverity: 'warning',
    criteria: ['C5'],
    description: 'A sprint planned to run longer than the sprint limit (4 weeks by default).',
    messages: {
      tooLong:
        'Sprint "{{name}}" is planned over {{days}} ({{weeks}} weeks, {{start}} → {{end}}): longer than the {{maxWeeks}}-week limit for a sprint.',
      fix: '{{po}} should plan sprints of at most {{limit}} and split a long stretch of work (a migration, a holiday period) into several sprints, each with its own goal.',
    },
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  },
  defaultOptions: {},
  check(context) {
    for (const sprint of context.index.site.sprints) {
      const days = sprintLengthDays(sprint);
      if (days === undefined || !sprint.startDate || !sprint.endDate) continue;
      const finished = sprint.completeDate ?? sprint.endDate;
      const projectKey = context.index.sprintProjects.get(sprint.id);
      if (!projectKey) continue;
      if (daysBetween(context.windowOf(projectKey).since.toISOString(), finished) < 0) continue;
      const limit = context.settings(projectKey).thresholds.sprintMaxWeeks;
      if (days <= limit * 7) continue;
      const start = isoDay(sprint.startDate);
      const end = isoDay(sprint.endDate);
      context.report({
        messageId: 'tooLong',
        suggestionId: 'fix',
        data: {
          name: sprint.name,
          days: plural(days, 'day'),
          weeks: weeksOf(days),
          start,
          end,
          maxWeeks: limit,
          limit: plural(limit, 'week'),
          po: roleHolderNames(context, projectKey, 'po', 'The product owner'),
        },
        subject: { type: 'sprint', id: String(sprint.id), name: sprint.name },
        projectKey,
        issueKeys: [],
        evidence: [
          {
            sprintId: sprint.id,
            at: sprint.startDate,
            what: `Sprint "${sprint.name}" (${sprint.state}) planned from ${start} to ${end}`,
          },
        ],
      });
    }
  },
};
