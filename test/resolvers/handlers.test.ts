import { demoConfig, generateDemoSite } from '../../src/dev/demo';
import { countBySeverity } from '../../src/domain/finding';
import { startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import { JiraClient } from '../../src/jira/client';
import { HttpTransport } from '../../src/jira/transport-http';
import type { FieldIssue, ResolverApi, ResolverName } from '../../src/resolvers/api';
import { runHandler } from '../../src/resolvers/registry';
import type { AppServices } from '../../src/resolvers/services';
import { RULE_METAS } from '../../src/rules';
import { ConfigRepository } from '../../src/store/config-store';
import { MemoryStore } from '../../src/store/key-value';
import { copyStore, scanAndAudit, shown } from './cached-site';

/** The real resolvers against the emulator serving the demo site, each call as one of its people. */
const snapshot = generateDemoSite();
const permissions = Object.entries(snapshot.permissions ?? {});
const ADMIN = permissions.find(([, grant]) => grant.admin)![0];
const MOB_ADMIN = permissions.find(([, grant]) => grant.projectAdmin?.includes('MOB'))![0];
const RESTRICTED = permissions.find(
  ([, grant]) => !grant.admin && (grant.projects?.length ?? 0) < snapshot.projects.length,
)!;
const roleHolder = (projectKey: string, role: string) =>
  snapshot.projectRoles[projectKey]!.find((entry) => entry.name === role)!.actors!.find((actor) => actor.actorUser)!
    .actorUser!.accountId;
const MOB_PO = roleHolder('MOB', 'Product Owner');
const PAY_PO = roleHolder('PAY', 'Product Owner');
const PAY_BOARD = snapshot.boards.find((board) => board.location?.projectKey === 'PAY')!;

let emulator: RunningEmulator;
let store: MemoryStore;

function call<K extends ResolverName>(
  name: K,
  as: string,
  payload: ResolverApi[K]['payload'],
  extension: unknown = {},
) {
  const services: AppServices = {
    jiraAsUser: () => new JiraClient(new HttpTransport({ baseUrl: emulator.url, email: as, apiToken: 'test' })),
    jiraAsApp: () => new JiraClient(new HttpTransport({ baseUrl: emulator.url, email: ADMIN, apiToken: 'test' })),
    store,
    now: () => new Date(snapshot.capturedAt!),
  };
  return runHandler(name, services, payload, { accountId: as, moduleKey: 'test', extension });
}

let scanned: MemoryStore;

beforeAll(async () => {
  emulator = await startEmulator(snapshot);
  scanned = new MemoryStore();
  await new ConfigRepository(scanned, RULE_METAS).saveSite(demoConfig(), 0, { at: new Date() });
  await scanAndAudit(emulator, ADMIN, scanned, new Date(snapshot.capturedAt!));
}, 120_000);
afterAll(async () => {
  await emulator.close();
});
beforeEach(async () => {
  store = await copyStore(scanned);
});

describe('getBoardPanel', () => {
  it("shows the board's active sprint, its owners and goal, the board's flags and the people acting on it", async () => {
    const result = await call(
      'getBoardPanel',
      PAY_PO,
      {},
      { type: 'jira:boardAction', board: { id: String(PAY_BOARD.id) } },
    );
    const panel = shown(result);
    expect(panel.board).toMatchObject({ id: PAY_BOARD.id, projectKey: 'PAY' });
    expect(panel.sprint?.state).toBe('active');
    expect(panel.sprint?.productOwners.map((person) => person.accountId)).toContain(PAY_PO);
    expect(panel.findings.map((finding) => finding.rule)).toEqual(
      expect.arrayContaining(['overlap/pm-tactical-action', 'overlap/contested-item']),
    );
    // Flags about closed sprints (a sprint without a PO) belong on those sprints' panels, not the board's.
    expect(panel.kind).toBe('board');
    expect(panel.sprints.every((sprint) => sprint.state === 'active')).toBe(true);
    for (const finding of panel.findings.filter((each) => each.subject.type === 'sprint'))
      expect(panel.sprints.map((sprint) => String(sprint.id))).toContain(finding.subject.id);
    // A finding may draw on other projects too (Henrik's dual role weighs his PORT roadmap work), but each is PAY's.
    expect(panel.findings.every((finding) => finding.projectKeys.includes('PAY'))).toBe(true);
    expect(panel.window).toMatchObject({ until: snapshot.capturedAt, days: 90 });
    expect(panel.people.some((person) => person.accountId === PAY_PO)).toBe(true);
    expect(panel.siteUrl).toBe(snapshot.baseUrl);
  });

  it("shows on a closed sprint's panel only that sprint's work, with who decided on it", async () => {
    const closed = snapshot.sprints[String(PAY_BOARD.id)]!.filter((sprint) => sprint.state === 'closed').at(-1)!;
    const sprintKeys = new Set(
      snapshot.issues
        .filter((issue) =>
          ((issue.fields.customfield_10104 ?? []) as Array<{ id: number }>).some((entry) => entry.id === closed.id),
        )
        .map((issue) => issue.key),
    );
    expect(sprintKeys.size).toBeGreaterThan(0);
    const panel = shown(
      await call(
        'getBoardPanel',
        PAY_PO,
        {},
        { type: 'jira:sprintAction', board: { id: String(PAY_BOARD.id) }, sprint: { id: String(closed.id) } },
      ),
    );
    expect(panel).toMatchObject({ kind: 'sprint', sprint: { id: closed.id, state: 'closed' } });
    expect(panel.sprints.map((sprint) => sprint.id)).toEqual([closed.id]);
    for (const finding of panel.findings)
      expect(
        (finding.subject.type === 'sprint' && finding.subject.id === String(closed.id)) ||
          finding.issueKeys.some((key) => sprintKeys.has(key)) ||
          finding.evidence.some((evidence) => evidence.sprintId === closed.id),
      ).toBe(true);
    expect(panel.deciders.length).toBeGreaterThan(0);
    expect(panel.people.map((person) => person.accountId).sort()).toEqual(
      panel.deciders.map((decider) => decider.accountId).sort(),
    );
  });

  it("answers NOT_FOUND for another board's sprint", async () => {
    const otherBoard = snapshot.boards.find(
      (board) => board.id !== PAY_BOARD.id && snapshot.sprints[String(board.id)]?.length,
    )!;
    const foreign = snapshot.sprints[String(otherBoard.id)]![0]!;
    expect(await call('getBoardPanel', ADMIN, { boardId: PAY_BOARD.id, sprintId: foreign.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it("shows on the backlog panel no flag about the board's active or closed sprints' work", async () => {
    const panel = shown(
      await call('getBoardPanel', PAY_PO, {}, { type: 'jira:backlogAction', board: { id: String(PAY_BOARD.id) } }),
    );
    expect(panel.kind).toBe('backlog');
    expect(panel.sprint).toBeUndefined();
    const scheduled = new Set(
      snapshot.sprints[String(PAY_BOARD.id)]!.filter((sprint) => sprint.state !== 'future').map((sprint) => sprint.id),
    );
    for (const finding of panel.findings) {
      expect(finding.subject.type === 'sprint' && scheduled.has(Number(finding.subject.id))).toBe(false);
      expect(finding.subject.type).not.toBe('person');
    }
  });

  it('answers NOT_FOUND for a board the viewer cannot see, and INVALID_INPUT without a board', async () => {
    expect(await call('getBoardPanel', MOB_PO, { boardId: 999_999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await call('getBoardPanel', MOB_PO, {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

describe('getRoadmap', () => {
  it('never shows a viewer what their own permissions hide', async () => {
    const [accountId, grant] = RESTRICTED;
    const roadmap = shown(await call('getRoadmap', accountId, {}));
    const hidden = snapshot.projects.map((project) => project.key).filter((key) => !grant.projects!.includes(key));
    expect(hidden.length).toBeGreaterThan(0);
    const visible = JSON.stringify(roadmap);
    for (const key of hidden) {
      expect(roadmap.projects.some((project) => project.key === key)).toBe(false);
      expect(visible).not.toContain(`"${key}-`);
    }
    expect(await call('getRoadmap', accountId, { projectKey: hidden[0]! })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('flag counts', () => {
  it('counts the flags each viewer sees, a person flag on the person and never on the items it names', async () => {
    const [restricted, grant] = RESTRICTED;
    for (const viewer of [ADMIN, restricted]) {
      const roadmap = shown(await call('getRoadmap', viewer, {}));
      const { flagCounts, findings, items } = roadmap;
      expect(findings).toHaveLength(roadmap.findingPage.total);
      expect(flagCounts.total).toBe(findings.length);
      expect(flagCounts.bySeverity).toEqual(countBySeverity(findings));
      for (const [projectKey, count] of Object.entries(flagCounts.byProject))
        expect([projectKey, count]).toEqual([
          projectKey,
          findings.filter((finding) => finding.projectKeys.includes(projectKey)).length,
        ]);
      const personFlags = findings.filter((finding) => finding.subject.type === 'person');
      expect(personFlags.some((finding) => finding.issueKeys.some((key) => items.some((i) => i.key === key)))).toBe(
        true,
      );
      for (const finding of personFlags) for (const item of items) expect(item.findings).not.toContain(finding.id);
      const people = new Set(personFlags.map((finding) => finding.subject.id));
      for (const person of people)
        expect(flagCounts.byOwner[person]).toBeGreaterThanOrEqual(
          personFlags.filter((finding) => finding.subject.id === person).length,
        );
      if (viewer === restricted)
        expect(Object.keys(flagCounts.byProject).every((key) => grant.projects!.includes(key))).toBe(true);
    }
  });

  it("counts a board panel's flags by severity", async () => {
    const panel = shown(await call('getBoardPanel', PAY_PO, { boardId: PAY_BOARD.id }));
    expect(panel.findings.length).toBeGreaterThan(0);
    expect(panel.severityCounts).toEqual(countBySeverity(panel.findings));
  });
});

describe('settings', () => {
  it('lets the site admin save, validating and versioning every save', async () => {
    const read = await call('getSettings', ADMIN, {});
    if (!read.ok) throw new Error(read.error.message);
    expect(read.data).toMatchObject({ scope: 'site', canEdit: true, version: 1 });
    const changed = { ...read.data.site, thresholds: { ...read.data.site.thresholds, sprintMaxWeeks: 3 } };
    const saved = await call('saveSettings', ADMIN, { settings: changed, version: 1 });
    expect(saved).toMatchObject({ ok: true, data: { version: 2, site: { thresholds: { sprintMaxWeeks: 3 } } } });

    const stale = await call('saveSettings', ADMIN, { settings: changed, version: 1 });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const invalid = await call('saveSettings', ADMIN, {
      settings: { ...changed, thresholds: { sprintMaxWeeks: 0 } },
      version: 2,
    });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect((invalid as { error: { details: FieldIssue[] } }).error.details).toEqual([
      { path: 'thresholds.sprintMaxWeeks', message: 'must be at least 1 week' },
    ]);
  });

  it('refuses a save by anyone who is not a site admin, checked on the server', async () => {
    const read = await call('getSettings', MOB_PO, {});
    expect(read).toMatchObject({ ok: true, data: { canEdit: false } });
    const refused = await call('saveSettings', MOB_PO, { settings: demoConfig(), version: 1 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await new ConfigRepository(store, RULE_METAS).site()).version).toBe(1);
  });

  it("lets a project's admin save that project's settings, and only those", async () => {
    const read = await call('getSettings', MOB_ADMIN, { projectKey: 'MOB' });
    expect(read).toMatchObject({ ok: true, data: { scope: 'project', canEdit: true, version: 0 } });
    const saved = await call('saveSettings', MOB_ADMIN, {
      projectKey: 'MOB',
      settings: { thresholds: { sprintMaxWeeks: 2 } },
      version: 0,
    });
    expect(saved).toMatchObject({
      ok: true,
      data: {
        version: 1,
        project: { thresholds: { sprintMaxWeeks: 2 } },
        effective: { thresholds: { sprintMaxWeeks: 2, roadmapMaxSpanMonths: 24 } },
      },
    });
    expect(await call('saveSettings', MOB_ADMIN, { projectKey: 'PAY', settings: {}, version: 0 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call('saveSettings', MOB_ADMIN, { settings: demoConfig(), version: 1 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const bad = await call('saveSettings', MOB_ADMIN, {
      projectKey: 'MOB',
      settings: { ownerField: 'boss' },
      version: 1,
    });
    expect((bad as { error: { details: FieldIssue[] } }).error.details).toEqual([
      { path: 'ownerField', message: expect.stringContaining('assignee') },
    ]);
  });

  it('changes what the panel shows once a threshold is saved and the background audit ran again', async () => {
    const before = shown(await call('getBoardPanel', PAY_PO, { boardId: PAY_BOARD.id }));
    expect(before.freshness.auditPending).toBeUndefined();
    const site = (await call('getSettings', ADMIN, {})) as { ok: true; data: { site: ReturnType<typeof demoConfig> } };
    const rules = { ...site.data.site.rules, 'trace/sprint-item-without-roadmap-link': { severity: 'off' as const } };
    expect(await call('saveSettings', ADMIN, { settings: { ...site.data.site, rules }, version: 1 })).toMatchObject({
      ok: true,
    });
    const stale = shown(await call('getBoardPanel', PAY_PO, { boardId: PAY_BOARD.id }));
    expect(stale.freshness.auditPending).toBe(true);
    await scanAndAudit(emulator, ADMIN, store, new Date(snapshot.capturedAt!));
    const after = shown(await call('getBoardPanel', PAY_PO, { boardId: PAY_BOARD.id }));
    const count = (findings: typeof after.findings) =>
      findings.filter((finding) => finding.rule === 'trace/sprint-item-without-roadmap-link').length;
    expect(count(before.findings)).toBeGreaterThan(0);
    expect(count(after.findings)).toBe(0);
    expect(after.freshness.auditPending).toBeUndefined();
  });
});

describe("people on a project's views", () => {
  it("count each person's work in that project only", async () => {
    const panel = shown(await call('getBoardPanel', PAY_PO, { boardId: PAY_BOARD.id }));
    const payItems = new Set(snapshot.issues.filter((issue) => issue.key.startsWith('PAY-')).map((issue) => issue.key));
    // Work inside the audit window: the panel's people are those the behaviour rules looked at.
    const since = Date.parse(panel.window.since);
    const inWindow = (at: string | number | undefined) => at !== undefined && new Date(at).getTime() >= since;
    for (const person of panel.people) {
      const total = person.counts.strategic + person.counts.tactical + person.counts.neutral;
      const acted = snapshot.issues
        .filter((issue) => payItems.has(issue.key))
        .reduce(
          (sum, issue) =>
            sum +
            (issue.changelog?.histories.filter(
              (history) => history.author?.accountId === person.accountId && inWindow(history.created),
            ).length ?? 0) +
            ((
              issue.fields.comment as { comments?: Array<{ author?: { accountId?: string }; created?: string }> }
            ).comments?.filter((comment) => comment.author?.accountId === person.accountId && inWindow(comment.created))
              .length ?? 0) +
            ((issue.fields.creator as { accountId?: string } | undefined)?.accountId === person.accountId &&
            inWindow(issue.fields.created as string | undefined)
              ? 1
              : 0),
          0,
        );
      expect([person.accountId, total]).toEqual([person.accountId, acted]);
      expect(person.projects).toEqual(['PAY']);
    }
  });

  it('leave out app accounts and former users, who acted but are nobody to talk to', async () => {
    const result = await call('getRoadmap', ADMIN, {});
    const apps = snapshot.users.filter((user) => user.accountType === 'app').map((user) => user.accountId);
    const former = snapshot.users.filter((user) => user.active === false).map((user) => user.accountId);
    expect(apps.length).toBeGreaterThan(0);
    expect(former.length).toBeGreaterThan(0);
    // They did act on the demo site: the history has their changes.
    const authors = new Set(
      snapshot.issues.flatMap((issue) => issue.changelog?.histories.map((history) => history.author?.accountId) ?? []),
    );
    expect([...apps, ...former].some((accountId) => authors.has(accountId))).toBe(true);
    const shownIds = shown(result).people.map((person) => person.accountId);
    for (const accountId of [...apps, ...former]) expect(shownIds).not.toContain(accountId);
    expect(shownIds.length).toBeGreaterThan(0);
  });
});
