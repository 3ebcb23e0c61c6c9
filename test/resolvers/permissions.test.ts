import { isDeepStrictEqual } from 'node:util';
import { demoConfig, generateDemoSite } from '../../src/dev/demo';
import type { AuditConfig } from '../../src/config/types';
import type { ResolverApi, ResolverName, ResolverResponse } from '../../src/resolvers/api';
import { RULE_METAS } from '../../src/rules';
import { ConfigRepository } from '../../src/store/config-store';
import {
  projectKeyOf,
  serveSite,
  tracesIn,
  tracesOf,
  withoutIssueSecurity,
  withoutProject,
  withPersonOnlyIn,
  type ServedSite,
} from './visibility';

/**
 * What the app computed as itself (the background scan's cache, stored audits and trends, the configuration) reaches
 * a viewer only through their own Jira permissions. The demo site has a user who may not browse one project, X:
 * every resolver answers that user exactly as it would on the same site without X, and no answer holds anything of
 * X. Settings are saved only by site admins (the site's) and the project's admins (a project's), checked on the
 * server for every save. Black-box: the real resolvers over the emulator, called as the site's users.
 */

// Two sites served at once, each scanned whole by the background pipeline, or not at all (a fresh install).
jest.setTimeout(240_000);

// Issue security has its own suite (issue-security.test.ts): here a project's issues are all seen by who browses it.
const DEMO = withoutIssueSecurity(generateDemoSite());
const KEYS = DEMO.projects.map((project) => project.key);
const GRANTS = Object.entries(DEMO.permissions ?? {});
const APP = GRANTS.find(([, grant]) => grant.admin)![0];
const [VIEWER, VIEWER_GRANT] = GRANTS.find(
  ([, grant]) =>
    !grant.admin && (grant.projectAdmin ?? []).length === 0 && (grant.projects ?? KEYS).length < KEYS.length,
)!;
const X = KEYS.find((key) => !VIEWER_GRANT.projects!.includes(key))!;
const VISIBLE = KEYS.filter((key) => key !== X);
/** Someone who works in X only: a PM of X who re-dates and comments on X's issues. */
const X_ONLY = {
  accountId: '557058:0d1e2c3b-4a59-4687-9a0b-1c2d3e4f5a6b',
  displayName: 'Noor Haddad',
  active: true,
  accountType: 'atlassian',
};
const FULL = withPersonOnlyIn(DEMO, X, X_ONLY);
const [PROJECT_ADMIN, PROJECT_ADMIN_GRANT] = GRANTS.find(
  ([, grant]) => !grant.admin && (grant.projectAdmin ?? []).length === 1,
)!;
const OWN = PROJECT_ADMIN_GRANT.projectAdmin![0]!;
const OTHER = GRANTS.flatMap(([, grant]) => grant.projectAdmin ?? []).find((key) => key !== OWN && key !== X)!;
const PARTIAL = withoutProject(FULL, X);
const TRACES = tracesOf(FULL, X);
const X_ISSUE = FULL.issues.find((issue) => projectKeyOf(issue) === X)!.key;
const VISIBLE_ISSUE = FULL.issues.find((issue) => projectKeyOf(issue) === OWN)!.key;
const X_BOARD = FULL.boards.find((board) => board.location?.projectKey === X)!.id;
const VISIBLE_BOARDS = FULL.boards.filter((board) => board.location?.projectKey !== X).map((board) => board.id);
const MISSING_PROJECT = 'NOPE';
const MISSING_BOARD = 999_999;

/** The site admin's configuration, naming X wherever a configuration can: combined-role teams, overrides, accepted findings. */
function plantedConfig(): AuditConfig {
  const config = demoConfig();
  return {
    ...config,
    combinedRoleProjects: [...config.combinedRoleProjects, X],
    projects: { [X]: { thresholds: { sprintMaxWeeks: 3 } }, [OWN]: { combinedRole: false } },
    suppressions: [
      {
        findingId: `owner/roadmap-item-unowned|item:${X_ISSUE}`,
        reason: `Accepted for ${FULL.projects.find((project) => project.key === X)!.name}`,
        acceptedBy: APP,
      },
      { findingId: `owner/roadmap-item-unowned|item:${VISIBLE_ISSUE}`, reason: 'Owned outside Jira', acceptedBy: APP },
    ],
  };
}

