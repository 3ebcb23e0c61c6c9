import { auditSite } from '../../src/audit';
import { demoConfig } from '../../src/dev/demo';
import { normaliseSite } from '../../src/jira/normalise';
import { scheduleScans } from '../../src/jobs';
import { askToScanFirst, cachedProjectKeys, readCachedSite, readStoredReport, scanFirstKeys } from '../../src/scan';
import { demo, startPipeline, type Pipeline } from './support';

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = await startPipeline({ stepBudgetMs: 0 });
});
afterAll(async () => {
  await pipeline.close();
});

describe('a project a viewer opened before it was scanned', () => {
  it('is scanned and audited alone first, so its report does not wait for the whole site’s scan', async () => {
    const projectKeys = demo.projects.map((project) => project.key).sort();
    const opened = projectKeys[projectKeys.length - 1]!;
    await askToScanFirst(pipeline.store, opened);

    const first = await scheduleScans(pipeline.services);
    expect(first.queued.map((entry) => entry.projectKey)).toEqual([opened]);
    await pipeline.drain();
    expect(await cachedProjectKeys(pipeline.store)).toEqual([opened]);
    expect(await readStoredReport(pipeline.store, opened)).toBeDefined();
    expect(await scanFirstKeys(pipeline.store)).toEqual([opened]);

    // The next run finds the ask done with and queues the rest; once they are scanned, the audit covers them all.
    const rest = await scheduleScans(pipeline.services);
    expect(rest.queued.map((entry) => entry.projectKey)).toEqual(projectKeys.filter((key) => key !== opened));
    expect(await scanFirstKeys(pipeline.store)).toEqual([]);
    await pipeline.drain();
    expect((await cachedProjectKeys(pipeline.store)).sort()).toEqual(projectKeys);
    for (const key of projectKeys) expect(await readStoredReport(pipeline.store, key)).toBeDefined();
    // The opened project's report, made from it alone at first, now says what an audit of the whole cache says of it.
    const cached = (await readCachedSite(pipeline.store))!;
    const whole = auditSite(normaliseSite(cached.snapshot), demoConfig(), { now: pipeline.services.now() });
    const ids = (findings: ReadonlyArray<{ id: string }>) => findings.map((finding) => finding.id).sort();
    const stored = (await readStoredReport(pipeline.store, opened))!.report.findings;
    expect(ids(stored)).toEqual(ids(whole.findings.filter((finding) => finding.projectKeys.includes(opened))));
    expect(stored.length).toBeGreaterThan(0);
  });
});
