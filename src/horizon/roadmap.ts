import { HIERARCHY, type Item } from '../domain/model';

/**
 * Where an item sits in the plan: on the roadmap (the PM's, C5 strategic horizon) or in the backlog (the PO's).
 * One definition for the classifier and the rules (R2: roadmap items belong to PMs, sprints and backlogs to POs).
 */

const DISCOVERY_TYPE = /^(?:idea|opportunit|insight|hypothes|idee|idée|ideia|アイデア|アイディア|想法|创意)/iu;

/**
 * A discovery idea (Jira Product Discovery and the like): its type sits at the standard level, but it is a product
 * opportunity a PM weighs, not a backlog item a team delivers.
 */
export function isDiscoveryIdea(item: Pick<Item, 'type'>): boolean {
  return DISCOVERY_TYPE.test(item.type.name.trim());
}

/** An item on the roadmap: an epic or anything above it (initiatives, themes), or a discovery idea. */
export function isRoadmapItem(item: Pick<Item, 'type'>): boolean {
  return item.type.hierarchyLevel >= HIERARCHY.epic || isDiscoveryIdea(item);
}

/**
 * The tier an item plans at. Roadmap items split in two: epics, which may be a sprint-sized container as well as a
 * quarter's work, and the rest (`roadmap`: initiatives and above, and discovery ideas), which plan in months.
 */
export type PlanTier = 'roadmap' | 'epic' | 'standard' | 'subtask';

export function planTier(item: Pick<Item, 'type'>): PlanTier {
  const level = item.type.hierarchyLevel;
  if (level >= HIERARCHY.roadmap || isDiscoveryIdea(item)) return 'roadmap';
  if (level === HIERARCHY.epic) return 'epic';
  return level <= HIERARCHY.subtask ? 'subtask' : 'standard';
}

/**
 * Who owns an item by the configured owner field: `assignee`, `reporter`, `creator`, or the id of a user-picker field
 * (its first user).
 */
export function ownerOf(
  item: Pick<Item, 'assigneeId' | 'reporterId' | 'creatorId' | 'userFields'>,
  settings: { ownerField: string },
): string | undefined {
  switch (settings.ownerField) {
    case 'assignee':
      return item.assigneeId;
    case 'reporter':
      return item.reporterId;
    case 'creator':
      return item.creatorId;
    default:
      return item.userFields[settings.ownerField]?.[0];
  }
}
