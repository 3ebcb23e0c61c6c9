import type { CriteriaId } from '../criteria';
import type { ChangeAction, FieldChange, FieldMeaning } from '../domain/model';
import { dayNumber, dayNumberOf, describeAhead, describeSpan, horizonLean, shiftLean } from './horizon';
import { TIER_PULL, itemHorizonDays, itemHorizonLean, type Scope } from './scope';
import { cueMask } from './cues';
import { furthestMentionDays } from './periods';
import { addedText, isTypoFix } from './text';
import { mentionedHorizonEvidence, textEvidence } from './text-evidence';
import type { Evidence, Role } from './types';
import { plural } from '../domain/text';

/**
 * What one changelog item is evidence of. Each field meaning has one small function; the same field can point
 * either way, decided by the item's tier and by horizon maths (C5), never by who made the change.
 */
export function changeEvidence(
  change: FieldChange,
  scope: Scope,
  out: Evidence[],
  sameAction: readonly FieldChange[],
): void {
  const handler = HANDLERS[change.meaning];
  if (handler) handler(change, scope, out, sameAction);
  else otherFieldEvidence(change, scope, out);
}

/**
 * Why a change is bookkeeping rather than a decision, or undefined: a workflow or scheme migration (statuses reset
 * with no real transition), a bulk edit of something other than open work's plan, a fix version stamped on an item
 * at or after its resolution, an estimate cleared.
 */
export function bookkeepingChange(action: ChangeAction, scope: Scope): string | undefined {
  const { changes } = action;
  const { noun } = scope;
  if (changes.some((change) => change.meaning === 'other' && MIGRATION_FIELD.test(change.fieldName)))
    return `Migrated the ${noun} to another workflow or scheme; its status was reset, not moved by anyone`;
  const resolvedBefore = scope.context.before?.resolved !== undefined;
  const bulk = scope.context.bulkEdit;
  if (bulk !== undefined && (resolvedBefore || changes.some((change) => !PLAN_FIELDS.has(change.meaning))))
    return `Part of a bulk edit: the same change on ${bulk} issues within minutes${resolvedBefore ? ', to finished items' : ''}`;
  if (changes.some((change) => change.meaning === 'fixVersions')) {
    if (resolvedBefore) return `Set the fix version of the ${noun}, already resolved`;
    if (changes.some((change) => change.meaning === 'resolution' && (change.toText || change.toValue)))
      return `Stamped the fix version on the ${noun} as it was resolved`;
  }
  if (changes.every(isEstimateCleared)) return `Cleared the ${noun}'s estimate`;
  return undefined;
}

const MIGRATION_FIELD = /workflow|scheme/iu;
const ESTIMATE_FIELD = /estimate|story ?points?/iu;
/** The fields of open work's plan: a bulk edit of these on open items is still planning. */
const PLAN_FIELDS = new Set<FieldChange['meaning']>([
  'fixVersions',
  'sprint',
  'rank',
  'epicLink',
  'parent',
  'parentLink',
  'status',
  'priority',
  'dueDate',
  'startDate',
  'targetStart',
  'targetEnd',
  'storyPoints',
]);

function isEstimateCleared(change: FieldChange): boolean {
  const estimate =
    change.meaning === 'storyPoints' || (change.meaning === 'other' && ESTIMATE_FIELD.test(change.fieldName));
  return estimate && !change.toText && !change.toValue && Boolean(change.fromText || change.fromValue);
}

type Handler = (change: FieldChange, scope: Scope, out: Evidence[], sameAction: readonly FieldChange[]) => void;

const STRATEGIC_SCHEDULE: readonly CriteriaId[] = ['C5', 'C4'];
const TACTICAL_SCHEDULE: readonly CriteriaId[] = ['C5'];

