import { unreadRoleData } from './unread-roles';
import type { ProductRole } from '../../config/types';
import type { FindingEvidence } from '../../domain/finding';
import { describeInference, type ProjectRoleProposal } from '../../roles';
import type { RuleModule } from '../types';
import { listed, personName, plural } from '../../domain/text';

const ROLE_NAMES: Record<ProductRole, string> = { pm: 'Product Manager', po: 'Product Owner' };

/** The message names this many people per project and role; the evidence lists them all. */
const NAMED_PER_ROLE = 4;

/**
 * C9 and R2, as a set-up step: before the audit can say who oversteps or who is missing, it must know who is who.
 * Projects with work and nobody mapped to either role get ONE finding for the whole site (not one per project and
 * role), with a mapping proposed from evidence: per project, the people whose decisions dominate, with their counts.
 * Until it is confirmed, the findings that rest on inferred roles are provisional. Its settings are those of the
 * first such project (by key), so set its severity in the site's rules.
 */
export type MessageIds = 'setUp' | 'confirm';

export const rule: RuleModule<Record<string, never>, MessageIds> = {
  meta: {
    id: 'owner/role-mapping-missing',
    title: 'Roles not set up',
    category: 'owner',
    defaultSeverity: 'warning',
    criteria: ['C9', 'R2'],
    description: 'Projects with work have nobody mapped as product manager or product owner: set up the role mapping.',
    messages: {
      setUp:
        'Nobody is mapped as Product Manager or Product Owner in {{projectCount}} with work ({{projects}}), so the audit infers who is who from people’s decisions and marks the findings that rest on it provisional. {{proposal}}',
      confirm:
        'Confirm the proposed roles on the admin page (Confirm proposed roles), or map the Jira project roles your teams use: the auditor looks for {{projectRoles}}. People with several accounts can be joined with roleMapping.aliases.',
    },
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  },
  defaultOptions: {},
  check(context) {
    const unreadIn = (key: string) => [...unreadRoleData(context, key, 'pm'), ...unreadRoleData(context, key, 'po')];
    const unmapped: string[] = [];
    for (const key of context.roles.unmappedProjectsWithWork().filter((each) => context.index.projects.has(each))) {
      const because = unreadIn(key);
      if (because.length === 0) unmapped.push(key);
      else context.notChecked({ projectKey: key, what: `whether anyone in ${key} is mapped to a role`, because });
    }
    const [home] = unmapped;
    if (!home) return;
    const proposal = context.roles.proposal(unmapped);
    const mapping = context.settings(home).roleMapping.projectRoles;
    context.report({
      messageId: 'setUp',
      suggestionId: 'confirm',
      data: {
        projectCount: plural(unmapped.length, 'project'),
        projects: listed(unmapped),
        proposal:
          proposal.length > 0
            ? `Proposed from their decisions: ${proposal.map((entry) => proposalPhrase(context.index, entry)).join('; ')}.`
            : 'Nobody made enough decisions there to propose a role.',
        projectRoles: `${quoted(mapping.pm)} (PM) and ${quoted(mapping.po)} (PO)`,
      },
      subject: { type: 'site', id: context.index.site.baseUrl, name: 'The whole site' },
      projectKey: home,
      projectKeys: unmapped,
      issueKeys: [],
      evidence: proposal.flatMap((entry) => proposalEvidence(context.index, entry, context.now.toISOString())),
    });
  },
};

/** "TIMOB: PO Lee Morris (4967 backlog decisions), Hans Knöchel (552)". */
function proposalPhrase(index: Parameters<typeof personName>[0], entry: ProjectRoleProposal): string {
  const parts = (['pm', 'po'] as const)
    .filter((role) => entry[role].length > 0)
    .map(
      (role) =>
        `${role.toUpperCase()} ${listed([
          ...entry[role]
            .slice(0, NAMED_PER_ROLE)
            .map(
              (holder, at) =>
                `${personName(index, holder.accountId)} (${at === 0 ? `${holder.decisions} ${role === 'pm' ? 'roadmap' : 'backlog'} decisions` : holder.decisions})`,
            ),
          ...(entry[role].length > NAMED_PER_ROLE ? [`${entry[role].length - NAMED_PER_ROLE} more`] : []),
        ])}`,
    );
  return `${entry.projectKey}: ${parts.join(', ')}`;
}

function proposalEvidence(
  index: Parameters<typeof personName>[0],
  entry: ProjectRoleProposal,
  at: string,
): FindingEvidence[] {
  return (['pm', 'po'] as const).flatMap((role) =>
    entry[role].map((holder) => ({
      at,
      what: `Proposed ${ROLE_NAMES[role]} of ${entry.projectKey}: ${personName(index, holder.accountId)}, ${describeInference(holder)}`,
    })),
  );
}

function quoted(names: readonly string[]): string {
  return names.length > 0 ? names.map((name) => `"${name}"`).join(' or ') : 'no project role yet';
}
