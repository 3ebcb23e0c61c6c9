import { isOpen } from '../../domain/item-state';
import { isRoadmapItem } from '../../horizon/roadmap';
import type { Item, Sprint } from '../../domain/model';
import { addMonthsToDay, daysBetween, monthsAndDays, isoDay } from '../../horizon';
import type { RuleContext, RuleModule } from '../types';
import {
  dateEvidence,
  describeMonths,
  endField,
  itemData,
  itemSubject,
  roadmapDecider,
  roleHolderNames,
  startField,
  walkUp,
} from '../support';
import { plural } from '../../domain/text';

export interface Options {
  /** A date more than this many months after the end of the item's latest open sprint is a roadmap date. */
  monthsBeyondSprint: number;
  /** For items in no dated open sprint: a date more than this many months from now is a roadmap date. */
  monthsAhead: number;
}

export type MessageIds = 'beyondSprint' | 'farAhead' | 'fix';

export const rule: RuleModule<Options, MessageIds> = {
  meta: {
    id: 'horizon/backlog-item-too-far',
    title: 'Backlog item dated too far ahead',
    category: 'horizon',
    defaultSeverity: 'warning',
    criteria: ['C5', 'R2'],
    description: 'An open backlog item (story, task, bug, sub-task) dated months beyond its sprint or months from now.',
    messages: {
      beyondSprint:
        '{{type}} {{key}} "{{summary}}" is in sprint "{{sprint}}", which ends {{sprintEnd}}, but its {{field}} is {{date}}: {{gap}} after the sprint, more than {{limit}}. A date that far out is a roadmap date, not sprint work.',
      farAhead:
        '{{type}} {{key}} "{{summary}}" is in no active or future sprint with an end date, yet its {{field}} is {{date}}: {{gap}} from now, more than {{limit}} ahead. A date that far out belongs on the roadmap, not on a backlog item.',
      fix: '{{po}} should take the far date off the item and plan it by sprint; if the date is a real commitment, {{holder}} should carry it on {{parent}}.',
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        monthsBeyondSprint: { type: 'number', minimum: 0, maximum: 60 },
        monthsAhead: { type: 'number', minimum: 0, maximum: 60 },
      },
    },
  },
  defaultOptions: { monthsBeyondSprint: 2, monthsAhead: 3 },
  check(context) {
    const asOf = context.now.toISOString();
    for (const item of context.index.site.items) {
      if (!isOpen(item) || isRoadmapItem(item)) continue;
      const options = context.options(item.projectKey);
      const sprint = latestOpenSprint(context, item);
      const field = sprint ? endField(item) : (endField(item) ?? startField(item));
      if (!field) continue;
      const from = sprint?.endDate ?? context.now.toISOString();
      const limit = sprint ? options.monthsBeyondSprint : options.monthsAhead;
      if (daysBetween(addMonthsToDay(from, limit), field.date) <= 0) continue;
      const evidence = dateEvidence(context.index, item, [field], asOf);
      if (sprint)
        evidence.push({
          issueKey: item.key,
          sprintId: sprint.id,
          at: sprint.startDate ?? asOf,
          what: `In sprint "${sprint.name}" (${sprint.state}), ending ${isoDay(sprint.endDate)}`,
        });
      context.report({
        messageId: sprint ? 'beyondSprint' : 'farAhead',
        suggestionId: 'fix',
        data: {
          ...itemData(item),
          field: field.label,
          date: field.date,
          gap: describeMonths(monthsAndDays(from, field.date)),
          limit: plural(limit, 'month'),
          ...(sprint ? { sprint: sprint.name, sprintEnd: isoDay(sprint.endDate) } : {}),
          ...whoCarriesTheDate(context, item),
        },
        subject: itemSubject(item),
        projectKey: item.projectKey,
        issueKeys: [item.key],
        evidence,
      });
    }
  },
};

/** The open (active or future) sprint holding the item that ends last, among those with a planned end. */
function latestOpenSprint(
  context: RuleContext<Options, MessageIds>,
  item: Item,
): (Sprint & { endDate: string }) | undefined {
  let latest: (Sprint & { endDate: string }) | undefined;
  for (const id of item.sprintIds) {
    const sprint = context.index.sprints.get(id);
    if (!sprint || sprint.state === 'closed' || !sprint.endDate) continue;
    if (!latest || sprint.endDate > latest.endDate) latest = { ...sprint, endDate: sprint.endDate };
  }
  return latest;
}

/** The PO who plans the item, and who would hold a real date on the roadmap: the owner of the epic above it, else a PM. */
function whoCarriesTheDate(
  context: RuleContext<Options, MessageIds>,
  item: Item,
): { po: string; holder: string; parent: string } {
  const po = roleHolderNames(context, item.projectKey, 'po', 'The product owner');
  const walk = walkUp(context.index, item, isRoadmapItem);
  const epic = walk.end === 'found' ? walk.path[walk.path.length - 1] : undefined;
  if (!epic)
    return {
      po,
      holder: roleHolderNames(context, item.projectKey, 'pm', 'the product manager'),
      parent: 'an epic on the roadmap',
    };
  return { po, holder: roadmapDecider(context, epic), parent: `${epic.type.name} ${epic.key}` };
}
