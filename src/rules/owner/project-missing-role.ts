import type { ProductRole } from '../../config/types';
import type { AuditIndex, ClassifiedAction, RuleModule } from '../types';
import { EVIDENCE_LIMIT, actionEvidence, isHumanDecider } from '../support';
import { personName, plural, listed } from '../../domain/text';
import { unreadRoleData } from './unread-roles';

const ROLE_NAMES: Record<ProductRole, string> = { pm: 'Product Manager', po: 'Product Owner' };

/** What the missing role would have decided: its work, when someone else does it meanwhile, is the evidence. */
const DUTIES: Record<ProductRole, { side: 'strategic' | 'tactical'; duty: string }> = {
  pm: { side: 'strategic', duty: 'owns the product’s roadmap (what to build and when, months out)' },
  po: { side: 'tactical', duty: 'owns the backlog and its order (sprint scope, refinement, acceptance)' },
};

export type MessageIds = 'missing' | 'fill';

/**
 * C9 and R2: every project with work needs a PM for its roadmap and a PO for its backlog. Judged on projects whose
 * issues saw any action in the audit window. Only mapped people count (inferred roles do not staff a project); in
 * a project declared combined-role, one person mapped to either role fills both. A project with nobody mapped at
 * all is a set-up matter, not a missing person: owner/role-mapping-missing raises it once for the whole site.
 * Where the project's roles or the groups that could fill the role were not read, the rule says it could not check
 * rather than finding nobody.
 */
export const rule: RuleModule<Record<string, never>, MessageIds> = {
  meta: {
    id: 'owner/project-missing-role',
    title: 'Project without a PM or a PO',
    category: 'owner',
    defaultSeverity: 'error',
    criteria: ['C9', 'R2'],
    description: 'A project with work has no product manager or no product owner mapped.',
    messages: {
      missing:
        'Project {{project}} ({{projectName}}) has no {{role}}: nobody is mapped to the role, directly or through a group, yet {{items}} had activity in the audit window. {{meanwhile}}',
      fill: 'Add the person who {{duty}} to {{projectRoles}} of {{project}} (Project settings → People, as a user or through a group), or map them as {{short}} in the auditor’s role mapping by group ({{groups}}) or by account.',
    },
    needsWholeProject: true,
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  },
  defaultOptions: {},
  check(context) {
    const activeItems = new Map<string, Set<string>>();
    for (const { item } of context.actions)
      activeItems.set(item.projectKey, (activeItems.get(item.projectKey) ?? new Set()).add(item.key));

    for (const project of context.index.projects.values()) {
      const items = activeItems.get(project.key);
      if (!items || !context.roles.hasMapping(project.key)) continue;
      const holders = { pm: context.roles.holders(project.key, 'pm'), po: context.roles.holders(project.key, 'po') };
      const combined = context.roles.isCombinedRole(project.key);
      for (const role of ['pm', 'po'] as const) {
        const filled = combined ? holders.pm.length + holders.po.length > 0 : holders[role].length > 0;
        if (filled) continue;
        const unread = combined
          ? [...unreadRoleData(context, project.key, 'pm'), ...unreadRoleData(context, project.key, 'po')]
          : unreadRoleData(context, project.key, role);
        if (unread.length > 0) {
          context.notChecked({
            projectKey: project.key,
            what: `whether ${project.key} has a ${ROLE_NAMES[role]}`,
            because: unread,
          });
          continue;
        }
        const mapping = context.settings(project.key).roleMapping;
        const meanwhile = decisionsMeanwhile(context.index, context.actions, project.key, DUTIES[role].side);
        const deciders = [
          ...new Set(meanwhile.flatMap(({ action }) => (action.authorId ? [action.authorId] : []))),
        ].map((id) => personName(context.index, id));
        const shown = [...meanwhile].reverse().slice(0, EVIDENCE_LIMIT);
        context.report({
          messageId: 'missing',
          suggestionId: 'fill',
          data: {
            project: project.key,
            projectName: project.name,
            role: ROLE_NAMES[role],
            items: plural(items.size, 'issue'),
            meanwhile:
              meanwhile.length > 0
                ? `Meanwhile ${plural(meanwhile.length, `${DUTIES[role].side} decision`)} on its issues came from ${listed(deciders)}.`
                : `Nobody made the ${DUTIES[role].side} decisions that role would make.`,
            duty: DUTIES[role].duty,
            projectRoles: projectRolePhrase(mapping.projectRoles[role], role),
            short: role.toUpperCase(),
            groups: mapping.groups[role].length > 0 ? `now: ${mapping.groups[role].join(', ')}` : 'none configured yet',
          },
          subject: { type: 'project', id: project.key, key: project.key, name: project.name },
          projectKey: project.key,
          issueKeys: shown.map((entry) => entry.item.key),
          evidence: shown.map((entry) => actionEvidence(context.index, entry)),
          discriminator: role,
        });
      }
    }
  },
};

/** The project's decisions of the missing role's kind by people, oldest first. */
function decisionsMeanwhile(
  index: AuditIndex,
  actions: readonly ClassifiedAction[],
  projectKey: string,
  side: 'strategic' | 'tactical',
): ClassifiedAction[] {
  return actions.filter(
    ({ action, item, classification }) =>
      item.projectKey === projectKey &&
      action.kind !== 'comment' &&
      classification.role === side &&
      isHumanDecider(index, action.authorId),
  );
}

/** `the "Product Owner" project role`; with no role names mapped, a project role still has to be mapped first. */
function projectRolePhrase(names: readonly string[], role: ProductRole): string {
  if (names.length === 0) return `a project role that the auditor’s settings map to ${role.toUpperCase()}`;
  return `the ${names.map((name) => `"${name}"`).join(' or ')} project role`;
}
