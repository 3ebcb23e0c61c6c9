import type { CalendarDate, Item, Sprint } from '../domain/model';
import type { CriteriaId, Thresholds } from '../criteria';

export type Role = 'strategic' | 'tactical' | 'neutral';

export const ROLES: readonly Role[] = ['strategic', 'tactical', 'neutral'];

export interface ClassifyContext {
  /** The item as it was just after the action (see `siteContexts`), or as it is when no history is known. */
  item: Item;
  /** The item just before the action, where its history is known: what a change found in place. */
  before?: Item;
  parent?: Item;
  sprints?: ReadonlyMap<number, Sprint>;
  thresholds?: Thresholds;
  /** Release dates by fix version name, where the reader kept them; otherwise a version's horizon is inferred. */
  releases?: ReadonlyMap<string, CalendarDate>;
  /** Set when the site shows the action to be bookkeeping (an app or automation account): why it decides nothing. */
  bookkeeping?: string;
  /** Set when the change is one of a bulk edit (one person, the same change on many issues within minutes): how many. */
  bulkEdit?: number;
}

export interface Classification {
  role: Role;
  /** 0..1; comments and questions are capped lower than decisions (R4). */
  confidence: number;
  criteria: CriteriaId[];
  /** One line: what was decided and at what horizon. */
  reason: string;
}

/** One piece of evidence for a role, with the criteria that make it evidence. */
export interface Evidence {
  role: Role;
  weight: number;
  criteria: readonly CriteriaId[];
  /**
   * A clause for the reason ("Moved the epic's target end by 13 weeks, to 9 months out"). For text cues it frames
   * what was said, with `{topics}` standing for the cues found ("Commented on the epic about {topics}").
   */
  reason: string;
  /** Set for text cues: what the cue is about ("pricing and packaging"). */
  topic?: string;
}
