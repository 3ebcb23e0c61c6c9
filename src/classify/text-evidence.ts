import { describeAhead, horizonLean } from './horizon';
import { CUES } from './cues';
import { furthestMentionDays } from './periods';
import { TEXT_WEIGHT, itemHorizonLean, type Scope } from './scope';
import type { Evidence } from './types';

/**
 * Evidence from the cue sets in `mask`, weighted by the tier of the item the text is about (a customer named on a
 * sub-task is not market strategy) and by `scale` (how much the text matters for this kind of action).
 */
export function textEvidence(
  mask: number,
  scope: Scope,
  scale: number,
  out: Evidence[],
  frame = `Wrote about {topics} on the ${scope.noun}`,
): void {
  if (mask === 0) return;
  const weights = TEXT_WEIGHT[scope.tier];
  for (const cue of CUES) {
    if ((mask & cue.bit) === 0) continue;
    const { weight, criteria, topic } = cue.set;
    const role = cue.set.role === 'item' ? sideOfItem(scope) : cue.set.role;
    out.push({
      role,
      weight: weight * weights[role] * scale,
      criteria,
      reason: frame.includes('{topics}') ? frame : `${frame}, about {topics}`,
      topic,
    });
  }
}

/** Whose decision a bare "we decided" is: the roadmap's for roadmap items and epics planned far ahead, else the backlog's. */
function sideOfItem(scope: Scope): 'strategic' | 'tactical' {
  if (scope.tier === 'roadmap') return 'strategic';
  if (scope.tier === 'epic') return (itemHorizonLean(scope) ?? 1) > 0 ? 'strategic' : 'tactical';
  return 'tactical';
}

/** A period named in the text ("Q3 2027", "2028 plan") that lies beyond the tactical horizon is C5 evidence. */
export function mentionedHorizonEvidence(
  text: string,
  scope: Scope,
  scale: number,
  out: Evidence[],
  frame: string,
): void {
  const days = furthestMentionDays(text, scope.day);
  if (days === undefined) return;
  const lean = horizonLean(days, scope.thresholds);
  if (lean <= 0) return;
  out.push({
    role: 'strategic',
    weight: lean * scale * TEXT_WEIGHT[scope.tier].strategic,
    criteria: ['C5'],
    reason: frame,
    topic: `plans ${describeAhead(days)}`,
  });
}
