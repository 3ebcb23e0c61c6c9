import { demoConfig, generateDemoSite } from '../../src/dev/demo';
import { startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import { JiraClient } from '../../src/jira/client';
import { HttpTransport } from '../../src/jira/transport-http';
import type {
  ConfigurationDocument,
  FieldIssue,
  ImportConflict,
  ResolverApi,
  ResolverName,
} from '../../src/resolvers/api';
import { runHandler } from '../../src/resolvers/registry';
import type { AppServices } from '../../src/resolvers/services';
import { RULE_METAS } from '../../src/rules';
import { ConfigRepository } from '../../src/store/config-store';
import { MemoryStore } from '../../src/store/key-value';
import { auditCachedSite } from '../../src/scan';
import { scanAndAudit } from '../resolvers/cached-site';
import { withProposedRoles } from '../../static/app/src/settings-model';

/** The transfer resolvers and concurrent saves against the emulator serving the demo site, as its people. */
const snapshot = generateDemoSite();
const permissions = Object.entries(snapshot.permissions ?? {});
const ADMIN = permissions.find(([, grant]) => grant.admin)![0];
/** Administers project MOB but not Jira: may save MOB's settings, not move the whole configuration. */
const MOB_ADMIN = permissions.find(([, grant]) => !grant.admin && grant.projectAdmin?.includes('MOB'))![0];
const PO = snapshot.projectRoles
  .PAY!.find((entry) => entry.name === 'Product Owner')!
  .actors!.find((actor) => actor.actorUser)!.actorUser!.accountId;

let emulator: RunningEmulator;
let store: MemoryStore;

function call<K extends ResolverName>(name: K, as: string, payload: ResolverApi[K]['payload']) {
  const services: AppServices = {
    jiraAsUser: () => new JiraClient(new HttpTransport({ baseUrl: emulator.url, email: as, apiToken: 'test' })),
    jiraAsApp: () => new JiraClient(new HttpTransport({ baseUrl: emulator.url, email: ADMIN, apiToken: 'test' })),
    store,
    now: () => new Date(snapshot.capturedAt!),
    // As the preview does: the audit job a save asks for runs before the answer.
    requestAudit: async () =>
      void (await auditCachedSite(store, await new ConfigRepository(store, RULE_METAS).effective(), {
        now: new Date(snapshot.capturedAt!),
      })),
  };
  return runHandler(name, services, payload, { accountId: as, moduleKey: 'test' });
}

async function stored(): Promise<Record<string, unknown>> {
  const entries: Record<string, unknown> = {};
  for (const key of await store.keysWithPrefix('config:')) entries[key] = await store.get(key);
  return entries;
}

async function exported(): Promise<ConfigurationDocument> {
  const answer = await call('exportSettings', ADMIN, {});
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

beforeAll(async () => {
  emulator = await startEmulator(snapshot);
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  store = new MemoryStore();
  const repository = new ConfigRepository(store, RULE_METAS);
  await repository.saveSite(demoConfig(), 0, { at: new Date() });
  await repository.saveProject('PAY', { thresholds: { sprintMaxWeeks: 2 } }, 0, { at: new Date() });
});

describe('who may move the whole configuration', () => {
  it.each([
    ['a project admin', () => MOB_ADMIN],
    ['a product owner', () => PO],
  ])('refuses %s both export and import, checked on the server, and changes nothing', async (_, who) => {
    const document = JSON.stringify(await exported());
    const before = await stored();
    expect(await call('exportSettings', who(), {})).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only Jira admins may export the configuration.' },
    });
    expect(await call('importSettings', who(), { json: document, overwrite: true })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only Jira admins may import a configuration.' },
    });
    expect(await stored()).toEqual(before);
  });
});

describe('exportSettings and importSettings', () => {
  it('export the site, every project and their versions; an edited export imports back', async () => {
    const document = await exported();
    expect(document).toMatchObject({
      formatVersion: 2,
      exportedAt: snapshot.capturedAt,
      versions: { site: 1, projects: { PAY: 1 } },
      projects: { PAY: { thresholds: { sprintMaxWeeks: 2 } } },
    });
    expect(document.site.combinedRoleProjects).toEqual(['GRO']);

    const edited = {
      ...document,
      site: { ...document.site, ownerField: 'reporter' },
      projects: { ...document.projects, MOB: { combinedRole: true } },
    };
    const imported = await call('importSettings', ADMIN, { json: JSON.stringify(edited) });
    expect(imported).toEqual({
      ok: true,
      data: {
        from: 2,
        migrations: [],
        written: ['site', 'projects.MOB'],
        versions: { site: 2, projects: { MOB: 1, PAY: 1 } },
      },
    });
    const settings = await call('getSettings', ADMIN, { projectKey: 'MOB' });
    expect(settings).toMatchObject({
      ok: true,
      data: { site: { ownerField: 'reporter' }, project: { combinedRole: true }, version: 1 },
    });
  });

  it('answer INVALID_INPUT with every field named, for broken JSON and for invalid settings, and store nothing', async () => {
    const before = await stored();
    const broken = await call('importSettings', ADMIN, { json: '{"formatVersion": 2, "site": {}' });
    expect(broken).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        details: [
          { path: 'the document', message: expect.stringMatching(/^is not valid JSON: .+ line 1, column 32$/) },
        ],
      },
    });

    const document = await exported();
    const invalid = {
      ...document,
      site: { ...document.site, rules: { 'overlap/dual-role': { severity: 'fatal' } } },
      projects: { PAY: { thresholds: { x: 1 } } },
    };
    const refused = await call('importSettings', ADMIN, { json: JSON.stringify(invalid) });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '2 problems found; nothing was imported.' },
    });
    expect((refused as { error: { details: FieldIssue[] } }).error.details).toEqual([
      { path: 'site.rules.overlap/dual-role.severity', message: 'must be one of: info, warning, error, off' },
      { path: 'projects.PAY.thresholds', message: 'has an unknown setting "x"' },
    ]);
    expect(await stored()).toEqual(before);
  });

  it('answer CONFLICT when the configuration changed after the export, saying what changed; a replacement goes through', async () => {
    const document = await exported();
    const settings = await call('getSettings', ADMIN, { projectKey: 'PAY' });
    if (!settings.ok) throw new Error(settings.error.message);
    expect(
      await call('saveSettings', ADMIN, {
        projectKey: 'PAY',
        settings: { thresholds: { sprintMaxWeeks: 3 } },
        version: settings.data.version,
      }),
    ).toMatchObject({ ok: true });
    const before = await stored();

    const stale = await call('importSettings', ADMIN, { json: JSON.stringify(document) });
    expect(stale).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        details: {
          changes: [{ path: 'projects.PAY', exported: 1, current: 2 }],
          unversioned: false,
        } satisfies ImportConflict,
      },
    });
    expect(await stored()).toEqual(before);

    const replaced = await call('importSettings', ADMIN, { json: JSON.stringify(document), overwrite: true });
    expect(replaced).toMatchObject({
      ok: true,
      data: { written: ['projects.PAY'], versions: { site: 1, projects: { PAY: 3 } } },
    });
  });

  it('take a format-1 configuration file as a replacement only', async () => {
    const file = JSON.stringify({ version: 1, combinedRoleProjects: ['GRO', 'MOB'] });
    expect(await call('importSettings', ADMIN, { json: file })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', details: { changes: [], unversioned: true } },
    });
    expect(await call('importSettings', ADMIN, { json: file, overwrite: true })).toMatchObject({
      ok: true,
      data: { from: 1, written: ['site', 'projects.PAY'] },
    });
  });
});

