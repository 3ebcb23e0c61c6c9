import type { Action, Sprint } from '../../domain/model';
import { duringSprint, isoDay } from '../../horizon';
import type { ClassifiedAction, RuleContext, RuleModule } from '../types';
import { EVIDENCE_LIMIT, actionEvidence, isHumanDecider, roleHolders, rolesHeldIn } from '../support';
import { personName, plural, listed } from '../../domain/text';
import { unreadRoleData } from './unread-roles';

export type MessageIds = 'unmanaged' | 'ownIt';

/**
 * C9: a sprint's backlog has one accountable owner, the PO. A sprint with no goal and no tactical action by a PO of
 * its project — during the sprint, or adding its work to it at planning — has nobody managing it. Active sprints
 * and sprints closed in the audit window are judged; future sprints are not, nor sprints with no work in them.
 * POs are whom the people table names: mapped, else inferred from their decisions in the project (inference fills
 * gaps only, so with a PO mapped, whoever stood in for them does not count). With nobody mapped as PO there, the
 * finding rests on inferred roles and is provisional.
 * Sprints from a source that records no goals are not judged.
 */
export const rule: RuleModule<Record<string, never>, MessageIds> = {
  meta: {
    id: 'owner/sprint-without-po',
    title: 'Sprint without a goal or a product owner',
    category: 'owner',
    defaultSeverity: 'warning',
    criteria: ['C9', 'C3'],
    description: 'A sprint has no goal and no product owner managing its backlog.',
    messages: {
      unmanaged:
        'Sprint "{{name}}" ({{state}}, {{start}} to {{end}}) has no goal and no Product Owner activity: none of its {{items}} got backlog work (planning, ordering, refining, accepting, answering the team) from a Product Owner of {{project}} at planning or during the sprint. {{actedBy}}',
      ownIt:
        'The Product Owner of {{project}} ({{pos}}) should give each sprint a goal and plan, order and accept its work. When the PO is away, name a deputy in the Product Owner role for that time, so the sprint’s backlog still has an owner.',
    },
    needsWholeProject: true,
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  },
  defaultOptions: {},
  check(context) {
    for (const sprint of context.index.site.sprints) {
      // Where the source records no goals, a sprint's having none is unknown, and this rule cannot tell.
      if (!sprint.goalKnown || sprint.goal?.trim()) continue;
      const items = context.index.itemsBySprint.get(sprint.id) ?? [];
      const start = sprint.startDate;
      const projectKey = context.index.sprintProjects.get(sprint.id);
      if (items.length === 0 || !start || !projectKey || !isJudged(sprint, projectKey, context)) continue;

      const managing = items.flatMap((item) =>
        (context.index.actionsByItem.get(item.key) ?? []).filter((entry) => managesSprint(entry, sprint)),
      );
      const byPo = managing.filter(
        ({ action, item }) =>
          isHumanDecider(context.index, action.authorId) &&
          rolesHeldIn(context.roles, action.authorId, item.projectKey).roles.includes('po'),
      );
      if (byPo.length > 0) continue;
      const unread = unreadRoleData(context, projectKey, 'po');
      if (unread.length > 0) {
        context.notChecked({
          projectKey,
          what: `whether sprint "${sprint.name}" had a Product Owner`,
          because: unread,
        });
        continue;
      }

      const byPeople = managing
        .filter(({ action }) => isHumanDecider(context.index, action.authorId))
        .sort((a, b) => (a.action.at < b.action.at ? -1 : a.action.at > b.action.at ? 1 : 0));
      const shown = byPeople.slice(0, EVIDENCE_LIMIT);
      const pos = roleHolders(context.index, context.roles, projectKey, 'po');
      context.report({
        messageId: 'unmanaged',
        suggestionId: 'ownIt',
        data: {
          name: sprint.name,
          state: sprint.state,
          start: isoDay(start),
          end: isoDay(sprint.completeDate ?? sprint.endDate ?? start),
          items: plural(items.length, 'item'),
          project: projectKey,
          actedBy: actedBy(context, byPeople),
          pos: pos.names,
        },
        subject: { type: 'sprint', id: String(sprint.id), name: sprint.name },
        projectKey,
        projectKeys: [projectKey, ...items.map((item) => item.projectKey)],
        issueKeys: items.map((item) => item.key),
        evidence:
          shown.length > 0
            ? shown.map((entry) => actionEvidence(context.index, entry))
            : items.slice(0, EVIDENCE_LIMIT).map((item) => ({
                issueKey: item.key,
                at: start,
                what: `In ${sprint.name}; no backlog work on it at planning or during the sprint`,
              })),
        provisional: pos.inferred,
      });
    }
  },
};

/** Active sprints, and closed ones that ended inside their project's audit window. */
function isJudged(
  sprint: Sprint,
  projectKey: string,
  context: RuleContext<Record<string, never>, MessageIds>,
): boolean {
  if (sprint.state === 'active') return true;
  if (sprint.state !== 'closed') return false;
  const ended = sprint.completeDate ?? sprint.endDate;
  const window = context.windowOf(projectKey);
  return ended !== undefined && ended <= window.until.toISOString() && ended >= window.since.toISOString();
}

/** A tactical action on the sprint's work while it ran, or the planning decision that put the work into it. */
function managesSprint({ action, classification }: ClassifiedAction, sprint: Sprint): boolean {
  if (classification.role !== 'tactical') return false;
  return duringSprint(action.at, sprint) || addsToSprint(action, sprint.id);
}

function addsToSprint(action: Action, sprintId: number): boolean {
  return (
    action.kind === 'change' &&
    action.changes.some(
      (change) =>
        change.meaning === 'sprint' &&
        sprintIds(change.toValue).includes(sprintId) &&
        !sprintIds(change.fromValue).includes(sprintId),
    )
  );
}

function sprintIds(value: string | undefined): number[] {
  return (value ?? '')
    .split(/[,\s]+/u)
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0);
}

function actedBy(
  context: RuleContext<Record<string, never>, MessageIds>,
  entries: readonly ClassifiedAction[],
): string {
  if (entries.length === 0) return 'Nobody did backlog work on its items.';
  const counts = new Map<string, number>();
  for (const { action } of entries)
    if (action.authorId) counts.set(action.authorId, (counts.get(action.authorId) ?? 0) + 1);
  const parts = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([id, count]) => `${personName(context.index, id)} (${count})`);
  return `The backlog work on them came from ${listed(parts)}, none of them a Product Owner there (mapped or inferred).`;
}
