import type { CriteriaId } from '../criteria';
import type { Action, CommentAction, Item } from '../domain/model';
import type { PlanTier } from '../horizon/roadmap';
import { changeEvidence, scheduling } from './changes';
import { dayNumber, describeAhead, describeSpan, horizonLean } from './horizon';
import { itemHorizonDays, scopeOf, type Scope } from './scope';
import { cueMask } from './cues';
import { mentionedHorizonEvidence, textEvidence } from './text-evidence';
import type { Classification, ClassifyContext, Evidence, Role } from './types';
import { listed } from '../domain/text';

export type { Classification, ClassifyContext, Evidence, Role } from './types';
export { ROLES } from './types';

/**
 * Judges one action: WHAT was decided (which field, which words) and AT WHAT HORIZON (the item's tier, how far a
 * date moved and where it lands). It never looks at who acted — no author, assignee, reporter or user field is read —
 * so that the rules can later compare what people did with the role they hold.
 */
export function classifyAction(action: Action, context: ClassifyContext): Classification {
  const scope = scopeOf(action, context);
  return decide(gatherEvidence(action, scope), scope);
}

/** Every piece of evidence behind a classification, heaviest first: what `classify --explain` prints. */
export function explainAction(action: Action, context: ClassifyContext): Evidence[] {
  return gatherEvidence(action, scopeOf(action, context)).sort((a, b) => b.weight - a.weight);
}

function gatherEvidence(action: Action, scope: Scope): Evidence[] {
  const evidence: Evidence[] = [];
  switch (action.kind) {
    case 'change':
      for (const change of action.changes) changeEvidence(change, scope, evidence, action.changes);
      contextEvidence(scope, evidence);
      break;
    case 'create':
      creationEvidence(scope, evidence);
      break;
    case 'comment':
      commentEvidence(action, scope, evidence);
      contextEvidence(scope, evidence);
      break;
  }
  return evidence;
}

/** Below this much evidence for a side an action is ordinary delivery work. */
const NEUTRAL_FLOOR = 0.6;
/** R4: what is said in a comment weighs less than what is done, so a comment's confidence is capped lower. */
const DISCUSSION_CONFIDENCE = 0.75;
const QUESTION_CONFIDENCE = 0.85;
/** A classification names the criteria of the evidence that carried it, not of every faint cue beside it. */
const CRITERION_SHARE = 0.3;

function decide(evidence: readonly Evidence[], scope: Scope): Classification {
  let strategic = 0;
  let tactical = 0;
  let neutral = NEUTRAL_FLOOR;
  for (const item of evidence) {
    if (item.role === 'strategic') strategic += item.weight;
    else if (item.role === 'tactical') tactical += item.weight;
    else neutral += item.weight;
  }
  const role: Role =
    strategic > tactical
      ? strategic > neutral
        ? 'strategic'
        : 'neutral'
      : tactical > neutral
        ? 'tactical'
        : 'neutral';
  const top = role === 'strategic' ? strategic : role === 'tactical' ? tactical : neutral;
  const second =
    role === 'strategic'
      ? Math.max(tactical, neutral)
      : role === 'tactical'
        ? Math.max(strategic, neutral)
        : Math.max(strategic, tactical);
  const mine = evidence.filter((item) => item.role === role).sort((a, b) => b.weight - a.weight);

  let confidence = (0.5 + (0.45 * (top - second)) / top) * Math.min(1, 0.55 + top / 5);
  if (scope.action.kind === 'comment')
    confidence *= isQuestion(scope.action.text) ? DISCUSSION_CONFIDENCE * QUESTION_CONFIDENCE : DISCUSSION_CONFIDENCE;

  const criteria = new Set<CriteriaId>();
  for (const item of mine)
    if (item.weight >= CRITERION_SHARE * (mine[0]?.weight ?? 0)) for (const id of item.criteria) criteria.add(id);
  if (scope.action.kind === 'comment' && role !== 'neutral') criteria.add('R4');
  return {
    role,
    confidence: Math.round(confidence * 100) / 100,
    criteria: [...criteria],
    reason: reasonFor(mine, scope),
  };
}

function reasonFor(mine: readonly Evidence[], scope: Scope): string {
  const top = mine[0];
  if (!top) return noDecision(scope);
  if (top.topic === undefined) return oneLine(top.reason);
  const topics = [
    ...new Set(
      mine.filter((item) => item.reason === top.reason && item.topic !== undefined).map((item) => item.topic as string),
    ),
  ].slice(0, 3);
  return oneLine(top.reason.replace('{topics}', listed(topics) || 'its work'));
}

/** Reasons quote field values (summaries, version names), which may hold line breaks. */
function oneLine(text: string): string {
  return text.includes('\n') || text.includes('\r') || text.includes('\t') ? text.replace(/\s+/g, ' ').trim() : text;
}

function noDecision(scope: Scope): string {
  switch (scope.action.kind) {
    case 'comment':
      return `Commented on the ${scope.noun} without deciding scope, order or timing`;
    case 'create':
      return `Created ${withArticle(scope.noun)} with no sign of a planning decision`;
    default:
      return `Changed the ${scope.noun} without deciding scope, order or timing`;
  }
}