const HANDLERS: Partial<Record<FieldMeaning, Handler>> = {
  dueDate: (change, scope, out) => dateEvidence(change, scope, out, 'due date'),
  startDate: (change, scope, out) => dateEvidence(change, scope, out, 'start date'),
  targetStart: (change, scope, out) => dateEvidence(change, scope, out, 'target start'),
  targetEnd: (change, scope, out) => dateEvidence(change, scope, out, 'target end'),
  fixVersions: releaseEvidence,
  sprint: sprintEvidence,
  rank: rankEvidence,
  storyPoints: (change, scope, out) =>
    out.push(
      evidence(
        'tactical',
        3,
        ['C3'],
        change.fromText
          ? `Re-estimated the ${scope.noun} from ${change.fromText} to ${pointsText(change.toText)}`
          : `Estimated the ${scope.noun} at ${change.toText ? pointsText(change.toText) : '? points'}`,
      ),
    ),
  acceptanceCriteria: (change, scope, out) => {
    out.push(evidence('tactical', 3, ['C3'], `Rewrote the ${scope.noun}'s acceptance criteria`));
    textEvidence(cueMask(addedText(change.fromText, change.toText)), scope, 0.5, out);
  },
  priority: priorityEvidence,
  labels: labelEvidence,
  summary: summaryEvidence,
  description: descriptionEvidence,
  status: (change, scope, out) => statusEvidence(change.fromText, change.toText, scope, out),
  resolution: (change, scope, out, sameAction) => {
    if (!sameAction.some((other) => other.meaning === 'status'))
      statusEvidence(change.fromText, change.toText, scope, out);
  },
  parent: parentEvidence,
  parentLink: parentEvidence,
  epicLink: parentEvidence,
  issueType: (change, _scope, out) =>
    out.push(
      evidence(
        'tactical',
        2.5,
        ['C4'],
        `Reclassified the ${change.fromText ?? 'item'} as a ${change.toText ?? 'different type'}, a bug-versus-enhancement call`,
      ),
    ),
  team: teamEvidence,
  assignee: (_change, scope, out) =>
    out.push(evidence('neutral', 1, [], `Reassigned the ${scope.noun}; picking up work decides nothing`)),
  components: (change, scope, out) =>
    out.push(evidence('neutral', 1, [], `Changed the ${scope.noun}'s component to ${change.toText || 'none'}`)),
  flagged: (change, scope, out) => {
    const what = change.toText ? 'Flagged' : 'Cleared the impediment flag on';
    if (scope.tier === 'epic' || scope.tier === 'roadmap')
      out.push(evidence('tactical', 1, ['C8'], `${what} the ${scope.noun}, keeping the team unblocked`));
    else out.push(evidence('neutral', 1.5, [], `${what} the ${scope.noun}, a delivery signal`));
  },
};

function dateEvidence(change: FieldChange, scope: Scope, out: Evidence[], label: string): void {
  const to = dayNumber(change.toValue ?? change.toText);
  if (to === undefined) {
    const role = scope.tier === 'roadmap' ? 'strategic' : 'tactical';
    out.push(evidence(role, 0.6, ['C5'], `Cleared the ${scope.noun}'s ${label}`));
    return;
  }
  const from = dayNumber(change.fromValue ?? change.fromText);
  const ahead = to - scope.day;
  const landing = horizonLean(ahead, scope.thresholds);
  const moved = from === undefined ? undefined : to - from;
  const lean = moved === undefined ? landing : 0.65 * landing + 0.35 * shiftLean(moved, scope.thresholds);
  const what =
    moved === undefined
      ? `Set the ${scope.noun}'s ${label} to ${describeAhead(ahead)}`
      : `Moved the ${scope.noun}'s ${label} ${moved >= 0 ? 'later' : 'earlier'} by ${describeSpan(moved)}, to ${describeAhead(ahead)}`;
  out.push(scheduling(lean + TIER_PULL[scope.tier], what));
}

