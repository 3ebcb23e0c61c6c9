import { isOpen } from '../../domain/item-state';
import { isRoadmapItem, ownerOf } from '../../horizon/roadmap';
import type { Item, Person } from '../../domain/model';
import { plannedEnd, plannedStart, isoDay } from '../../horizon';
import { describeInference, type RoleInfo } from '../../roles';
import type { AuditIndex, RuleModule } from '../types';
import { personName, listed } from '../../domain/text';

export interface Options {
  /** The lowest hierarchy level judged: 1 = epics and above, 2 = initiatives and above only. */
  minLevel: number;
}

/** At most this many Product Managers are named in a suggestion. */
const NAMED_PMS = 5;

export type MessageIds = 'noOwner' | 'ownerNotPm' | 'assign' | 'reassign' | 'replace';

/** R2: roadmap items belong to PMs. Open ones with no owner, or an owner who is not a PM of the project, are reported. */
export const rule: RuleModule<Options, MessageIds> = {
  meta: {
    id: 'owner/roadmap-item-unowned',
    title: 'Roadmap item without a product manager',
    category: 'owner',
    defaultSeverity: 'warning',
    criteria: ['C1', 'C4', 'R2'],
    description: 'An open roadmap item has no owner, or its owner is not a product manager.',
    messages: {
      noOwner:
        '{{type}} {{key}} "{{summary}}" is open on the roadmap ({{status}}{{plan}}) but has no owner: its {{ownerField}} is empty.',
      ownerNotPm:
        '{{type}} {{key}} "{{summary}}" is open on the roadmap ({{status}}{{plan}}) and owned by {{owner}} (its {{ownerField}}), who is not a Product Manager in {{project}}: {{ownerRole}}.',
      assign:
        'Set the {{ownerField}} of {{key}} to the Product Manager who answers for it ({{pms}}): what a roadmap item promises, and when, is a PM’s decision.',
      reassign:
        'Set the {{ownerField}} of {{key}} to the Product Manager who answers for it ({{pms}}): what a roadmap item promises, and when, is a PM’s decision. If {{owner}} does own it as a Product Manager, map them to that role in {{project}}.',
      replace:
        'Hand {{key}} to an active Product Manager ({{pms}}) by setting its {{ownerField}}: a roadmap item whose owner cannot act has nobody deciding what it promises, and when.',
    },
    needsWholeProject: true,
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { minLevel: { type: 'integer', minimum: 1 } },
    },
  },
  defaultOptions: { minLevel: 1 },
  check(context) {
    for (const item of context.index.site.items) {
      if (!isRoadmapItem(item) || !isOpen(item)) continue;
      if (item.type.hierarchyLevel < context.options(item.projectKey).minLevel) continue;
      const settings = context.settings(item.projectKey);
      const ownerId = ownerOf(item, settings);
      const ownerField = fieldLabel(settings.ownerField);
      const person = ownerId ? context.index.people.get(ownerId) : undefined;
      const info = ownerId ? context.roles.rolesIn(ownerId, item.projectKey) : undefined;
      if (ownerId && info && info.roles.includes('pm') && isActive(person)) continue;

      const owner = ownerId ? personName(context.index, ownerId) : 'nobody';
      context.report({
        messageId: ownerId ? 'ownerNotPm' : 'noOwner',
        suggestionId: !ownerId ? 'assign' : isActive(person) ? 'reassign' : 'replace',
        data: {
          type: item.type.name,
          key: item.key,
          summary: item.summary,
          status: item.status.name,
          plan: planPhrase(item),
          ownerField,
          owner,
          project: item.projectKey,
          ownerRole: info ? describeRole(info, person, item.projectKey) : '',
          pms: pmCandidates(
            context.index,
            context.roles
              .holders(item.projectKey, 'pm')
              .filter((id) => id !== ownerId && isActive(context.index.people.get(id))),
            item.projectKey,
          ),
        },
        subject: { type: 'item', id: item.key, key: item.key, name: item.summary },
        projectKey: item.projectKey,
        issueKeys: [item.key],
        // Who the project's PMs are is a guess while nobody is mapped as PM there.
        provisional: context.roles.holders(item.projectKey, 'pm').length === 0,
        evidence: [
          {
            issueKey: item.key,
            at: item.updated ?? item.created,
            what: `${item.type.name} in ${item.status.name}, created ${isoDay(item.created)}${item.creatorId ? ` by ${personName(context.index, item.creatorId)}` : ''}; ${ownerField}: ${owner}`,
          },
        ],
      });
    }
  },
};

function isActive(person: Person | undefined): boolean {
  return person === undefined || (person.active && !person.deleted && person.kind !== 'app');
}

/** Why the owner does not count as a PM here; "inferred" is said whenever the role is only a guess from actions. */
function describeRole(info: RoleInfo, person: Person | undefined, projectKey: string): string {
  if (person?.deleted) return 'their account no longer exists';
  if (person?.kind === 'app') return 'it is an app account, not a person';
  if (person && !person.active)
    return info.roles.includes('pm')
      ? 'they are a Product Manager, but their account is deactivated'
      : 'their account is deactivated';
  const roles = listed(info.roles.map((role) => (role === 'pm' ? 'Product Manager' : 'Product Owner')));
  switch (info.scope) {
    case 'project':
      return `they are mapped as ${roles} in ${projectKey}`;
    case 'site':
      return `they are mapped only as ${roles} on this site`;
    case 'inferred': {
      const [evidence] = info.inferredFrom ?? [];
      return `they hold no mapped role, and their own decisions suggest a ${roles}${evidence ? ` (${describeInference(evidence)})` : ' (inferred)'}`;
    }
    default:
      return 'they hold no product role, mapped or inferred from their actions';
  }
}

function pmCandidates(index: AuditIndex, holders: readonly string[], projectKey: string): string {
  if (holders.length === 0) return `no other active Product Manager is mapped in ${projectKey} yet, so map one first`;
  const names = holders.slice(0, NAMED_PMS).map((id) => personName(index, id));
  return holders.length > NAMED_PMS
    ? `one of ${names.join(', ')} and ${holders.length - NAMED_PMS} more`
    : `${holders.length > 1 ? 'one of ' : ''}${listed(names)}`;
}

function planPhrase(item: Item): string {
  const start = plannedStart(item);
  const end = plannedEnd(item);
  if (start && end) return `, planned ${start} to ${end}`;
  if (end) return `, planned to end ${end}`;
  if (start) return `, planned to start ${start}`;
  return '';
}

function fieldLabel(ownerField: string): string {
  return ownerField === 'assignee' || ownerField === 'reporter' || ownerField === 'creator'
    ? ownerField
    : `owner field (${ownerField})`;
}