function creationEvidence(scope: Scope, out: Evidence[]): void {
  const { item, noun, tier } = scope;
  const days = itemHorizonDays(scope);
  const planned = days === undefined ? '' : ` planned to end ${describeAhead(days)}`;
  switch (tier) {
    case 'roadmap':
      out.push({
        role: 'strategic',
        weight: 2,
        criteria: ['C3', 'C2', 'C5'],
        reason: `Created a new ${noun}${planned}, deciding what the product pursues`,
      });
      break;
    case 'epic':
      // An undated epic is still a new feature for the plan; its text or later dating says more.
      if (days === undefined)
        out.push({ role: 'strategic', weight: 0.8, criteria: ['C3'], reason: `Created a new ${noun}` });
      else out.push(scheduling(horizonLean(days, scope.thresholds), `Created ${withArticle(noun)}${planned}`));
      break;
    case 'standard':
      if (scope.kind === 'story')
        out.push({ role: 'tactical', weight: 1.5, criteria: ['C3'], reason: `Wrote a new ${noun} for the backlog` });
      else if (scope.kind === 'bug')
        out.push({
          role: 'neutral',
          weight: 1.2,
          criteria: [],
          reason: `Logged ${withArticle(noun)}; reporting defects is delivery work`,
        });
      // A task says nothing by its type: what it is about decides.
      break;
    case 'subtask':
      out.push({
        role: 'neutral',
        weight: 1.2,
        criteria: [],
        reason: `Split out ${withArticle(noun)} for the implementation`,
      });
      break;
  }
  const text = `${item.summary}\n${labelText(item)}\n${item.description ?? ''}`;
  const frame = `Created ${withArticle(noun)}${planned} about {topics}`;
  textEvidence(cueMask(text), scope, 1, out, frame);
  mentionedHorizonEvidence(text, scope, 1, out, frame);
}

function commentEvidence(action: CommentAction, scope: Scope, out: Evidence[]): void {
  const where = whereItStands(scope);
  const frame = `${isQuestion(action.text) ? 'Asked' : 'Commented'} about {topics} on the ${scope.noun}${where}`;
  textEvidence(cueMask(action.text), scope, 1, out, frame);
  mentionedHorizonEvidence(action.text, scope, 1, out, frame);
  const lean = COMMENT_LEAN[scope.tier];
  if (lean)
    out.push({
      role: lean.role,
      weight: lean.weight,
      criteria: ['C1'],
      reason: `Commented on the ${scope.noun}${where}`,
    });
}

/**
 * C1: a comment is about its item, so what it says leans a little to that item's side — the roadmap for roadmap
 * items, the backlog for stories — never enough on its own to outweigh "nothing was decided". Epics go both ways.
 */
const COMMENT_LEAN: Readonly<Partial<Record<PlanTier, { role: Role; weight: number }>>> = {
  roadmap: { role: 'strategic', weight: 0.3 },
  standard: { role: 'tactical', weight: 0.2 },
  subtask: { role: 'tactical', weight: 0.2 },
};

/** The item's own labels and summary: weak evidence of what any action on it is about (C1). */
const CONTEXT_WEIGHT = 0.35;
const itemCues = new WeakMap<Item, number>();

function contextEvidence(scope: Scope, out: Evidence[]): void {
  const { item } = scope;
  let mask = itemCues.get(item);
  if (mask === undefined) {
    mask = cueMask(`${item.summary}\n${labelText(item)}`);
    itemCues.set(item, mask);
  }
  const before = out.length;
  textEvidence(mask, scope, CONTEXT_WEIGHT, out, `Acted on ${withArticle(scope.noun)} about {topics}`);
  // Context says what the item is about, not whether this action is routine: only the two sides count.
  for (let index = out.length - 1; index >= before; index--) if (out[index]?.role === 'neutral') out.splice(index, 1);
}

/** ", in the running sprint", ", whose plan ends 9 months out", or nothing. */
function whereItStands(scope: Scope): string {
  const sprints = scope.context.sprints;
  for (const id of scope.item.sprintIds) {
    const sprint = sprints?.get(id);
    const end = dayNumber(sprint?.endDate);
    if (sprint && end !== undefined && end >= scope.day)
      return `, in ${sprint.name} (ends in ${describeSpan(end - scope.day)})`;
  }
  const days = itemHorizonDays(scope);
  if (days !== undefined && days >= 0) return `, whose plan ends ${describeAhead(days)}`;
  return '';
}

/** Labels as words: "okr-2027" reads "okr 2027", "needs_refinement" reads "needs refinement". */
function labelText(item: Item): string {
  return item.labels.join(' ').replace(/[-_]+/gu, ' ');
}

function isQuestion(text: string): boolean {
  const last = text.trimEnd().slice(-1);
  return last === '?' || last === '？';
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/u.test(noun) ? 'an' : 'a'} ${noun}`;
}
