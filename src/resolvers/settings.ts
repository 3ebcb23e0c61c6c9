import { effectiveSettings } from '../config/defaults';
import { ConfigError } from '../config/schema';
import type { AuditConfig } from '../config/types';
import { projectKeyOf } from '../domain/issue-key';
import { getMyPermissions, listProjects } from '../jira/api/platform';
import type { JiraClient } from '../jira/client';
import { ConfigRepository, StaleVersionError } from '../store/config-store';
import type { FieldIssue, ProposedHolder, SettingsView } from './api';
import { readModuleContext } from './context';
import type { Handler } from './handler';
import { fail, ok } from './response';
import { RULE_METAS } from '../rules';
import { RULE_INFO } from './rule-info';
import type { AppServices } from './services';
import { auditForViewer } from './viewer-audit';

/** Jira's project key format (the configuration's schema accepts the same). */
export const PROJECT_KEY = /^[A-Z][A-Z0-9_]*$/;

const projectNotFound = (projectKey: string) =>
  fail<never>('NOT_FOUND', `Project ${projectKey} does not exist or you may not browse it.`);

/** Who asks about settings: whether they administer Jira, and which of the projects the app knows they may browse. */
interface SettingsViewer {
  siteAdmin: boolean;
  projects: ReadonlySet<string>;
}

/**
 * Whether the viewer administers Jira, and which of the projects in question they may browse: the project asked
 * about and those the site configuration names (what siteConfigFor filters). Two requests whatever the site's size.
 */
async function settingsViewer(services: AppServices, projectKey?: string): Promise<SettingsViewer> {
  const client = services.jiraAsUser();
  const config = (await new ConfigRepository(services.store, RULE_METAS).site()).config;
  const named = [
    ...Object.keys(config.projects),
    ...config.combinedRoleProjects,
    ...config.suppressions.flatMap((suppression) => projectsOfFinding(suppression.findingId)),
    ...(projectKey !== undefined ? [projectKey] : []),
  ];
  const keys = [...new Set(named)].filter((key) => PROJECT_KEY.test(key));
  const [global, projects] = await Promise.all([
    getMyPermissions(client, ['ADMINISTER']),
    keys.length > 0 ? listProjects(client, keys) : [],
  ]);
  return { siteAdmin: global.ADMINISTER === true, projects: new Set(projects.map((project) => project.key)) };
}

/** A payload's project: absent (site scope), a well-formed key, or something else, which no save or read may use. */
function payloadProject(value: unknown): { valid: true; projectKey: string | undefined } | { valid: false } {
  if (value === undefined) return { valid: true, projectKey: undefined };
  return typeof value === 'string' && PROJECT_KEY.test(value) ? { valid: true, projectKey: value } : { valid: false };
}

/**
 * Projects a finding id names. Ids are `rule|type:subject[|discriminator]` (src/audit/run-rules.ts): an item's
 * subject is an issue key, a project's its key, and people's findings carry the project as discriminator.
 */
export function projectsOfFinding(findingId: string): string[] {
  const [, subject = '', ...rest] = findingId.split('|');
  const type = subject.slice(0, subject.indexOf(':'));
  const id = subject.slice(subject.indexOf(':') + 1);
  const keys = rest.filter((part) => PROJECT_KEY.test(part));
  if (type === 'item' && id.includes('-')) keys.push(projectKeyOf(id));
  if (type === 'project') keys.push(id);
  return keys;
}

/**
 * The site configuration as the viewer may see it. Site admins see (and save) all of it; anyone else sees nothing
 * it says about projects they may not browse: those projects' overrides and combined-role declarations, and
 * accepted findings unless every project the finding names is one they may browse.
 */
function siteConfigFor(config: AuditConfig, viewer: SettingsViewer): AuditConfig {
  if (viewer.siteAdmin) return config;
  const browsable = (key: string) => viewer.projects.has(key);
  return {
    ...config,
    combinedRoleProjects: config.combinedRoleProjects.filter(browsable),
    projects: Object.fromEntries(Object.entries(config.projects).filter(([key]) => browsable(key))),
    suppressions: config.suppressions.filter((suppression) => {
      const keys = projectsOfFinding(suppression.findingId);
      return keys.length > 0 && keys.every(browsable);
    }),
  };
}

async function settingsView(
  services: AppServices,
  projectKey: string | undefined,
  client: JiraClient,
  viewer: SettingsViewer,
): Promise<SettingsView> {
  const repository = new ConfigRepository(services.store, RULE_METAS);
  const site = await repository.site();
  const canEdit = await mayEdit(client, viewer, projectKey);
  const roleNames = new Set([...site.config.roleMapping.projectRoles.pm, ...site.config.roleMapping.projectRoles.po]);
  const groupNames = new Set([...site.config.roleMapping.groups.pm, ...site.config.roleMapping.groups.po]);
  const view: SettingsView = {
    scope: projectKey ? 'project' : 'site',
    site: siteConfigFor(site.config, viewer),
    version: site.version,
    canEdit,
    rules: RULE_INFO,
    projectRoleNames: [...roleNames].sort(),
    groupNames: [...groupNames].sort(),
  };
  if (projectKey) {
    const project = await repository.project(projectKey);
    const effective = await repository.effective();
    Object.assign(view, {
      projectKey,
      project: project.settings,
      version: project.version,
      effective: effectiveSettings(effective, projectKey),
    });
  }
  return view;
}

