import type { CriteriaId } from '../criteria';
import type { Action, CommentAction, Item } from '../domain/model';
import type { PlanTier } from '../horizon/roadmap';
import { bookkeepingChange, changeEvidence, scheduling } from './changes';
import { dayNumber, describeAhead, describeSpan, horizonLean } from './horizon';
import { itemHorizonDays, scopeOf, type Scope } from './scope';
import { cueMask } from './cues';
import { statesDecision } from './decisions';
import { LEXICON } from './lexicon';
import { mentionedHorizonEvidence, textEvidence } from './text-evidence';
import type { Classification, ClassifyContext, Evidence, Role } from './types';
import { listed } from '../domain/text';

export type { Classification, ClassifyContext, Evidence, Role } from './types';
export { ROLES } from './types';
export { siteContexts, type SiteContexts } from './site';

/** Bookkeeping is known from the site's own record (bulk edits, app accounts), not read from words. */
const BOOKKEEPING_CONFIDENCE = 0.9;

/**
 * Judges one action: WHAT was decided (which field, which words) and AT WHAT HORIZON (the item's tier, how far a
 * date moved and where it lands). It never looks at who acted — no author, assignee, reporter or user field is read —
 * so that the rules can later compare what people did with the role they hold.
 */
export function classifyAction(action: Action, context: ClassifyContext): Classification {
  if (context.bookkeeping !== undefined)
    return { role: 'neutral', confidence: BOOKKEEPING_CONFIDENCE, criteria: [], reason: context.bookkeeping };
  const scope = scopeOf(action, context);
  return decide(gatherEvidence(action, scope), scope);
}

/** Every piece of evidence behind a classification, heaviest first: what `classify --explain` prints. */
export function explainAction(action: Action, context: ClassifyContext): Evidence[] {
  if (context.bookkeeping !== undefined)
    return [{ role: 'neutral', weight: 3, criteria: [], reason: context.bookkeeping }];
  return gatherEvidence(action, scopeOf(action, context)).sort((a, b) => b.weight - a.weight);
}

function gatherEvidence(action: Action, scope: Scope): Evidence[] {
  const evidence: Evidence[] = [];
  switch (action.kind) {
    case 'change': {
      const bookkeeping = bookkeepingChange(action, scope);
      if (bookkeeping) {
        evidence.push({ role: 'neutral', weight: BOOKKEEPING_WEIGHT, criteria: [], reason: bookkeeping });
        break;
      }
      for (const change of action.changes) changeEvidence(change, scope, evidence, action.changes);
      contextEvidence(scope, evidence);
      break;
    }
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

/** Bookkeeping outweighs whatever the changed fields would otherwise say. */
const BOOKKEEPING_WEIGHT = 4;
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
  const filed = filedAs(item);
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
      if (days !== undefined)
        out.push(scheduling(horizonLean(days, scope.thresholds), `Created ${withArticle(noun)}${planned}`));
      else if (filed === undefined && item.description)
        out.push({
          role: 'strategic',
          weight: 1.2,
          criteria: ['C3'],
          reason: `Created a new ${noun}, a roadmap entry for what the product will do`,
        });
      else {
        out.push({
          role: 'neutral',
          weight: 2.5,
          criteria: [],
          reason: `Created ${withArticle(noun)} ${filed ?? 'as an empty bucket of work'}`,
        });
        return;
      }
      break;
    case 'standard':
      if (scope.kind === 'bug' || scope.kind === 'proposal') {
        out.push({
          role: 'neutral',
          weight: 2.5,
          criteria: [],
          reason:
            scope.kind === 'bug'
              ? `Logged ${withArticle(noun)}; reporting defects is delivery work`
              : `Filed ${withArticle(noun)}: a proposal until someone schedules, ranks or accepts it (R4)`,
        });
        return;
      }
      if (filed !== undefined) {
        out.push({ role: 'neutral', weight: 2.5, criteria: [], reason: `Created ${withArticle(noun)} ${filed}` });
        return;
      }
      if (scope.kind === 'story')
        out.push({ role: 'tactical', weight: 1.5, criteria: ['C3'], reason: `Wrote a new ${noun} for the backlog` });
      // A task says nothing by its type: what it is about decides.
      break;
    case 'subtask':
      out.push({
        role: 'neutral',
        weight: 2.5,
        criteria: [],
        reason: `Split out ${withArticle(noun)} for the implementation: the developers' own breakdown`,
      });
      return;
  }
  const text = `${item.summary}\n${labelText(item)}\n${item.description ?? ''}`;
  const frame = `Created ${withArticle(noun)}${planned} about {topics}`;
  textEvidence(cueMask(text), scope, 1, out, frame);
  mentionedHorizonEvidence(text, scope, 1, out, frame);
}

