/**
 * Auditing a project at a time gives the whole-site audit's report on the real data sets too.
 * @needs-shared real-jira/devlake real-jira/go-jira real-jira/issueshark real-jira/jirametrics
 */
import { join } from 'node:path';
import { auditSite } from '../../src/audit';
import { auditByProject } from '../../src/audit/sharded';
import { defaultConfig } from '../../src/config/defaults';
import { loadDevlake, loadGoJira, loadIssueshark, loadJirametrics } from '../../src/jira/import';
import { normaliseSite } from '../../src/jira/normalise';
import type { SiteSnapshot } from '../../src/jira/snapshot';
import { REAL_JIRA } from './support';

function latestAction(actions: ReadonlyArray<{ at: string }>, capturedAt: string | undefined): Date {
  return new Date(actions.reduce((max, action) => (action.at > max ? action.at : max), capturedAt ?? ''));
}

const sites: Array<[string, () => SiteSnapshot]> = [
  ['devlake', () => loadDevlake(join(REAL_JIRA, 'devlake')).snapshot],
  ['jirametrics', () => loadJirametrics(join(REAL_JIRA, 'jirametrics')).snapshot],
  ['issueshark', () => loadIssueshark(join(REAL_JIRA, 'issueshark')).snapshot],
  ['go-jira', () => loadGoJira(join(REAL_JIRA, 'go-jira')).snapshot],
];

describe('auditing one project at a time, on real data', () => {
  it.each(sites)('%s: gives the report of the whole-site audit', (_, snapshotOf) => {
    const snapshot = snapshotOf();
    const site = normaliseSite(snapshot);
    const now = latestAction(site.actions, snapshot.capturedAt);
    const whole = auditSite(site, defaultConfig(), { now });
    expect(auditByProject(site, defaultConfig(), { now })).toEqual(whole);
    // Not a comparison of two empty reports: go-jira's actions have no authors, so it has items but nobody in it.
    expect(
      whole.findings.length + whole.people.length + whole.roadmapItems.length + whole.coverage.issues,
    ).toBeGreaterThan(0);
  });
});
