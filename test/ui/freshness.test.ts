import { firstScanText, freshnessText, partialText, pendingText, refreshSummary } from '../../static/app/src/freshness';

describe('freshnessText', () => {
  it('dates a cached view by its scan and says how old the scan was when the view was audited', () => {
    expect(freshnessText({ scannedAt: '2026-11-22T08:00:00.000Z', pending: [] }, '2026-11-22T08:03:10.000Z')).toBe(
      'From the background scan of 22 Nov 2026, 08:00 (3 minutes ago).',
    );
    expect(freshnessText({ scannedAt: '2026-11-22T08:00:00.000Z', pending: [] }, '2026-11-22T08:00:20.000Z')).toBe(
      'From the background scan of 22 Nov 2026, 08:00 (less than a minute ago).',
    );
  });

  it('says when newer scans are still being audited', () => {
    expect(freshnessText({ scannedAt: '2026-11-22T08:00:00.000Z', pending: [], auditPending: true }, 'soon')).toBe(
      "From the background scan of 22 Nov 2026, 08:00. Jira was read again (or the settings changed) since this report was made: it shows the background audit's latest results until the next audit.",
    );
  });

  it('leaves the age out when a time is not a date', () => {
    expect(freshnessText({ scannedAt: '2026-11-22T08:00:00.000Z', pending: [] }, 'soon')).toBe(
      'From the background scan of 22 Nov 2026, 08:00.',
    );
  });
});

describe('firstScanText', () => {
  const site = { projectsScanned: 2, projectsToScan: 7, issuesRead: 1_234 };
  it('says how far the first scan is, and where the project in view stands', () => {
    expect(firstScanText(site)).toBe(
      'The first scan has read 1234 issues so far; 2 of 7 projects are scanned. This page shows the audit once a project is scanned.',
    );
    expect(firstScanText({ ...site, project: { key: 'PAY', stage: 'queued', issuesRead: 0 } })).toBe(
      'PAY is next in line: it is scanned before the other projects. The first scan has read 1234 issues so far; 2 of 7 projects are scanned. This view updates by itself when the audit is ready.',
    );
    expect(firstScanText({ ...site, project: { key: 'PAY', stage: 'scanning', issuesRead: 300 } })).toMatch(
      /^PAY is being scanned now \(300 issues read\)\. /,
    );
    expect(firstScanText({ ...site, project: { key: 'PAY', stage: 'auditing', issuesRead: 1 } })).toMatch(
      /^PAY is scanned \(1 issue\) and being audited\. /,
    );
  });
});

describe('pendingText', () => {
  it('names projects left out of a cached view, and nothing when none are', () => {
    expect(pendingText([])).toBeUndefined();
    expect(pendingText(['MOB'])).toBe('Project MOB is not scanned yet: it is left out until its first scan completes.');
    expect(pendingText(['MOB', 'PAY'])).toBe(
      'Projects MOB, PAY are not scanned yet: they are left out until their first scan completes.',
    );
  });
});

describe('refreshSummary', () => {
  const refresh = { done: true, busy: false, issuesWritten: 0, requests: 1 };
  it('says what the refresh changed', () => {
    expect(refreshSummary({ projectKey: 'PAY', refresh })).toBe(
      'Refreshed PAY from Jira: nothing had changed since the last scan.',
    );
    expect(refreshSummary({ projectKey: 'PAY', refresh: { ...refresh, issuesWritten: 1 } })).toBe(
      'Refreshed PAY from Jira: 1 issue updated in the cache.',
    );
    expect(refreshSummary({ projectKey: 'PAY', refresh: { ...refresh, issuesWritten: 3, done: false } })).toBe(
      'Refreshed PAY from Jira: 3 issues updated in the cache. More changes are still being read in the background; refresh again in a minute.',
    );
  });

  it('says when another scan held the project', () => {
    expect(refreshSummary({ projectKey: 'PAY', refresh: { ...refresh, busy: true, done: false } })).toBe(
      'A scan of PAY is already running; this shows the cache as it is. Refresh again in a minute.',
    );
  });
});

describe('partialText', () => {
  it('says a first stage’s report covers only the active sprints, how far the rest is, and what is not checked yet', () => {
    expect(partialText([{ projectKey: 'PAY', stageIssues: 47, issuesRead: 120 }])).toBe(
      'This report covers only the active sprints of PAY and the roadmap items their work hangs under (PAY: 47 issues read first, 120 issues read so far); the rest is being read. Flags that need the whole project (missing owners, roadmap items not broken down, sprint work without a roadmap link) are not checked yet. The full report replaces this one when the scan is done.',
    );
    expect(partialText([{ projectKey: 'PAY', stageIssues: 47, issuesRead: 120, issuesToRead: 143 }])).toContain(
      '(PAY: 47 issues read first, 120 of about 143 issues read so far)',
    );
  });
});
