import { defaultConfig } from '../../../src/config/defaults';
import type { Action, Project, Site } from '../../../src/domain/model';
import { rule, type MessageIds } from '../../../src/rules/owner/project-missing-role';
import { change, created, item, person, project, site } from '../../fixtures/build-site';
import { runRuleTests, type ExpectedFinding, type ValidCase } from '../rule-tester';

const ID = rule.meta.id;
const PEOPLE = [person('pat', 'Pat Manager'), person('olga', 'Olga Owner'), person('dev', 'Dana Doer')];
const rank = (by: string, day: number): Action =>
  change('DATA-1', by, `2026-11-0${day}T10:00:00.000Z`, [{ meaning: 'rank', toText: 'Ranked higher' }]);
const ACTIVITY: Action[] = [created('DATA-1', 'dev', '2026-10-01T10:00:00.000Z'), rank('dev', 1), rank('dev', 2)];

function dataSite(projects: Project[], actions: Action[] = ACTIVITY, extra: Partial<Site> = {}): Site {
  return site({ people: PEOPLE, projects, items: [item('DATA-1'), item('DATA-2')], actions, ...extra });
}

const withGroupRole = (roleName: string, group: string): Project => ({
  ...project('DATA', { pm: ['pat'] }),
  roles: [...project('DATA', { pm: ['pat'] }).roles, { id: 2, name: roleName, accountIds: [], groupNames: [group] }],
});

type Case = ValidCase;

const valid: Case[] = [
  {
    name: 'a project whose roles could not be read: not checked, rather than nobody mapped',
    site: dataSite([project('DATA', {})], ACTIVITY, {
      problems: [
        { scope: 'project', ref: 'DATA', message: 'Could not read project roles: 503', unread: 'project-roles' },
      ],
    }),
  },
  {
    name: 'the PO mapped through a group whose members could not be read',
    site: dataSite([project('DATA', { pm: ['pat'] })], ACTIVITY, {
      problems: [{ scope: 'site', ref: 'group owners', message: 'Could not read members: 503', unread: 'groups' }],
    }),
    config: { roleMapping: { ...defaultConfig().roleMapping, groups: { pm: [], po: ['owners'] } } },
  },
  { name: 'a project with a PM and a PO', site: dataSite([project('DATA', { pm: ['pat'], po: ['olga'] })]) },
  {
    name: 'the PO role filled through a group in the project role',
    site: dataSite([withGroupRole('Product Owner', 'owners')], ACTIVITY, {
      groups: [{ name: 'owners', memberIds: ['olga'] }],
    }),
  },
  {
    name: 'the PO mapped by a group in the auditor’s settings',
    site: dataSite([project('DATA', { pm: ['pat'] })], ACTIVITY, { groups: [{ name: 'owners', memberIds: ['olga'] }] }),
    config: { roleMapping: { ...defaultConfig().roleMapping, groups: { pm: [], po: ['owners'] } } },
  },
  {
    name: 'a combined-role project whose one person is mapped as PM',
    site: dataSite([project('DATA', { pm: ['pat'] })]),
    config: { combinedRoleProjects: ['DATA'] },
  },
  {
    name: 'no activity in the audit window',
    site: dataSite([project('DATA', { pm: ['pat'] })]),
    since: new Date('2026-11-10T00:00:00.000Z'),
  },
  { name: 'a project with no issues', site: site({ people: PEOPLE, projects: [project('DATA')] }) },
  {
    // A set-up matter, raised once for the site by owner/role-mapping-missing.
    name: 'neither role mapped',
    site: dataSite(
      [project('DATA')],
      [created('DATA-1', 'dev', '2026-10-01T10:00:00.000Z'), created('DATA-2', 'dev', '2026-10-02T10:00:00.000Z')],
    ),
  },
  {
    name: 'severity off for the project',
    site: dataSite([project('DATA', { pm: ['pat'] })]),
    config: { projects: { DATA: { rules: { [ID]: { severity: 'off' } } } } },
  },
];

interface InvalidCase extends Case {
  errors: Array<ExpectedFinding<MessageIds>>;
}

const invalid: InvalidCase[] = [
  {
    name: 'no PO while a developer orders the backlog (an inferred PO does not staff the project)',
    site: dataSite([project('DATA', { pm: ['pat'] })], [...ACTIVITY, rank('dev', 3)]),
    errors: [
      {
        subject: `project:DATA|po`,
        severity: 'error',
        messageId: 'missing',
        suggestionId: 'fill',
        data: {
          project: 'DATA',
          projectName: 'DATA project',
          role: 'Product Owner',
          items: '1 issue',
          meanwhile: 'Meanwhile 4 tactical decisions on its issues came from Dana Doer.',
          duty: 'owns the backlog and its order (sprint scope, refinement, acceptance)',
          projectRoles: 'the "Product Owner" project role',
          short: 'PO',
          groups: 'none configured yet',
        },
        evidence: ['DATA-1', 'DATA-1', 'DATA-1', 'DATA-1'],
        criteria: ['C9', 'R2'],
      },
    ],
  },
  {
    name: 'a PM alone outside a combined-role project leaves the PO missing',
    site: dataSite([project('DATA', { pm: ['pat'] })], [created('DATA-1', 'dev', '2026-11-12T10:00:00.000Z')]),
    since: new Date('2026-11-12T10:00:00.000Z'),
    errors: [
      {
        subject: `project:DATA|po`,
        severity: 'error',
        messageId: 'missing',
        data: { items: '1 issue' },
        evidence: ['DATA-1'],
      },
    ],
  },
  {
    name: 'the site’s own role names and groups, and the project’s own severity',
    site: dataSite([withGroupRole('Product Owner', 'owners')], ACTIVITY, {
      groups: [{ name: 'owners', memberIds: ['olga'] }],
    }),
    config: {
      roleMapping: {
        projectRoles: { pm: ['Product Manager'], po: ['Backlog Owner', 'PO'] },
        groups: { pm: [], po: ['backlog-owners'] },
        accounts: { pm: [], po: [] },
      },
      projects: { DATA: { rules: { [ID]: { severity: 'warning' } } } },
    },
    errors: [
      {
        subject: `project:DATA|po`,
        severity: 'warning',
        messageId: 'missing',
        suggestionId: 'fill',
        data: {
          role: 'Product Owner',
          projectRoles: 'the "Backlog Owner" or "PO" project role',
          short: 'PO',
          groups: 'now: backlog-owners',
        },
        evidence: ['DATA-1', 'DATA-1', 'DATA-1'],
      },
    ],
  },
  {
    name: 'no project role names mapped for the role',
    site: dataSite([project('DATA', { pm: ['pat'] })]),
    config: {
      roleMapping: {
        projectRoles: { pm: ['Product Manager'], po: [] },
        groups: { pm: [], po: [] },
        accounts: { pm: [], po: [] },
      },
    },
    errors: [
      {
        subject: `project:DATA|po`,
        severity: 'error',
        messageId: 'missing',
        suggestionId: 'fill',
        data: {
          role: 'Product Owner',
          projectRoles: 'a project role that the auditor’s settings map to PO',
          short: 'PO',
        },
        evidence: ['DATA-1', 'DATA-1', 'DATA-1'],
      },
    ],
  },
];

runRuleTests(rule, { valid, invalid });
