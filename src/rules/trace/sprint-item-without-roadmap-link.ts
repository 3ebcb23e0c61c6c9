import { isRoadmapItem } from '../../horizon/roadmap';
import type { FindingEvidence } from '../../domain/finding';
import type { Item, Sprint } from '../../domain/model';
import { itemData, itemSubject, roleHolderNames, walkUp, type ParentWalk } from '../support';
import type { AuditIndex, RuleModule } from '../types';
import { isoDay } from '../../horizon';
import { personName } from '../../domain/text';

export interface Options {
  /** Sprint states whose items are judged. */
  includeStates: string[];
  /** Issue types exempt, with everything under them (e.g. "Bug" for teams that keep bugs off the roadmap). */
  ignoreTypes: string[];
}

const PARENT_FIELDS = new Set(['parent', 'epicLink', 'parentLink']);

export type MessageIds = 'noParent' | 'topReached' | 'cycle' | 'fix';

export const rule: RuleModule<Options, MessageIds> = {
  meta: {
    id: 'trace/sprint-item-without-roadmap-link',
    title: 'Sprint work not linked to the roadmap',
    category: 'trace',
    defaultSeverity: 'info',
    criteria: ['R3', 'C1'],
    description: 'An item in an active sprint whose parent chain reaches no epic or initiative on the roadmap.',
    messages: {
      noParent:
        '{{type}} {{key}} "{{summary}}" is in sprint "{{sprint}}" but has no parent: nothing links it to an epic or initiative on the roadmap.',
      topReached:
        '{{type}} {{key}} "{{summary}}" is in sprint "{{sprint}}", but its parent chain ({{chain}}) ends at a {{topType}} with no parent: it never reaches an epic or initiative on the roadmap.',
      cycle:
        '{{type}} {{key}} "{{summary}}" is in sprint "{{sprint}}", but its parent chain loops ({{chain}}) without reaching an epic or initiative on the roadmap.',
      fix: "{{po}} should give it the epic it serves as parent, so the sprint work traces to the roadmap. If work of this type is deliberately kept off the roadmap (bugs, chores), an admin can exempt the type with the rule's ignoreTypes option.",
    },
    needsWholeProject: true,
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        includeStates: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
        ignoreTypes: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
      },
    },
  },
  defaultOptions: { includeStates: ['active'], ignoreTypes: [] },
  check(context) {
    const { index } = context;
    const inSprint = sprintOfEachItem(index, (item, sprint) =>
      lowerCased(context.options(item.projectKey).includeStates).has(sprint.state.toLowerCase()),
    );
    const unlinked = new Map<string, { item: Item; sprint: Sprint; walk: ParentWalk; below: string[] }>();
    for (const { item, sprint } of inSprint.values()) {
      const ignored = lowerCased(context.options(item.projectKey).ignoreTypes);
      const walk = walkUp(
        index,
        item,
        (candidate) => isRoadmapItem(candidate) || ignored.has(candidate.type.name.toLowerCase()),
      );
      // A parent the site does not hold (another project not read, no permission) may well be an epic: not judged.
      if (walk.end === 'found' || walk.end === 'missing') continue;
      unlinked.set(item.key, { item, sprint, walk, below: [] });
    }
    // A sub-task whose story is in the sprint too shares the story's chain: the story's finding names it.
    for (const entry of unlinked.values()) {
      const parent = entry.item.parentKey ? unlinked.get(entry.item.parentKey) : undefined;
      if (parent && parent.item.type.hierarchyLevel > entry.item.type.hierarchyLevel) parent.below.push(entry.item.key);
    }
    const covered = new Set([...unlinked.values()].flatMap((entry) => entry.below));
    const now = context.now.toISOString();
    for (const { item, sprint, walk, below } of unlinked.values()) {
      if (covered.has(item.key)) continue;
      const top = walk.path[walk.path.length - 1]!;
      const chain = walk.path.map((step) => step.key).join(' → ');
      context.report({
        messageId: walk.end === 'cycle' ? 'cycle' : walk.path.length === 1 ? 'noParent' : 'topReached',
        suggestionId: 'fix',
        data: {
          ...itemData(item),
          sprint: sprint.name,
          chain: walk.end === 'cycle' ? `${chain} → ${top.parentKey!}` : chain,
          topType: top.type.name,
          po: roleHolderNames(context, item.projectKey, 'po', 'The product owner'),
        },
        subject: itemSubject(item),
        projectKey: item.projectKey,
        projectKeys: [...new Set(walk.path.map((step) => step.projectKey))],
        issueKeys: [item.key, ...below, ...walk.path.slice(1).map((step) => step.key)],
        evidence: [sprintEvidence(item, sprint, now), chainEndEvidence(index, top, walk.end, now)],
      });
    }
  },
};

/** Each item in a sprint that passes `include`, with the latest-starting such sprint. */
function sprintOfEachItem(
  index: AuditIndex,
  include: (item: Item, sprint: Sprint) => boolean,
): Map<string, { item: Item; sprint: Sprint }> {
  const found = new Map<string, { item: Item; sprint: Sprint }>();
  for (const sprint of index.site.sprints) {
    for (const item of index.itemsBySprint.get(sprint.id) ?? []) {
      if (!include(item, sprint)) continue;
      const known = found.get(item.key);
      if (!known || (sprint.startDate ?? '') > (known.sprint.startDate ?? '')) found.set(item.key, { item, sprint });
    }
  }
  return found;
}

function sprintEvidence(item: Item, sprint: Sprint, now: string): FindingEvidence {
  const dates = sprint.startDate && sprint.endDate ? `, ${isoDay(sprint.startDate)} → ${isoDay(sprint.endDate)}` : '';
  return {
    issueKey: item.key,
    sprintId: sprint.id,
    at: sprint.startDate ?? now,
    what: `In sprint "${sprint.name}" (${sprint.state}${dates})`,
  };
}

/** Where the chain stops: the change in the window that last set or removed the top item's parent, else the fact as read. */
function chainEndEvidence(index: AuditIndex, top: Item, end: ParentWalk['end'], now: string): FindingEvidence {
  const actions = index.actionsByItem.get(top.key) ?? [];
  for (let i = actions.length - 1; i >= 0; i--) {
    const action = actions[i]!.action;
    const change =
      action.kind === 'change' ? action.changes.find((candidate) => PARENT_FIELDS.has(candidate.meaning)) : undefined;
    if (!change) continue;
    const who = action.authorId ? personName(index, action.authorId) : 'Someone';
    const to = change.toText || change.toValue;
    const from = change.fromText || change.fromValue;
    const what = to
      ? `${who} set the parent of ${top.key} to ${to}`
      : `${who} removed ${from ? `${from} as ` : ''}the parent of ${top.key}`;
    return { issueKey: top.key, actionId: action.id, at: action.at, what };
  }
  const what =
    end === 'cycle'
      ? `${top.key} has ${top.parentKey!} as its parent, which is already below it`
      : `${top.key} (${top.type.name}) has no parent`;
  return { issueKey: top.key, at: now, what };
}

function lowerCased(values: readonly string[]): Set<string> {
  return new Set(values.map((value) => value.toLowerCase()));
}
