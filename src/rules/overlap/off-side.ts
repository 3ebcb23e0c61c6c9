import type { Role } from '../../classify';
import type { ProductRole } from '../../config/types';
import type { CriteriaId } from '../../criteria';
import type { ClassifiedAction, RuleContext } from '../types';
import {
  EVIDENCE_LIMIT,
  actionEvidence,
  criteriaOf,
  holderNames,
  isHumanDecider,
  mappedAnywhere,
  mappedRolesIn,
  mostTellingFirst,
} from '../support';
import { isoDay } from '../../horizon';
import { personName, plural } from '../../domain/text';

/**
 * The check behind overlap/po-strategic-action and overlap/pm-tactical-action: people who hold one role in a
 * project making the other role's decisions on its items.
 */

export interface OffSideOptions {
  /** How many counted actions make a finding; at least one of them must be a decision, not a comment (R4). */
  minActions: number;
  /** A decision (change or creation) counts from this classification confidence on. */
  minConfidence: number;
  /** A comment counts from this confidence on (R4: what is said weighs less than what is done). */
  commentMinConfidence: number;
}

/**
 * The classifier already caps a comment's confidence at three quarters of what the same words would earn as a
 * decision (R4), so 0.65 on a comment asks for more than 0.7 on a change: only comments that state a decision outright.
 */
export const OFF_SIDE_DEFAULTS: OffSideOptions = { minActions: 1, minConfidence: 0.7, commentMinConfidence: 0.65 };

export const OFF_SIDE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    minActions: { type: 'integer', minimum: 1 },
    minConfidence: { type: 'number', minimum: 0, maximum: 1 },
    commentMinConfidence: { type: 'number', minimum: 0, maximum: 1 },
  },
} as const;

export interface OffSide {
  /** The role the person holds in the project. */
  holder: ProductRole;
  /** The kind of decision that belongs to the other role. */
  side: Exclude<Role, 'neutral'>;
  criteria: readonly CriteriaId[];
}

/** The messages both off-side rules define, each in its own words. */
export type OffSideMessageIds = 'offSide' | 'handOver';

const ROLE_NAMES: Record<ProductRole, string> = { pm: 'Product Manager', po: 'Product Owner' };

/**
 * Reports, per person and project, the counted actions of the other role's kind. Both messages get: name, role,
 * project, actions, first, last, example, shown, counterpart.
 * Skipped: combined-role projects, people mapped to both roles (here or in another project: overlap/dual-role
 * covers them) and roles that are only inferred.
 */
export function checkOffSide(context: RuleContext<OffSideOptions, OffSideMessageIds>, spec: OffSide): void {
  const other: ProductRole = spec.holder === 'pm' ? 'po' : 'pm';
  const groups = new Map<string, { accountId: string; projectKey: string; entries: ClassifiedAction[] }>();
  for (const entry of context.actions) {
    const { action, item, classification } = entry;
    if (classification.role !== spec.side || !isHumanDecider(context.index, action.authorId)) continue;
    const projectKey = item.projectKey;
    const options = context.options(projectKey);
    const threshold = action.kind === 'comment' ? options.commentMinConfidence : options.minConfidence;
    if (classification.confidence < threshold || context.roles.isCombinedRole(projectKey)) continue;
    const roles = mappedRolesIn(context.roles, action.authorId, projectKey);
    if (!roles.includes(spec.holder) || roles.includes(other) || mappedAnywhere(context.roles, action.authorId, other))
      continue;
    const key = `${action.authorId}\u0000${projectKey}`;
    const group = groups.get(key) ?? { accountId: action.authorId, projectKey, entries: [] };
    group.entries.push(entry);
    groups.set(key, group);
  }

  for (const { accountId, projectKey, entries } of groups.values()) {
    const comments = entries.filter((entry) => entry.action.kind === 'comment').length;
    const decisions = entries.length - comments;
    if (decisions === 0 || entries.length < context.options(projectKey).minActions) continue;
    const ranked = [...entries].sort(mostTellingFirst);
    const shown = ranked.slice(0, EVIDENCE_LIMIT);
    const [top] = ranked;
    const [first] = entries;
    const last = entries[entries.length - 1];
    if (!top || !first || !last) continue;
    const name = personName(context.index, accountId);
    context.report({
      messageId: 'offSide',
      suggestionId: 'handOver',
      data: {
        name,
        role: ROLE_NAMES[spec.holder],
        project: projectKey,
        actions: describeCount(spec.side, decisions, comments),
        first: isoDay(first.action.at),
        last: isoDay(last.action.at),
        example: `on ${top.item.key}, "${top.classification.reason}"`,
        shown:
          entries.length > EVIDENCE_LIMIT ? ` The ${EVIDENCE_LIMIT} most telling of ${entries.length} are listed.` : '',
        counterpart: holderNames(context.index, context.roles, projectKey, other),
      },
      subject: { type: 'person', id: accountId, name },
      projectKey,
      issueKeys: shown.map((entry) => entry.item.key),
      evidence: shown.map((entry) => actionEvidence(context.index, entry)),
      criteria: criteriaOf(spec.criteria, shown),
      discriminator: projectKey,
    });
  }
}

/** "3 strategic decisions", "1 strategic decision and 2 comments that state one". */
function describeCount(side: string, decisions: number, comments: number): string {
  const parts: string[] = [];
  if (decisions > 0) parts.push(plural(decisions, `${side} decision`));
  if (comments > 0)
    parts.push(
      comments === 1 ? `1 comment stating a ${side} decision` : `${comments} comments stating ${side} decisions`,
    );
  return parts.join(' and ');
}