/** The store as the site admin left it: the planted site configuration and X's own settings. */
async function configure(site: ServedSite): Promise<void> {
  const repository = new ConfigRepository(site.store, RULE_METAS);
  await repository.saveSite(plantedConfig(), 0, { at: new Date(FULL.capturedAt!), accountId: APP });
  await repository.saveProject(X, { thresholds: { roadmapMaxSpanMonths: 12 } }, 0, {
    at: new Date(FULL.capturedAt!),
    accountId: APP,
  });
}

type Answer = ResolverResponse<unknown>;

/** Every read a panel of the viewer can make about what they may see, refreshes last (they change the cache). */
async function viewerReads(site: ServedSite): Promise<Array<[string, Answer]>> {
  const answers: Array<[string, Answer]> = [];
  const ask = async <K extends ResolverName>(
    label: string,
    name: K,
    payload: ResolverApi[K]['payload'],
    extension?: unknown,
  ) => {
    answers.push([label, await site.call(name, VIEWER, payload, extension)]);
  };
  await ask(
    'getContext',
    'getContext',
    {},
    { type: 'jira:boardAction', board: { id: String(VISIBLE_BOARDS[0]) }, project: { key: OWN } },
  );
  for (const boardId of VISIBLE_BOARDS) await ask(`getBoardPanel ${boardId}`, 'getBoardPanel', { boardId });
  await ask('getRoadmap (all projects)', 'getRoadmap', {});
  for (const projectKey of VISIBLE) await ask(`getRoadmap ${projectKey}`, 'getRoadmap', { projectKey });
  await ask('getFindings (all projects)', 'getFindings', { scope: {}, query: {}, offset: 0, limit: 500 });
  for (const query of [{ projectKey: X }, { issueKey: X_ISSUE }, { ownerId: X_ONLY.accountId }]) {
    await ask(`getFindings (all projects) ${JSON.stringify(query)}`, 'getFindings', {
      scope: {},
      query,
      offset: 0,
      limit: 500,
    });
  }
  for (const projectKey of VISIBLE)
    await ask(`getFindings ${projectKey}`, 'getFindings', { scope: { projectKey }, query: {}, offset: 0, limit: 500 });
  await ask('getSettings (site)', 'getSettings', {});
  for (const projectKey of VISIBLE) await ask(`getSettings ${projectKey}`, 'getSettings', { projectKey });
  await ask(`refreshProject ${OWN}`, 'refreshProject', { projectKey: OWN });
  await ask(`refreshProject board ${VISIBLE_BOARDS[0]}`, 'refreshProject', { boardId: VISIBLE_BOARDS[0]! });
  return answers;
}

/** Calls about X, each with the same call about something that does not exist, which it must answer alike. */
async function hiddenReads(site: ServedSite): Promise<Array<[string, Answer, Answer]>> {
  const pairs: Array<[string, Answer, Answer]> = [];
  const both = async <K extends ResolverName>(
    label: string,
    name: K,
    hidden: ResolverApi[K]['payload'],
    missing: ResolverApi[K]['payload'],
  ) => {
    pairs.push([label, await site.call(name, VIEWER, hidden), await site.call(name, VIEWER, missing)]);
  };
  await both('getBoardPanel', 'getBoardPanel', { boardId: X_BOARD }, { boardId: MISSING_BOARD });
  await both('getRoadmap', 'getRoadmap', { projectKey: X }, { projectKey: MISSING_PROJECT });
  await both(
    'getFindings',
    'getFindings',
    { scope: { projectKey: X }, query: {}, offset: 0, limit: 500 },
    { scope: { projectKey: MISSING_PROJECT }, query: {}, offset: 0, limit: 500 },
  );
  await both('getSettings', 'getSettings', { projectKey: X }, { projectKey: MISSING_PROJECT });
  await both('refreshProject (project)', 'refreshProject', { projectKey: X }, { projectKey: MISSING_PROJECT });
  await both('refreshProject (board)', 'refreshProject', { boardId: X_BOARD }, { boardId: MISSING_BOARD });
  await both(
    'saveSettings',
    'saveSettings',
    { projectKey: X, settings: {}, version: 1 },
    { projectKey: MISSING_PROJECT, settings: {}, version: 1 },
  );
  return pairs;
}