/** A release's date from the reader, else from its name ("PAY 2027.03", "Q3 2027"), else the item's own plan. */
function releaseDays(name: string, id: string | undefined, scope: Scope, added: boolean): number | undefined {
  const releases = scope.context.releases;
  const known = dayNumber((id === undefined ? undefined : releases?.get(id)) ?? releases?.get(name));
  if (known !== undefined) return known - scope.day;
  const yearMonth = /(?<!\d)(20\d\d)[.\-/_ ](0?[1-9]|1[0-2])(?!\d)/u.exec(name);
  if (yearMonth) return dayNumberOf(new Date(Number(yearMonth[1]), Number(yearMonth[2]) - 1, 15)) - scope.day;
  return furthestMentionDays(name, scope.day) ?? (added ? itemHorizonDays(scope) : undefined);
}

function releaseEvidence(change: FieldChange, scope: Scope, out: Evidence[]): void {
  const added = Boolean(change.toText);
  const name = (added ? change.toText : change.fromText) ?? '';
  const days = releaseDays(name, added ? change.toValue : change.fromValue, scope, added);
  const what = added ? `Put the ${scope.noun} on release ${name}` : `Took the ${scope.noun} off release ${name}`;
  if (days === undefined) {
    out.push(scheduling(TIER_PULL[scope.tier] + (scope.tier === 'epic' ? 0.2 : 0), what));
    return;
  }
  out.push(scheduling(horizonLean(days, scope.thresholds) + TIER_PULL[scope.tier], `${what}, ${describeAhead(days)}`));
}

/** A scheduling decision leaning `score` towards the roadmap (> 0) or the sprint (< 0); the clearer, the heavier. */
export function scheduling(score: number, what: string): Evidence {
  const strategic = score >= 0;
  return evidence(
    strategic ? 'strategic' : 'tactical',
    0.5 + 2.5 * Math.min(1.4, Math.abs(score)),
    strategic ? STRATEGIC_SCHEDULE : TACTICAL_SCHEDULE,
    what,
  );
}

function sprintEvidence(change: FieldChange, scope: Scope, out: Evidence[]): void {
  const before = idList(change.fromValue);
  const after = idList(change.toValue);
  const added = after.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !after.includes(id));
  const sprintName = (id: number | undefined, fallback: string | undefined) =>
    (id === undefined ? fallback : (scope.context.sprints?.get(id)?.name ?? fallback)) ?? 'a sprint';
  const what =
    added.length > 0 && removed.length > 0
      ? `Moved the ${scope.noun} from ${sprintName(removed[0], change.fromText)} to ${sprintName(added[0], lastName(change.toText))}`
      : added.length > 0
        ? `Added the ${scope.noun} to ${sprintName(added[0], lastName(change.toText))}${sprintTiming(added[0], scope)}`
        : `Removed the ${scope.noun} from ${sprintName(removed[0], lastName(change.fromText))}`;
  out.push(evidence('tactical', 3, ['C4', 'C9'], `${what}, deciding sprint scope`));
}

function sprintTiming(id: number | undefined, scope: Scope): string {
  const sprint = id === undefined ? undefined : scope.context.sprints?.get(id);
  const end = dayNumber(sprint?.endDate);
  if (!sprint || end === undefined) return '';
  const days = end - scope.day;
  if (days < 0) return ` (${sprint.state})`;
  // A sprint closed since was open when the action was taken: its end is told from then, not as still to come.
  if (sprint.state === 'closed')
    return days === 0 ? ' (which ended that day)' : ` (which ended ${describeSpan(days)} later)`;
  return ` (${sprint.state}, ending in ${describeSpan(days)})`;
}

/** `1 point`, `5 points`, `nothing` for an estimate removed; what is not a number is quoted as Jira wrote it. */
function pointsText(value: string | undefined): string {
  if (value === undefined || value === '') return 'nothing';
  const points = Number(value);
  return Number.isFinite(points) ? plural(points, 'point') : `${value} points`;
}

