import type { ProductRole } from '../../config/types';
import type { FieldMeaning, Item } from '../../domain/model';
import { daysBetween, isoDay } from '../../horizon';
import { isRoadmapItem } from '../../horizon/roadmap';
import type { AuditIndex, ClassifiedAction, RuleContext, RuleModule } from '../types';
import { EVIDENCE_LIMIT, actionEvidence, criteriaOf, isHumanDecider, rolesHeldIn } from '../support';
import { personName, plural, listed } from '../../domain/text';

export interface Options {
  /** A PM's and a PO's decisions on the same thing count as contested when at most this many days apart. */
  withinDays: number;
}

/**
 * What "deciding the same thing" means: fields grouped by the question they answer. Moving the start and moving
 * the due date both answer "when"; rank and priority both answer "before what". Fields that decide nothing
 * (assignee, labels, components, flags) are left out, and so are comments: they discuss, they do not decide (R4).
 */
export type Topic =
  'dates' | 'release' | 'sprint' | 'order' | 'estimate' | 'scope' | 'parent' | 'outcome' | 'team' | 'type';

const TOPIC_OF: Partial<Record<FieldMeaning, Topic>> = {
  dueDate: 'dates',
  startDate: 'dates',
  targetStart: 'dates',
  targetEnd: 'dates',
  fixVersions: 'release',
  sprint: 'sprint',
  rank: 'order',
  priority: 'order',
  storyPoints: 'estimate',
  summary: 'scope',
  description: 'scope',
  acceptanceCriteria: 'scope',
  parent: 'parent',
  parentLink: 'parent',
  epicLink: 'parent',
  status: 'outcome',
  resolution: 'outcome',
  team: 'team',
  issueType: 'type',
};

interface Owner {
  role: ProductRole;
  why: string;
}

/** Who decides each topic: on roadmap items (epics and above) and on backlog items. */
const TOPICS: Record<Topic, { label: string; roadmap: Owner; backlog: Owner }> = {
  dates: {
    label: 'planned dates',
    roadmap: { role: 'pm', why: 'dates on the roadmap, months out, are roadmap decisions (C5)' },
    backlog: { role: 'po', why: 'a backlog item’s dates follow the sprints and releases the PO plans (C5, C9)' },
  },
  release: {
    label: 'release (fix versions)',
    roadmap: { role: 'pm', why: 'which release a roadmap item ships in is a roadmap decision (C4, C5)' },
    backlog: { role: 'po', why: 'fitting a backlog item into a release is backlog planning (C4, C9)' },
  },
  sprint: {
    label: 'sprint membership',
    roadmap: { role: 'po', why: 'which work goes into a sprint is the PO’s decision (C4, C9)' },
    backlog: { role: 'po', why: 'which work goes into a sprint is the PO’s decision (C4, C9)' },
  },
  order: {
    label: 'rank and priority',
    roadmap: { role: 'pm', why: 'the order of roadmap items is the roadmap’s priority (C4)' },
    backlog: { role: 'po', why: 'the backlog’s order is the PO’s accountability (C9)' },
  },
  estimate: {
    label: 'estimate',
    roadmap: { role: 'po', why: 'estimates are refined with the team by the PO (C3)' },
    backlog: { role: 'po', why: 'estimates are refined with the team by the PO (C3)' },
  },
  scope: {
    label: 'scope (summary, description, acceptance criteria)',
    roadmap: { role: 'pm', why: 'what a roadmap item promises is the PM’s decision (C2)' },
    backlog: { role: 'po', why: 'writing and refining stories is backlog work (C3)' },
  },
  parent: {
    label: 'place in the hierarchy',
    roadmap: { role: 'pm', why: 'which roadmap bet an item serves is the PM’s decision (C1, C4)' },
    backlog: { role: 'po', why: 'organising stories under epics is backlog work (C3)' },
  },
  outcome: {
    label: 'outcome (committed, accepted, rejected or cut)',
    roadmap: { role: 'pm', why: 'committing to or cutting a roadmap item is the PM’s decision (C4)' },
    backlog: { role: 'po', why: 'accepting or declining backlog work is the PO’s decision (C3, C9)' },
  },
  team: {
    label: 'team',
    roadmap: { role: 'pm', why: 'which team takes on a roadmap item is a roadmap decision (C1, C4)' },
    backlog: { role: 'po', why: 'fitting work to a team’s capacity is backlog planning (C4)' },
  },
  type: {
    label: 'issue type',
    roadmap: { role: 'po', why: 'bug versus enhancement is a backlog call (C4)' },
    backlog: { role: 'po', why: 'bug versus enhancement is a backlog call (C4)' },
  },
};

const ROLE_NAMES: Record<ProductRole, string> = { pm: 'Product Manager', po: 'Product Owner' };