/** The missing thing's answer with X's key or board id in its place: what the answer about X must be. */
function asIfAbout(answer: Answer): unknown {
  return JSON.parse(
    JSON.stringify(answer).replaceAll(MISSING_PROJECT, X).replaceAll(String(MISSING_BOARD), String(X_BOARD)),
  );
}

describe.each([
  ['the background scan’s cache', true],
  ['a fresh install (nothing scanned)', false],
])('a viewer who may not browse one project, over %s', (_source, cached) => {
  let full: ServedSite;
  let partial: ServedSite;
  let fullAnswers: Array<[string, Answer]>;
  let partialAnswers: Array<[string, Answer]>;
  let hidden: Array<[string, Answer, Answer]>;

  beforeAll(async () => {
    [full, partial] = await Promise.all([serveSite(FULL, APP), serveSite(PARTIAL, APP)]);
    for (const site of [full, partial]) {
      await configure(site);
      if (!cached) continue;
      await site.fillCache();
      // The viewer's first view registers their projects; the scheduler's next run audits those alone.
      await site.call('getRoadmap', VIEWER, {});
      await site.fillCache();
    }
    fullAnswers = await viewerReads(full);
    partialAnswers = await viewerReads(partial);
    hidden = await hiddenReads(full);
  });
  afterAll(async () => {
    await Promise.all([full?.close(), partial?.close()]);
  });

  it('has something to hide: X has issues, a board and people of its own', () => {
    expect(X).toBeDefined();
    expect(VISIBLE_BOARDS.length).toBeGreaterThan(0);
    expect(TRACES.strings.length).toBeGreaterThan(FULL.issues.filter((issue) => projectKeyOf(issue) === X).length / 2);
    expect(TRACES.people).toContainEqual({ accountId: X_ONLY.accountId, displayName: X_ONLY.displayName });
  });

  it('answers every read of what the viewer may see: the stored reports, or before any the first scan’s progress', () => {
    // Finding pages follow a view that showed a report: with none stored, they are not found.
    const failed = fullAnswers
      .filter(([label, answer]) => !answer.ok && (cached || !label.startsWith('getFindings')))
      .map(([label, answer]) => [label, answer]);
    expect(failed).toEqual([]);
    const panels = fullAnswers.filter(([label]) => label.startsWith('getBoardPanel') || label.startsWith('getRoadmap'));
    const shows = ([, answer]: [string, Answer]) =>
      answer.ok && ('firstScan' in (answer.data as object) ? 'first scan' : 'report');
    expect(panels.map(shows)).toEqual(panels.map(() => (cached ? 'report' : 'first scan')));
  });

  it('answers exactly as on the same site without X: same items, people, counts and coverage', () => {
    expect(fullAnswers.map(([label]) => label)).toEqual(partialAnswers.map(([label]) => label));
    // Trends included: a project's weeks come from the viewer's own audit of the projects they may browse.
    const full = fullAnswers;
    const partial = partialAnswers;
    const differing = full
      .filter(([, answer], index) => !isDeepStrictEqual(answer, partial[index]![1]))
      .map(([label]) => label);
    full.forEach(([label, answer], index) => {
      expect([label, answer]).toEqual([label, partial[index]![1]]);
    });
    expect(differing).toEqual([]);
  });

  it('shows the trends of the projects the viewer may browse, twelve weeks each, once the background audit ran', () => {
    const trends = fullAnswers.map(([, answer]) => trendOf(answer) ?? []).filter((trend) => trend.length > 0);
    expect(trends.length > 0).toBe(cached);
    expect(trends.every((trend) => trend.length === 12)).toBe(true);
  });

  it('holds nothing of X in any answer: no issue key, summary, project, board or sprint name, nor its people', () => {
    const found = fullAnswers
      .map(([label, answer]) => [label, tracesIn(JSON.stringify(answer), TRACES)])
      .filter(([, traces]) => traces!.length > 0);
    expect(found).toEqual([]);
  });

  it('answers about X’s board and project exactly as about ones that do not exist, without details', () => {
    for (const [label, aboutX, aboutNothing] of hidden) {
      expect([label, aboutX]).toEqual([label, asIfAbout(aboutNothing)]);
      expect([label, aboutX]).toMatchObject([
        label,
        { ok: false, error: { code: expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/) } },
      ]);
      expect([label, 'error' in aboutX ? aboutX.error.details : undefined]).toEqual([label, undefined]);
    }
  });
});

