import { DEFAULT_THRESHOLDS, type Thresholds } from '../criteria';
import type { Action, Item } from '../domain/model';
import { planTier, type PlanTier } from '../horizon/roadmap';
import { dayNumber, horizonLean } from './horizon';
import type { ClassifyContext, Role } from './types';

/** Everything the evidence functions need about one action, computed once per call. */
export interface Scope {
  action: Action;
  item: Item;
  context: ClassifyContext;
  tier: PlanTier;
  /** The item's type as it reads in a sentence: "epic", "story", "initiative". */
  noun: string;
  /** Proposals are New Feature / Improvement items: requests until someone schedules, ranks or accepts them. */
  kind: 'story' | 'bug' | 'proposal' | 'other';
  /** The calendar day the action happened, as a day number. */
  day: number;
  thresholds: Thresholds;
}

const STORY_TYPE = /stor(?:y|ies)|historia|história|storia|geschichte|ストーリー|故事/iu;
const PROPOSAL_TYPE =
  /feature|improvement|enhancement|suggestion|wish|request|verbesserung|amélioration|mejora|melhoria|miglioramento|改善|改进|需求/iu;
const BUG_TYPE = /bug|defect|fehler|défaut|defecto|defeito|difetto|不具合|缺陷/iu;

export function scopeOf(action: Action, context: ClassifyContext): Scope {
  const { item } = context;
  // Reasons are one line, and the type's name is in most of them: a name with line breaks or tabs reads as one line.
  const typed = item.type.name.replace(/\s+/gu, ' ').trim();
  const name = typed === '' || typed.toLowerCase() === 'unknown' ? 'item' : typed;
  return {
    action,
    item,
    context,
    tier: planTier(item),
    noun: name.toLowerCase(),
    kind: STORY_TYPE.test(name)
      ? 'story'
      : BUG_TYPE.test(name)
        ? 'bug'
        : PROPOSAL_TYPE.test(name)
          ? 'proposal'
          : 'other',
    day: dayNumber(action.at) ?? 0,
    thresholds: context.thresholds ?? DEFAULT_THRESHOLDS,
  };
}

/** How strongly each tier pulls a scheduling decision towards the roadmap (+) or the backlog (−). */
export const TIER_PULL: Readonly<Record<PlanTier, number>> = { roadmap: 0.4, epic: 0, standard: -0.4, subtask: -0.6 };

/** How much a text cue for each role counts when said about an item of each tier. */
export const TEXT_WEIGHT: Readonly<Record<PlanTier, Readonly<Record<Role, number>>>> = {
  roadmap: { strategic: 1.3, tactical: 0.6, neutral: 1 },
  epic: { strategic: 1.1, tactical: 0.9, neutral: 1 },
  standard: { strategic: 0.7, tactical: 1, neutral: 1 },
  subtask: { strategic: 0.5, tactical: 1, neutral: 1 },
};

/** The item's planned end (or, lacking one, its start) as days ahead of the action, if it has plan dates. */
export function itemHorizonDays(scope: Scope): number | undefined {
  const { item } = scope;
  const day = dayNumber(item.targetEnd ?? item.dueDate) ?? dayNumber(item.targetStart ?? item.startDate);
  return day === undefined ? undefined : day - scope.day;
}

export function itemHorizonLean(scope: Scope): number | undefined {
  const days = itemHorizonDays(scope);
  return days === undefined ? undefined : horizonLean(days, scope.thresholds);
}