function rankEvidence(change: FieldChange, scope: Scope, out: Evidence[]): void {
  const direction = /lower/iu.test(change.toText ?? '') ? 'lower' : 'higher';
  if (scope.tier === 'roadmap') {
    out.push(evidence('strategic', 2.5, ['C4', 'C5'], `Ranked the ${scope.noun} ${direction} on the roadmap`));
    return;
  }
  if (scope.tier === 'epic') {
    const days = itemHorizonDays(scope);
    if (days !== undefined) {
      out.push(
        scheduling(
          horizonLean(days, scope.thresholds),
          `Ranked the ${scope.noun} ${direction} with its plan ending ${describeAhead(days)}`,
        ),
      );
      return;
    }
  }
  out.push(evidence('tactical', 3, ['C9'], `Ranked the ${scope.noun} ${direction} in the backlog`));
}

const PRIORITY_ORDER = ['highest', 'high', 'medium', 'low', 'lowest'];

function priorityEvidence(change: FieldChange, scope: Scope, out: Evidence[]): void {
  const from = PRIORITY_ORDER.indexOf((change.fromText ?? '').toLowerCase());
  const to = PRIORITY_ORDER.indexOf((change.toText ?? '').toLowerCase());
  const verb = from < 0 || to < 0 ? 'Changed' : to < from ? 'Raised' : 'Lowered';
  const what = `${verb} the ${scope.noun}'s priority from ${change.fromText ?? 'none'} to ${change.toText ?? 'none'}`;
  if (scope.tier === 'roadmap') out.push(evidence('strategic', 2, ['C4'], `${what} on the roadmap`));
  else if (scope.tier === 'epic') {
    const lean = itemHorizonLean(scope);
    out.push(lean === undefined ? evidence('tactical', 1, ['C4', 'C9'], what) : scheduling(lean, what));
  } else out.push(evidence('tactical', 2.5, ['C4', 'C9'], `${what} in the backlog`));
}

function labelEvidence(change: FieldChange, scope: Scope, out: Evidence[]): void {
  const before = new Set((change.fromText ?? '').split(/\s+/u).filter(Boolean));
  const added = (change.toText ?? '').split(/\s+/u).filter((label) => label && !before.has(label));
  const mask = cueMask(added.join(' ').replace(/[-_]+/gu, ' '));
  if (mask === 0) {
    out.push(
      evidence(
        'neutral',
        0.5,
        [],
        added.length > 0 ? `Labelled the ${scope.noun} ${added.join(', ')}` : `Removed labels from the ${scope.noun}`,
      ),
    );
    return;
  }
  textEvidence(mask, scope, 1.2, out, `Labelled the ${scope.noun} ${added.join(', ')}`);
}

/**
 * Rewording an item (beyond a typo) refines a story for the team or restates what a roadmap item promises: just
 * enough to count when nothing else is said. Epics go both ways, so they lean only half as much.
 */
const REWORDING = 0.8;

function summaryEvidence(change: FieldChange, scope: Scope, out: Evidence[]): void {
  if (isTypoFix(change.fromText, change.toText)) {
    out.push(evidence('neutral', 3, [], `Fixed a typo in the ${scope.noun}'s summary`));
    return;
  }
  textEvidence(
    cueMask(addedText(change.fromText, change.toText)),
    scope,
    1,
    out,
    `Renamed the ${scope.noun} to "${change.toText ?? ''}"`,
  );
  if (scope.tier === 'standard' || scope.tier === 'subtask')
    out.push(evidence('tactical', REWORDING, ['C3'], `Reworded the ${scope.noun}, refining it`));
  else
    out.push(
      evidence(
        'strategic',
        scope.tier === 'roadmap' ? REWORDING : REWORDING / 2,
        ['C2'],
        `Renamed the ${scope.noun}, changing what it promises`,
      ),
    );
}