describe('saving settings, checked on the server for every save', () => {
  let site: ServedSite;
  beforeAll(async () => {
    site = await serveSite(FULL, APP);
    await configure(site);
  });
  afterAll(async () => {
    await site.close();
  });

  /** Makes the call, expects it refused with the code, and the store exactly as it was. */
  async function refused<K extends ResolverName>(
    code: string,
    name: K,
    as: string,
    payload: ResolverApi[K]['payload'],
    extension?: unknown,
  ) {
    const before = await site.stored();
    const answer = await site.call(name, as, payload, extension);
    expect(answer).toMatchObject({ ok: false, error: { code } });
    expect(await site.stored()).toEqual(before);
  }

  it('refuses the site configuration to anyone but a site admin', async () => {
    const settings = { ...plantedConfig(), thresholds: { ...plantedConfig().thresholds, sprintMaxWeeks: 2 } };
    expect(await site.call('getSettings', VIEWER, {})).toMatchObject({
      ok: true,
      data: { scope: 'site', canEdit: false },
    });
    await refused('FORBIDDEN', 'saveSettings', VIEWER, { settings, version: 1 });
    await refused('FORBIDDEN', 'saveSettings', PROJECT_ADMIN, { settings, version: 1 });
    await refused(
      'FORBIDDEN',
      'saveSettings',
      PROJECT_ADMIN,
      { settings, version: 1 },
      { type: 'jira:projectSettingsPage', project: { key: OWN } },
    );
    expect(await site.call('saveSettings', APP, { settings, version: 1 })).toMatchObject({
      ok: true,
      data: { version: 2, site: { thresholds: { sprintMaxWeeks: 2 } } },
    });
  });

  it('refuses export and import of the whole configuration to anyone but a site admin', async () => {
    const exported = await site.call('exportSettings', APP, {});
    if (!exported.ok) throw new Error(exported.error.message);
    for (const as of [VIEWER, PROJECT_ADMIN]) {
      await refused('FORBIDDEN', 'exportSettings', as, {});
      await refused('FORBIDDEN', 'importSettings', as, { json: JSON.stringify(exported.data), overwrite: true });
    }
  });

  it("refuses a project's settings to admins of other projects and to people who administer none", async () => {
    expect(await site.call('getSettings', PROJECT_ADMIN, { projectKey: OTHER })).toMatchObject({
      ok: true,
      data: { canEdit: false },
    });
    await refused('FORBIDDEN', 'saveSettings', PROJECT_ADMIN, {
      projectKey: OTHER,
      settings: { combinedRole: true },
      version: 0,
    });
    await refused('FORBIDDEN', 'saveSettings', VIEWER, {
      projectKey: OWN,
      settings: { combinedRole: true },
      version: 0,
    });
  });

  it("lets a project's admin save that project's settings, stored under that project only", async () => {
    const before = await site.stored();
    const saved = await site.call(
      'saveSettings',
      PROJECT_ADMIN,
      { projectKey: OWN, settings: { combinedRole: true }, version: 0 },
      { type: 'jira:projectSettingsPage', project: { key: OWN } },
    );
    expect(saved).toMatchObject({
      ok: true,
      data: { scope: 'project', projectKey: OWN, version: 1, project: { combinedRole: true } },
    });
    const after = await site.stored();
    const changed = Object.keys(after).filter((key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]));
    // Beside the project's settings, only the personal-data index of who saved them (privacy:accounts…).
    expect(changed.filter((key) => !key.startsWith('privacy:accounts'))).toEqual([`config:project:${OWN}`]);
    expect(after[`config:project:${OWN}`]).toMatchObject({
      version: 1,
      value: { combinedRole: true },
      savedBy: PROJECT_ADMIN,
    });
  });

  it('refuses forged payloads: another project than the page’s, X, keys that are not a project’s, site settings as a project’s', async () => {
    const page = { type: 'jira:projectSettingsPage', project: { key: OWN } };
    await refused('FORBIDDEN', 'saveSettings', PROJECT_ADMIN, { projectKey: OTHER, settings: {}, version: 0 }, page);
    await refused('FORBIDDEN', 'saveSettings', APP, { projectKey: OTHER, settings: {}, version: 0 }, page);
    await refused('NOT_FOUND', 'saveSettings', VIEWER, { projectKey: X, settings: {}, version: 1 });
    for (const projectKey of [OWN.toLowerCase(), ` ${OWN}`, `${OWN},${OTHER}`, [OWN, OTHER], 7, { key: OWN }]) {
      await refused('INVALID_INPUT', 'saveSettings', PROJECT_ADMIN, {
        projectKey: projectKey as string,
        settings: {},
        version: 1,
      });
    }
    await refused(
      'INVALID_INPUT',
      'saveSettings',
      PROJECT_ADMIN,
      { projectKey: OWN, settings: { projects: { [OTHER]: { combinedRole: true } } }, version: 1 },
      page,
    );
    await refused(
      'INVALID_INPUT',
      'saveSettings',
      PROJECT_ADMIN,
      { projectKey: OWN, settings: { suppressions: [] }, version: 1 },
      page,
    );
  });

  it('shows a non-admin the site configuration without what it says about projects they may not browse', async () => {
    for (const payload of [{}, { projectKey: OWN }]) {
      const view = await site.call('getSettings', VIEWER, payload);
      if (!view.ok) throw new Error(view.error.message);
      expect(tracesIn(JSON.stringify(view), TRACES)).toEqual([]);
      expect(view.data.site.suppressions.map((entry) => entry.findingId)).toEqual([
        `owner/roadmap-item-unowned|item:${VISIBLE_ISSUE}`,
      ]);
      expect(Object.keys(view.data.site.projects)).toEqual([OWN]);
      expect(view.data.site.combinedRoleProjects).toEqual(
        plantedConfig().combinedRoleProjects.filter((key) => key !== X),
      );
    }
    const admin = await site.call('getSettings', APP, {});
    if (!admin.ok) throw new Error(admin.error.message);
    expect(admin.data.site.suppressions).toHaveLength(2);
    expect(Object.keys(admin.data.site.projects).sort()).toEqual([OWN, X].sort());
  });
});

function trendOf(answer: unknown): unknown[] | undefined {
  const data = (answer as { ok?: boolean; data?: Record<string, unknown> }).data;
  const view = data?.['view'] as { panel?: Record<string, unknown>; roadmap?: Record<string, unknown> } | undefined;
  const trend = data?.['trend'] ?? view?.panel?.['trend'] ?? view?.roadmap?.['trend'];
  return Array.isArray(trend) ? trend : undefined;
}

/** An answer without its weekly trend (see the test on trends). */
