import { auditSite } from '../../src/audit';
import { generateBenchSite } from '../../src/bench/generate';
import { defaultConfig, effectiveSettings } from '../../src/config/defaults';
import type { AuditConfig } from '../../src/config/types';
import { demoConfig, generateDemoSite } from '../../src/dev/demo';
import { startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import type { Finding } from '../../src/domain/finding';
import { normaliseSite } from '../../src/jira/normalise';
import { readSite } from '../../src/jira/read-site';
import type { RestIssue, SiteSnapshot } from '../../src/jira/snapshot';
import { auditCachedSite, BackgroundScanner, markedWork, markIssue } from '../../src/scan';
import { MemoryStore } from '../../src/store/key-value';
import { clientFor, fakeClock, renamed, scanToEnd } from './support';

/**
 * The frugal cache (the audit window's issues with their histories, older open issues for their fields, older
 * closed ones only as parents or children of what it holds) must give every finding a full read of the site gives,
 * on the first scan and after a week of edits refreshed day by day. Sizes: the demo site, and a synthetic site of
 * 2,000 issues, which keeps the suite near three minutes on a loaded machine; `WINDOW_EQUIVALENCE_ISSUES=10000`
 * runs it at 10,000 (about ten minutes: two full reads and eight scans of the site over HTTP).
 */
const SYNTHETIC_ISSUES = Number(process.env['WINDOW_EQUIVALENCE_ISSUES'] ?? 2_000);
const DAY_MS = 24 * 60 * 60 * 1000;

jest.setTimeout(600_000);

/** A finding as the equivalence compares it: id, severity, message and suggestion (their data filled in), evidence. */
function comparable(findings: readonly Finding[]) {
  return findings
    .map((finding) => ({
      id: finding.id,
      severity: finding.severity,
      message: finding.message,
      suggestion: finding.suggestion,
      evidence: finding.evidence,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

interface Scenario {
  name: string;
  snapshot: () => SiteSnapshot;
  config: () => AuditConfig;
}

const scenarios: Scenario[] = [
  { name: 'the demo site', snapshot: () => plantClosedChildren(generateDemoSite()), config: demoConfig },
  {
    name: `a synthetic site of ${SYNTHETIC_ISSUES.toLocaleString('en')} issues`,
    snapshot: () => plantClosedChildren(generateBenchSite({ issues: SYNTHETIC_ISSUES }).snapshot),
    config: defaultConfig,
  },
];

const statusKey = (issue: RestIssue) =>
  (issue.fields.status as { statusCategory?: { key?: string } } | undefined)?.statusCategory?.key;
const levelOf = (issue: RestIssue) =>
  (issue.fields.issuetype as { hierarchyLevel?: number; name?: string } | undefined)?.hierarchyLevel ??
  (/^epic$/i.test(String((issue.fields.issuetype as { name?: string } | undefined)?.name)) ? 1 : 0);
const parentOf = (issue: RestIssue) => (issue.fields.parent as { key?: string } | undefined)?.key;

/** The status object of a closed issue of the site, to close others with. */
function doneStatus(snapshot: SiteSnapshot): unknown {
  return snapshot.issues.find((issue) => statusKey(issue) === 'done')!.fields.status;
}

/**
 * Closes every child of two open epics with a planned start, long before the window: the epics are still broken
 * down, which a cache holding only the window's issues would not know without reading those children.
 */
function plantClosedChildren(snapshot: SiteSnapshot): SiteSnapshot {
  const copy = structuredClone(snapshot);
  const done = doneStatus(copy);
  const old = new Date(Date.parse(copy.capturedAt!) - 400 * DAY_MS).toISOString().replace('Z', '+0000');
  const children = new Map<string, RestIssue[]>();
  for (const issue of copy.issues) {
    const parent = parentOf(issue);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), issue]);
  }
  const epics = copy.issues
    .filter((issue) => levelOf(issue) === 1 && statusKey(issue) !== 'done' && (children.get(issue.key)?.length ?? 0))
    .slice(0, 2);
  for (const epic of epics) {
    for (const child of children.get(epic.key)!) {
      child.fields = { ...child.fields, status: done, updated: old };
      if (child.changelog) child.changelog = { ...child.changelog, histories: [] };
      delete child.fields['comment'];
    }
  }
  return copy;
}

/**
 * One working day of edits as Jira records them: about 1% of issues get a summary change (an old closed epic
 * among them, reopened), a few open ones are closed, one issue is deleted (its product event marks it).
 */
function editDay(snapshot: SiteSnapshot, day: number, at: Date): { next: SiteSnapshot; deleted: RestIssue } {
  const next = structuredClone(snapshot);
  const stamp = at.toISOString().replace('Z', '+0000');
  const done = doneStatus(next);
  const step = Math.max(2, Math.floor(next.issues.length / Math.max(1, Math.round(next.issues.length / 100))));
  const touched = next.issues.filter((_, index) => (index + day * 7) % step === 0);
  const reopened = next.issues.find(
    (issue) => levelOf(issue) >= 1 && statusKey(issue) === 'done' && !touched.includes(issue),
  );
  const open = next.issues.find((issue) => statusKey(issue) !== 'done');
  for (const issue of [...touched, ...(reopened ? [reopened] : [])]) {
    const summary = `${String(issue.fields.summary)} (day ${day})`;
    Object.assign(issue, renamed(issue, stamp, summary, String(90_000_000 + day * 1_000_000 + Number(issue.id))));
  }
  if (reopened) reopened.fields = { ...reopened.fields, status: open!.fields.status };
  for (const issue of touched.slice(0, 3)) issue.fields = { ...issue.fields, status: done };
  const deleted = next.issues.find((issue) => !parentOf(issue) && !touched.includes(issue) && issue !== reopened)!;
  next.issues = next.issues.filter((issue) => issue !== deleted);
  return { next, deleted };
}

describe.each(scenarios)('the audit over the frugal cache of $name', ({ snapshot: snapshotOf, config: configOf }) => {
  let emulator: RunningEmulator;
  let site: SiteSnapshot;
  const clock = fakeClock('2026-01-01T00:00:00.000Z');
  const store = new MemoryStore();
  const scanner = new BackgroundScanner();
  const config = configOf();
  const groups = () => site.groups.map((group) => group.name);
  const projectKeys = () => site.projects.map((project) => project.key).sort();
  const login = () => Object.entries(site.permissions ?? {}).find(([, grant]) => grant.admin)?.[0];

  beforeAll(async () => {
    site = snapshotOf();
    emulator = await startEmulator(site, { now: clock.now });
  });
  afterAll(async () => {
    await emulator.close();
  });

  async function scanAll(): Promise<{ requests: number; points: number }> {
    const client = clientFor(emulator, login());
    for (const projectKey of projectKeys())
      await scanToEnd(scanner, client, store, projectKey, {
        now: () => emulator.siteNow(),
        sleep: clock.sleep,
        groups: groups(),
        windowDays: effectiveSettings(config, projectKey).auditWindowDays,
      });
    // As the scheduler would: projects marked meanwhile (a parent another project's issue names) are read again.
    for (const projectKey of [...(await markedWork(store)).projectKeys].sort())
      await scanToEnd(scanner, client, store, projectKey, {
        now: () => emulator.siteNow(),
        sleep: clock.sleep,
        groups: groups(),
        windowDays: effectiveSettings(config, projectKey).auditWindowDays,
      });
    return client.usage;
  }

  async function findingsOfFullRead(): Promise<Finding[]> {
    const client = clientFor(emulator, login());
    const read = await readSite(client, { baseUrl: emulator.url, groups: groups() });
    return auditSite(normaliseSite(read.snapshot, read.problems), config, { now: emulator.siteNow() }).findings;
  }

  async function findingsOfCache(): Promise<Finding[]> {
    const audit = await auditCachedSite(store, config, { now: emulator.siteNow() });
    if (!audit.audited) throw new Error(`no audit of the cache: ${audit.why}`);
    return audit.report.findings;
  }

  it('gives every finding a full read gives, reading less', async () => {
    const scan = await scanAll();
    const cached = (await scanner.cachedSnapshot(store))!;
    expect(cached.issues.length).toBeLessThan(site.issues.length);
    const full = await findingsOfFullRead();
    expect(full.length).toBeGreaterThan(0);
    expect(comparable(await findingsOfCache())).toEqual(comparable(full));
    expect(scan.points).toBeGreaterThan(0);
  });

  it('still does after a week of edits, refreshed day by day', async () => {
    for (let day = 1; day <= 7; day++) {
      clock.advance(DAY_MS);
      const { next, deleted } = editDay(site, day, emulator.siteNow());
      site = next;
      emulator.replaceSnapshot(site);
      const projectKey = deleted.key.slice(0, deleted.key.lastIndexOf('-'));
      await markIssue(store, projectKey, {
        kind: 'deleted',
        issueId: deleted.id,
        issueKey: deleted.key,
        at: emulator.siteNow().toISOString(),
      });
      await scanAll();
    }
    const full = await findingsOfFullRead();
    expect(comparable(await findingsOfCache())).toEqual(comparable(full));
  });
});