// The demo site has one Jira admin: the two saves are theirs from two tabs, which the server treats as two admins.
describe('two saves of the site settings at once', () => {
  it('keeps one; the other gets CONFLICT with the current version and saves after a reload, losing nothing', async () => {
    const read = await call('getSettings', ADMIN, {});
    if (!read.ok) throw new Error(read.error.message);
    const { site, version } = read.data;
    const [first, second] = await Promise.all([
      call('saveSettings', ADMIN, { settings: { ...site, ownerField: 'reporter' }, version }),
      call('saveSettings', ADMIN, { settings: { ...site, combinedRoleProjects: ['GRO', 'MOB'] }, version }),
    ]);
    const answers = [first, second];
    expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
    const loser = answers.findIndex((answer) => !answer.ok);
    expect(answers[loser]).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: expect.stringContaining(`now version ${version + 1}`),
        details: { version: version + 1 },
      },
    });

    const reloaded = await call('getSettings', ADMIN, {});
    if (!reloaded.ok) throw new Error(reloaded.error.message);
    const redo = loser === 0 ? { ownerField: 'reporter' } : { combinedRoleProjects: ['GRO', 'MOB'] };
    expect(
      await call('saveSettings', ADMIN, {
        settings: { ...reloaded.data.site, ...redo },
        version: reloaded.data.version,
      }),
    ).toMatchObject({ ok: true });
    const final = await call('getSettings', ADMIN, {});
    expect(final).toMatchObject({
      ok: true,
      data: { version: version + 2, site: { ownerField: 'reporter', combinedRoleProjects: ['GRO', 'MOB'] } },
    });
  });
});

describe('confirming the proposed role mapping in one step', () => {
  const unmapped = () => ({
    ...demoConfig(),
    roleMapping: {
      projectRoles: { pm: ['No such role'], po: ['No such role'] },
      groups: { pm: [], po: [] },
      accounts: { pm: [], po: [] },
    },
  });

  it('proposes who dominates each unmapped project’s decisions; one save with them clears the proposal', async () => {
    const repository = new ConfigRepository(store, RULE_METAS);
    const { version } = await repository.site();
    await repository.saveSite(unmapped(), version, { at: new Date() });
    // The proposal comes from the background audit's stored report: scan and audit the site as the app would.
    await scanAndAudit(emulator, ADMIN, store, new Date(snapshot.capturedAt!));

    const proposed = await call('getRoleProposal', ADMIN, {});
    if (!proposed.ok) throw new Error(proposed.error.message);
    expect(proposed.data.projects.length).toBeGreaterThan(0);
    for (const project of proposed.data.projects)
      for (const holder of [...project.pm, ...project.po]) {
        expect(holder.decisions).toBeGreaterThanOrEqual(5);
        expect(holder.displayName).not.toBe(holder.accountId);
      }

    const settings = await call('getSettings', ADMIN, {});
    if (!settings.ok) throw new Error(settings.error.message);
    const saved = await call('saveSettings', ADMIN, {
      settings: withProposedRoles(settings.data.site, proposed.data),
      version: settings.data.version,
    });
    if (!saved.ok) throw new Error(saved.error.message);
    const accounts = saved.data.site.roleMapping.accounts;
    for (const project of proposed.data.projects) {
      expect(accounts.pm).toEqual(expect.arrayContaining(project.pm.map((holder) => holder.accountId)));
      expect(accounts.po).toEqual(expect.arrayContaining(project.po.map((holder) => holder.accountId)));
    }
    const after = await call('getRoleProposal', ADMIN, {});
    expect(after).toEqual({ ok: true, data: { projects: [] } });
  }, 60_000);

  it('shows the proposal to Jira admins only, checked on the server', async () => {
    expect(await call('getRoleProposal', MOB_ADMIN, {})).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only Jira admins may see the proposed role mapping.' },
    });
  });
});
