import type { Sprint } from '../../domain/model';
import { daysBetween, sprintLengthDays } from '../../horizon';
import type { AuditIndex, RuleModule } from '../types';
import { dayOf, plural, roleHolderNames, weeksOf } from '../support';

export type Options = Record<string, never>;

export type MessageIds = 'tooLong' | 'fix';

export const rule: RuleModule<Options, MessageIds> = {
  meta: {
    id: 'horizon/sprint-too-long',
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
      if (context.since && daysBetween(context.since.toISOString(), finished) < 0) continue;
      const projectKey = projectOf(context.index, sprint);
      if (!projectKey) continue;
      const limit = context.settings(projectKey).thresholds.sprintMaxWeeks;
      if (days <= limit * 7) continue;
      const start = dayOf(sprint.startDate);
      const end = dayOf(sprint.endDate);
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

/** The project a sprint serves: its board's, else that of the first issue in it. */
function projectOf(index: AuditIndex, sprint: Sprint): string | undefined {
  const board = index.site.boards.find((candidate) => candidate.id === sprint.boardId);
  return board?.projectKey ?? index.itemsBySprint.get(sprint.id)?.[0]?.projectKey;
}