/** Site settings need Jira's "Administer Jira"; a project's need "Administer Projects" there (or site admin). */
async function mayEdit(client: JiraClient, viewer: SettingsViewer, projectKey: string | undefined): Promise<boolean> {
  if (viewer.siteAdmin) return true;
  if (!projectKey) return false;
  return (await getMyPermissions(client, ['ADMINISTER_PROJECTS'], projectKey)).ADMINISTER_PROJECTS === true;
}

export const getSettings: Handler<'getSettings'> = async (services, payload) => {
  const requested = payloadProject(payload?.projectKey);
  if (!requested.valid) return fail('INVALID_INPUT', 'projectKey must be a Jira project key.');
  const { projectKey } = requested;
  const client = services.jiraAsUser();
  const viewer = await settingsViewer(services, projectKey);
  if (projectKey && !viewer.projects.has(projectKey)) return projectNotFound(projectKey);
  return ok(await settingsView(services, projectKey, client, viewer));
};

/**
 * Every save is checked here, whatever the UI showed: the payload names a project Jira lists to the caller, the
 * page it was made from (Forge's context, which the caller cannot forge) is that project's or a site page, and
 * the caller administers Jira (site settings) or the project (its settings).
 */
export const saveSettings: Handler<'saveSettings'> = async (services, payload, context) => {
  if (!payload || typeof payload.version !== 'number')
    return fail('INVALID_INPUT', 'A save needs the settings and the version they were read at.');
  const requested = payloadProject(payload.projectKey);
  if (!requested.valid) return fail('INVALID_INPUT', 'projectKey must be a Jira project key.');
  const { projectKey } = requested;
  const page = readModuleContext({ moduleKey: context.moduleKey ?? 'unknown', extension: context.extension });
  const pageProject = page.ok ? (page.data.projectKey ?? undefined) : undefined;
  if (pageProject !== undefined && pageProject !== projectKey) {
    return fail('FORBIDDEN', `This page saves the settings of project ${pageProject} only.`);
  }
  const client = services.jiraAsUser();
  const viewer = await settingsViewer(services, projectKey);
  if (projectKey && !viewer.projects.has(projectKey)) return projectNotFound(projectKey);
  if (!(await mayEdit(client, viewer, projectKey))) {
    return fail(
      'FORBIDDEN',
      projectKey
        ? `Only Jira admins and admins of project ${projectKey} may change its settings.`
        : 'Only Jira admins may change the site settings.',
    );
  }
  const repository = new ConfigRepository(services.store, RULE_METAS);
  const by = { at: services.now(), ...(context.accountId ? { accountId: context.accountId } : {}) };
  try {
    if (projectKey) await repository.saveProject(projectKey, payload.settings, payload.version, by);
    else await repository.saveSite(payload.settings, payload.version, by);
  } catch (error) {
    if (error instanceof ConfigError)
      return fail(
        'INVALID_INPUT',
        'Some settings are not valid; nothing was saved.',
        error.issues satisfies FieldIssue[],
      );
    if (error instanceof StaleVersionError) return fail('CONFLICT', error.message, { version: error.current });
    throw error;
  }
  await services.requestAudit?.();
  return ok(await settingsView(services, projectKey, client, viewer));
};

/** The set-up finding's proposed mapping, per project, for the admin page's "Confirm proposed roles": admins only. */
export const getRoleProposal: Handler<'getRoleProposal'> = async (services) => {
  const viewer = await settingsViewer(services);
  if (!viewer.siteAdmin) return fail('FORBIDDEN', 'Only Jira admins may see the proposed role mapping.');
  const config = await new ConfigRepository(services.store, RULE_METAS).effective();
  const outcome = await auditForViewer(services, config, undefined);
  if (!outcome.ok) return outcome;
  // Nothing is proposed before the first audit.
  if (!('audit' in outcome.data)) return ok({ projects: [] });
  const { report, names } = outcome.data.audit;
  const holder = (entry: { accountId: string; decisions: number; allDecisions: number }): ProposedHolder => ({
    accountId: entry.accountId,
    displayName: names.get(entry.accountId) ?? entry.accountId,
    decisions: entry.decisions,
    allDecisions: entry.allDecisions,
  });
  return ok({
    projects: report.projects.flatMap((project) =>
      project.proposedRoles
        ? [
            {
              projectKey: project.key,
              pm: project.proposedRoles.pm.map(holder),
              po: project.proposedRoles.po.map(holder),
            },
          ]
        : [],
    ),
  });
};