function descriptionEvidence(change: FieldChange, scope: Scope, out: Evidence[]): void {
  const added = addedText(change.fromText, change.toText);
  textEvidence(cueMask(added), scope, 1, out, `Rewrote the ${scope.noun}'s description`);
  mentionedHorizonEvidence(added, scope, 1, out, `Rewrote the ${scope.noun}'s description`);
  if (scope.tier === 'standard' || scope.tier === 'subtask')
    out.push(evidence('tactical', REWORDING, ['C3'], `Refined the ${scope.noun}'s description`));
  else if (scope.tier === 'roadmap')
    out.push(evidence('strategic', REWORDING, ['C2'], `Rewrote the ${scope.noun}'s description`));
}

// Status names are an open set; these read the usual words in the supported languages.
const CUT =
  /won['’]?t|wont|reject|declin|cancel|descop|abandon|obsolete|not doing|dropped|killed|archiv|verworfen|abgelehnt|annul|rechaz|cancelad|rejeitad|rifiutat|afgewezen|却下|中止|取消|拒绝/iu;
const DONE =
  /done|closed|resolved|complete|released|shipped|fertig|erledigt|geschlossen|terminé|fini|fermé|hecho|cerrad|conclu|fechad|fatto|chius|klaar|gesloten|afgerond|完了|完成|关闭/iu;
const ACCEPTANCE =
  /accept|uat|sign.?off|approval|abnahme|recette|aceptaci|aceita|accettazione|acceptatie|受け入れ|验收/iu;
const NOT_STARTED = /backlog|inbox|open|new|to ?do|triage|funnel|idea|offen|nouveau|nuevo|novo|nuovo|待办|未开始/iu;
const SELECTED = /selected for (?:development|dev)|ready for (?:development|dev)\b/iu;
const BUILD_DECISION =
  /ready for (?:delivery|development|dev|build)|approved|committed|planned|prioriti[sz]ed|^now$|^next$/iu;

function statusEvidence(fromText: string | undefined, toText: string | undefined, scope: Scope, out: Evidence[]): void {
  const from = fromText ?? '';
  const to = toText ?? '';
  const move = `from ${from || 'none'} to ${to || 'none'}`;
  const { noun, tier } = scope;
  if (CUT.test(to)) {
    if (tier === 'roadmap' || tier === 'epic')
      out.push(evidence('strategic', 3, ['C4'], `Closed the ${noun} as ${to}, cutting it from the product`));
    else if (tier === 'standard')
      out.push(evidence('tactical', 2.5, ['C4', 'C9'], `Declined the ${noun} (${to}), keeping it out of the backlog`));
    else out.push(evidence('neutral', 1, [], `Closed the ${noun} as ${to}`));
  } else if ((DONE.test(from) || ACCEPTANCE.test(from)) && !DONE.test(to)) {
    out.push(evidence('tactical', 2.5, ['C3'], `Sent the ${noun} back ${move}, rejecting the finished work`));
  } else if (ACCEPTANCE.test(from) && DONE.test(to)) {
    out.push(evidence('tactical', 2.5, ['C3'], `Accepted the ${noun} (${move}) against its criteria`));
  } else if (tier === 'roadmap' && BUILD_DECISION.test(to)) {
    out.push(evidence('strategic', 2.5, ['C4', 'C2'], `Moved the ${noun} ${move}: the decision to build it`));
  } else if (tier === 'standard' && SELECTED.test(to) && NOT_STARTED.test(from)) {
    out.push(
      evidence('tactical', 2.5, ['C9'], `Selected the ${noun} for development (${move}), committing the team to it`),
    );
  } else if (DONE.test(to) && tier === 'roadmap') {
    out.push(evidence('strategic', 1.5, ['C4'], `Closed the ${noun} (${move}), ending the investment on the roadmap`));
  } else if (DONE.test(to) && tier === 'epic') {
    out.push(evidence('tactical', 1, ['C3'], `Closed the ${noun} (${move}) once its work was accepted`));
  } else {
    out.push(evidence('neutral', 1.5, [], `Moved the ${noun} ${move}, a delivery status change`));
  }
}

function parentEvidence(change: FieldChange, scope: Scope, out: Evidence[]): void {
  const parent = scope.context.parent;
  const target =
    parent && change.toText === parent.key ? `${parent.key} (${parent.summary})` : change.toText || 'no parent';
  if (scope.tier === 'roadmap' || scope.tier === 'epic')
    out.push(
      evidence(
        'strategic',
        2,
        ['C1', 'C4'],
        `Moved the ${scope.noun} under ${target}, changing which roadmap bet it serves`,
      ),
    );
  else if (scope.tier === 'subtask')
    out.push(evidence('neutral', 2.5, [], `Put the ${scope.noun} under ${target}: the developers' own breakdown`));
  else out.push(evidence('tactical', 2, ['C3'], `Moved the ${scope.noun} under ${target}, organising the backlog`));
}

function teamEvidence(change: FieldChange, scope: Scope, out: Evidence[]): void {
  const what = `Handed the ${scope.noun} to team ${change.toText || 'none'}`;
  if (scope.tier === 'standard' || scope.tier === 'subtask') {
    out.push(evidence('tactical', 2, ['C4', 'C9'], `${what}, a backlog and capacity call`));
    return;
  }
  const days = itemHorizonDays(scope);
  if (days === undefined)
    out.push(evidence(scope.tier === 'roadmap' ? 'strategic' : 'tactical', 1, ['C1', 'C4'], what));
  else
    out.push(
      scheduling(
        horizonLean(days, scope.thresholds) + TIER_PULL[scope.tier],
        `${what} with its plan ending ${describeAhead(days)}`,
      ),
    );
}

const IMPLEMENTS = /implement|realis|realiz|deliver|split (?:from|to|into)|umgesetzt|implément|implementa/iu;
const ROADMAP_FIELD =
  /roadmap|goal|objective|okr|initiative|theme|business value|impact|strateg|kpi|outcome|ziel|objectif|objetivo|obiettivo|doel|目標|目标/iu;
const BACKLOG_FIELD =
  /sprint|estimate|story ?point|acceptance|definition of (?:done|ready)|original ?estimate|remaining ?estimate/iu;

/** Fields the site gives no known meaning: judged by what the field is called and what the link says. */
function otherFieldEvidence(change: FieldChange, scope: Scope, out: Evidence[]): void {
  const name = change.fieldName || change.fieldId;
  const value = change.toText || change.fromText || 'none';
  if (/link/iu.test(name)) {
    if (IMPLEMENTS.test(value))
      out.push(
        evidence(
          'tactical',
          2.5,
          ['C3', 'R3'],
          `Linked the ${scope.noun} to the work that implements it (${value}), translating it into backlog work`,
        ),
      );
    else out.push(evidence('neutral', 1.2, [], `Linked the ${scope.noun}: ${value}`));
  } else if (ROADMAP_FIELD.test(name)) {
    out.push(evidence('strategic', 2, ['C3', 'C4'], `Set the ${scope.noun}'s ${name} to ${value}`));
  } else if (BACKLOG_FIELD.test(name)) {
    out.push(evidence('tactical', 2, ['C3'], `Set the ${scope.noun}'s ${name} to ${value}`));
  } else {
    out.push(evidence('neutral', 0.5, [], `Changed the ${scope.noun}'s ${name}`));
  }
}

function evidence(role: Role, weight: number, criteria: readonly CriteriaId[], reason: string): Evidence {
  return { role, weight, criteria, reason };
}

function idList(value: string | undefined): number[] {
  if (!value) return [];
  return value
    .split(/[,\s]+/u)
    .map(Number)
    .filter((id) => Number.isFinite(id) && id > 0);
}

function lastName(text: string | undefined): string | undefined {
  return text?.split(',').pop()?.trim() || undefined;
}