interface Decision {
  entry: ClassifiedAction;
  accountId: string;
  side: ProductRole;
  /** The side is the person's role inferred from their decisions, not a mapped one. */
  inferred: boolean;
}

export type MessageIds = 'contested' | 'agree';

export const rule: RuleModule<Options, MessageIds> = {
  meta: {
    id: 'overlap/contested-item',
    title: 'PM and PO decide the same thing',
    category: 'overlap',
    defaultSeverity: 'warning',
    criteria: ['C4', 'C9', 'R2'],
    description: 'A product manager and a product owner both decide the same thing on one item.',
    messages: {
      contested:
        'Product Manager {{pms}} and Product Owner {{pos}} both decided the {{topic}} of {{key}} "{{summary}}" within {{span}}: {{changes}} from {{first}} to {{last}} ({{sequence}}).',
      agree:
        'Agree who decides the {{topic}} of {{key}}: on {{noun}} it is the {{owner}}’s call, because {{why}}. The other should ask for a change in a comment rather than make it.',
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { withinDays: { type: 'integer', minimum: 0 } },
    },
  },
  defaultOptions: { withinDays: 30 },
  check(context) {
    for (const [key, entries] of context.index.actionsByItem) {
      const item = context.index.items.get(key);
      if (!item) continue;
      const { withinDays } = context.options(item.projectKey);
      for (const [topic, decisions] of decisionsByTopic(context, item, entries)) {
        const contested = decisions.filter((one) =>
          decisions.some(
            (other) =>
              other.side !== one.side &&
              Math.abs(daysBetween(one.entry.action.at, other.entry.action.at)) <= withinDays,
          ),
        );
        const first = contested[0];
        const last = contested[contested.length - 1];
        if (!first || !last) continue;
        const shown = contested.slice(0, EVIDENCE_LIMIT);
        const owner = isRoadmapItem(item) ? TOPICS[topic].roadmap : TOPICS[topic].backlog;
        const span = daysBetween(first.entry.action.at, last.entry.action.at);
        context.report({
          messageId: 'contested',
          suggestionId: 'agree',
          data: {
            pms: namesOf(context.index, contested, 'pm'),
            pos: namesOf(context.index, contested, 'po'),
            topic: TOPICS[topic].label,
            key: item.key,
            summary: item.summary,
            span: span === 0 ? 'the same day' : plural(span, 'day'),
            changes: plural(contested.length, 'change'),
            first: isoDay(first.entry.action.at),
            last: isoDay(last.entry.action.at),
            sequence:
              shown
                .map(
                  ({ accountId, side, inferred }) =>
                    `${personName(context.index, accountId)} (${inferred ? 'inferred ' : ''}${side.toUpperCase()})`,
                )
                .join(', then ') + (contested.length > shown.length ? ', …' : ''),
            noun: withArticle(item.type.name.toLowerCase()),
            owner: ROLE_NAMES[owner.role],
            why: owner.why,
          },
          subject: { type: 'item', id: item.key, key: item.key, name: item.summary },
          projectKey: item.projectKey,
          issueKeys: [item.key],
          evidence: shown.map(({ entry, side }) => actionEvidence(context.index, entry, side.toUpperCase())),
          criteria: criteriaOf(
            rule.meta.criteria,
            shown.map(({ entry }) => entry),
          ),
          discriminator: topic,
          provisional: contested.some((one) => one.inferred),
        });
      }
    }
  },
};

/** The item's decisions by PMs and POs (people holding exactly one of the two roles, mapped or inferred), grouped by topic, oldest first. */
function decisionsByTopic(
  context: RuleContext<Options, MessageIds>,
  item: Item,
  entries: readonly ClassifiedAction[],
): Map<Topic, Decision[]> {
  const byTopic = new Map<Topic, Decision[]>();
  for (const entry of entries) {
    const { action, classification } = entry;
    if (
      action.kind !== 'change' ||
      classification.role === 'neutral' ||
      !isHumanDecider(context.index, action.authorId)
    )
      continue;
    const held = rolesHeldIn(context.roles, action.authorId, item.projectKey);
    if (held.roles.length !== 1) continue;
    const side = held.roles[0] as ProductRole;
    const inferred = held.scope === 'inferred';
    const topics = new Set(
      action.changes.map((change) => TOPIC_OF[change.meaning]).filter((topic): topic is Topic => topic !== undefined),
    );
    for (const topic of topics)
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), { entry, accountId: action.authorId, side, inferred }]);
  }
  return byTopic;
}

function namesOf(index: AuditIndex, decisions: readonly Decision[], side: ProductRole): string {
  return listed([
    ...new Set(decisions.filter((one) => one.side === side).map(({ accountId }) => personName(index, accountId))),
  ]);
}

/** "a story", "an epic", "an initiative". */
function withArticle(noun: string): string {
  return `${/^[aeiou]/u.test(noun) ? 'an' : 'a'} ${noun}`;
}
