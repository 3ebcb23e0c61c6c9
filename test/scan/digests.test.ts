import { auditSite } from '../../src/audit';
import { CrossProjectLinks } from '../../src/audit/sharded';
import { demoConfig } from '../../src/dev/demo';
import { startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import { normaliseSite } from '../../src/jira/normalise';
import type { RestIssue } from '../../src/jira/snapshot';
import { BackgroundScanner, readCachedSite, readStoredReport } from '../../src/scan';
import { ProjectCache } from '../../src/scan/cache';
import { auditCachedSite, auditDue, projectSlice } from '../../src/scan/reports';
import { MemoryStore } from '../../src/store/key-value';
import { clientFor, demo, PROJECT_KEYS, scanToEnd } from './support';

/** A store that counts what is read from it, by key. */
class CountingStore extends MemoryStore {
  readonly reads = new Map<string, number>();

  override async get<T>(key: string): Promise<T | undefined> {
    const value = await super.get<T>(key);
    if (value !== undefined)
      this.reads.set(key, (this.reads.get(key) ?? 0) + Buffer.byteLength(JSON.stringify(value), 'utf8'));
    return value;
  }

  /** Bytes read under each project's cached data (`scan:data:KEY:`), by project. */
  chunkBytesByProject(): Map<string, number> {
    const bytes = new Map<string, number>();
    for (const [key, read] of this.reads) {
      const project = /^scan:data:([^:]+):/.exec(key)?.[1];
      if (project) bytes.set(project, (bytes.get(project) ?? 0) + read);
    }
    return bytes;
  }
}

const config = demoConfig();
const now = new Date(demo.capturedAt!);
let emulator: RunningEmulator;
let store: CountingStore;
/** An issue of PAY nothing of another project reads (found by the first test). */
let quietKey: string;

beforeAll(async () => {
  emulator = await startEmulator(demo);
  store = new CountingStore();
  const client = clientFor(emulator);
  for (const key of PROJECT_KEYS) await scanToEnd(new BackgroundScanner(), client, store, key);
  await emulator.close();
  // Scanning the whole demo site takes longer than support's 30 s on a loaded machine.
}, 180_000);

/** What a refresh writes after someone commented on an issue: the issue with one more comment, a new scan time. */
async function comment(issue: RestIssue, text: string, at: string): Promise<void> {
  const field = issue.fields.comment as { comments: Array<Record<string, unknown>>; total?: number };
  const last = field.comments[field.comments.length - 1]!;
  const added = {
    ...last,
    id: String(9_000_000 + Number(issue.id)),
    body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
    created: at,
    updated: at,
  };
  const edited = {
    ...issue,
    fields: {
      ...issue.fields,
      updated: at,
      comment: { ...field, comments: [...field.comments, added], total: field.comments.length + 1 },
    },
  };
  const project = issue.key.slice(0, issue.key.lastIndexOf('-'));
  await (await ProjectCache.load(store, project))!.apply([edited], [], { scannedAt: at });
}

/** Every project's stored report is what an audit of the whole cached site at once gives. */
async function expectWholeSiteReports(): Promise<void> {
  const cached = (await readCachedSite(store))!;
  const whole = auditSite(normaliseSite(cached.snapshot, cached.problems), config, { now });
  for (const key of PROJECT_KEYS)
    expect((await readStoredReport(store, key))!.report).toEqual(projectSlice(whole, key));
}

describe('the audit job after a change', () => {
  it('reads only the changed project’s chunks plus the digests, and stores what a whole-site audit gives', async () => {
    const first = await auditCachedSite(store, config, { now });
    expect(first).toMatchObject({ audited: true, reaudited: PROJECT_KEYS });

    // An issue of PAY that no other project's items hang from, sit above or share a sprint with.
    const site = normaliseSite(demo);
    const links = new CrossProjectLinks(site);
    const related = new Set(PROJECT_KEYS.flatMap((key) => links.relatedItems(key).map((item) => item.key)));
    const quiet = demo.issues.find(
      (issue) =>
        issue.key.startsWith('PAY-') &&
        !related.has(issue.key) &&
        ((issue.fields.comment as { comments?: unknown[] } | undefined)?.comments?.length ?? 0) > 0,
    )!;
    quietKey = quiet.key;
    await comment(quiet, 'Thanks, I will have a look at this tomorrow.', '2026-11-20T09:00:00.000+0000');

    store.reads.clear();
    const second = await auditCachedSite(store, config, { now });
    expect(second).toMatchObject({ audited: true, reaudited: ['PAY'] });
    const chunkReads = store.chunkBytesByProject();
    expect([...chunkReads.keys()]).toEqual(['PAY']);
    const digestBytes = [...store.reads]
      .filter(([key]) => key.startsWith('audit:digest'))
      .reduce((sum, [, bytes]) => sum + bytes, 0);
    expect(digestBytes).toBeGreaterThan(0);
    await expectWholeSiteReports();
  });

  it('after refreshes that found nothing new, is not due, and a change then re-audits only its project', async () => {
    const refreshed = '2026-11-20T09:30:00.000+0000';
    for (const key of PROJECT_KEYS)
      await (await ProjectCache.load(store, key))!.apply([], [], { scannedAt: refreshed });
    expect(await auditDue(store, config, undefined, now)).toBe(false);
    expect(await auditCachedSite(store, config, { now })).toEqual({ audited: false, why: 'up to date' });

    const issue = (await readCachedSite(store, ['PAY']))!.snapshot.issues.find((each) => each.key === quietKey)!;
    await comment(issue, 'Looked at it, all good.', '2026-11-20T09:45:00.000+0000');
    store.reads.clear();
    expect(await auditCachedSite(store, config, { now })).toMatchObject({ audited: true, reaudited: ['PAY'] });
    expect([...store.chunkBytesByProject().keys()]).toEqual(['PAY']);
    await expectWholeSiteReports();
  });

  it('re-audits the projects that read what changed of another project, and still gives the whole-site reports', async () => {
    // An issue of PAY whose parent is in another project: that project's roadmap item counts it.
    const site = normaliseSite(demo);
    const linked = site.items.find(
      (item) =>
        item.projectKey === 'PAY' &&
        item.parentKey !== undefined &&
        site.items.find((parent) => parent.key === item.parentKey)?.projectKey !== 'PAY',
    )!;
    const parentProject = site.items.find((item) => item.key === linked.parentKey)!.projectKey;
    const issue = (await readCachedSite(store, ['PAY']))!.snapshot.issues.find((each) => each.key === linked.key)!;
    const field = issue.fields.comment as { comments: unknown[] } | undefined;
    if (!field || field.comments.length === 0) throw new Error(`${linked.key} has no comment to follow`);
    await comment(issue, 'Noted, thanks.', '2026-11-20T10:00:00.000+0000');

    store.reads.clear();
    const audit = await auditCachedSite(store, config, { now });
    expect(audit.audited && audit.reaudited).toEqual(expect.arrayContaining(['PAY', parentProject]));
    await expectWholeSiteReports();
  });

  it('audits every project again in a new week, so that what moves with the clock follows it', async () => {
    const sameWeek = new Date(now.getTime() + 60 * 60_000);
    expect(await auditDue(store, config, undefined, sameWeek)).toBe(false);
    expect(await auditCachedSite(store, config, { now: sameWeek })).toEqual({ audited: false, why: 'up to date' });
    const nextWeek = new Date(now.getTime() + 7 * 24 * 60 * 60_000);
    expect(await auditDue(store, config, undefined, nextWeek)).toBe(true);
    expect(await auditCachedSite(store, config, { now: nextWeek })).toMatchObject({
      audited: true,
      reaudited: PROJECT_KEYS,
    });
  });
});