/** Engineering-internal work: builds, CI, upgrades, deprecations, refactors, tests, technical debt. */
const ENGINEERING =
  /\b(?:upgrade|deprecat\w*|refactor\w*|tech(?:nical)?[ -]debt|unit[ -]tests?|build[ -]system|ci|jenkins\w*|scons|gyp|64[ -]?bit|dependenc(?:y|ies)|compiler|lint(?:er|ing)?)\b/iu;
/** A defect written up as another type. */
const DEFECT =
  /(?<![\w-])(?:cannot|can't|can not|doesn't|does not|crash(?:es|ed|ing)?|fails?|failing|broken|not working)(?![\w-])|steps to reproduce/iu;
/** Someone asking for a feature rather than deciding it. */
const REQUEST = /\b(?:trying to find|would (?:be|like)|please|is there a way|feature request|i need)\b/iu;

/** How a new item shows it is not a product decision, in words for a reason; undefined when nothing does. */
function filedAs(item: Item): string | undefined {
  if (ENGINEERING.test(item.summary)) return 'for engineering-internal work';
  if (DEFECT.test(item.summary)) return 'to report a defect';
  const description = item.description ?? '';
  if (REQUEST.test(`${item.summary}\n${description}`)) return 'to request a feature (R4)';
  if (DEFECT.test(description) && /steps to reproduce|expected (?:result|behaviou?r)/iu.test(description))
    return 'to report a defect';
  return undefined;
}

/**
 * Evidence from a comment. A comment that states a decision ("we will", "moving to", "closing as won't fix") is
 * judged by what it decides; one that does not is discussion (R4): its topic words count for much less, so only a
 * comment dense with planning content (goals, criteria, pricing, dates) still reads as one side's business.
 */
function commentEvidence(action: CommentAction, scope: Scope, out: Evidence[]): void {
  const where = whereItStands(scope);
  const decided = statesDecision(action.text);
  const verb = isQuestion(action.text) ? 'Asked' : 'Commented';
  const frame = decided
    ? `Recorded a decision about {topics} on the ${scope.noun}${where}`
    : `${verb} about {topics} on the ${scope.noun}${where}`;
  const scale = decided ? 1 : UNDECIDED_TOPIC_SCALE;
  const before = out.length;
  textEvidence(cueMask(action.text), scope, scale, out, frame);
  mentionedHorizonEvidence(action.text, scope, scale, out, frame);
  const lean = COMMENT_LEAN[scope.tier];
  if (lean)
    out.push({
      role: lean.role,
      weight: lean.weight,
      criteria: ['C1'],
      reason: `Commented on the ${scope.noun}${where}`,
    });
  if (!decided) {
    out.push({
      role: 'neutral',
      weight: UNDECIDED_COMMENT,
      criteria: [],
      reason: `${verb} on the ${scope.noun}${where} without recording a decision`,
    });
    return;
  }
  // A stated decision is one, whatever delivery chatter surrounds it; its topics say whose decision it is. Deferring
  // or dropping one delivery item (a bug, a story) is a backlog call, not cutting a feature from the product.
  const delivery = scope.tier === 'standard' || scope.tier === 'subtask';
  let strategic = 0;
  let tactical = 0;
  for (let index = out.length - 1; index >= before; index--) {
    const item = out[index];
    if (item?.role === 'neutral' || (delivery && item?.topic === CUT_TOPIC)) out.splice(index, 1);
    else if (item?.role === 'strategic') strategic += item.weight;
    else if (item) tactical += item.weight;
  }
  const side: Role = scope.tier === 'roadmap' || strategic > tactical ? 'strategic' : 'tactical';
  out.push({
    role: side,
    weight: DECIDED_COMMENT,
    criteria: side === 'strategic' ? ['C4'] : ['C3', 'C9'],
    reason: `Recorded a decision on the ${scope.noun}${where}`,
  });
}

const CUT_TOPIC = LEXICON.find((set) => set.id === 'cutOrDefer')?.topic;

/** How much the topic words of a comment that records no decision count, and how much "no decision" weighs. */
const UNDECIDED_TOPIC_SCALE = 0.7;
const UNDECIDED_COMMENT = 0.5;
const DECIDED_COMMENT = 2.5;

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

/** ", in the sprint running then", ", whose plan ends 9 months out", or nothing. */
function whereItStands(scope: Scope): string {
  const sprints = scope.context.sprints;
  for (const id of scope.item.sprintIds) {
    const sprint = sprints?.get(id);
    const end = dayNumber(sprint?.endDate);
    // Only the sprint running at the time: an item's later sprints say where it went, not where it stood.
    const start = dayNumber(sprint?.startDate);
    if (sprint && end !== undefined && end >= scope.day && (start === undefined || start <= scope.day))
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
