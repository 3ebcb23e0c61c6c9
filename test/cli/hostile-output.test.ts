/* eslint-disable no-control-regex -- the test looks for control characters in the output */
import type { AuditReport } from '../../src/audit';
import { formatReport } from '../../src/cli/format-report';
import { describeWait, progressReporter } from '../../src/cli/progress';
import { spreadsheetCell, terminalText } from '../../src/domain/text-safety';
import { csvField } from '../../static/app/src/export';

/** Names and summaries come from any Jira user: written out, they are shown, never run. */
const HOSTILE_NAME = '=HYPERLINK("https://evil.example","Click")\u001b]0;pwned\u0007\u001b[2J\u202Eevil';
const HOSTILE_MESSAGE =
  '@SUM(A1:A9) moved \u001b]8;;https://evil.example\u001b\\here\u001b]8;;\u001b\\ and\r\u009b31m hid';

function report(): AuditReport {
  return {
    generatedAt: '2026-11-22T08:00:00.000Z',
    now: '2026-11-22T08:00:00.000Z',
    window: { since: '2026-08-24T08:00:00.000Z', until: '2026-11-22T08:00:00.000Z', days: 90 },
    site: { baseUrl: 'https://site.example' },
    coverage: {
      projects: 1,
      issues: 3,
      actions: 9,
      actionsInWindow: 9,
      actionsBeforeWindow: 0,
      actionsAfterNow: 0,
      repeatedMoves: 0,
      people: 1,
      boards: 0,
      sprints: 0,
      unread: [],
    },
    people: [
      {
        accountId: 'a1',
        displayName: HOSTILE_NAME,
        kind: 'human',
        roles: ['po'],
        roleSources: ['account'],
        roleScope: 'site',
        counts: { strategic: 1, tactical: 1, neutral: 0 },
        share: { strategic: 0.5, tactical: 0.5, neutral: 0 },
        projects: ['MOB'],
        byProject: {},
      },
    ],
    projects: [],
    sprints: [],
    roadmapItems: [],
    findings: [
      {
        id: 'overlap/dual-role|person:a1',
        rule: 'overlap/dual-role',
        severity: 'warning',
        subject: { type: 'person', id: 'a1', name: HOSTILE_NAME },
        issueKeys: ['MOB-1'],
        projectKeys: ['MOB'],
        criteria: ['C1'],
        message: HOSTILE_MESSAGE,
        evidence: [{ issueKey: 'MOB-1', at: '2026-11-01T00:00:00.000Z', what: '-1+1 estimate' }],
        suggestion: '+ do this',
      },
    ],
    suppressed: [],
    securedIssues: [],
  };
}

describe('CSV', () => {
  it('neutralises every cell that would start a formula, as the UI export does', () => {
    const csv = formatReport(report(), 'csv');
    expect(csv).not.toMatch(/(^|,)"?[=+\-@\t\r]/m);
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"",""Click"")evil"`);
    expect(csv).toContain("'@SUM(A1:A9) moved here and hid");
    expect(csv).toContain("'+ do this");
    expect(csv).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
  });

  it('is one function shared with the UI', () => {
    for (const text of ['=1+1', '+1', '-1', '@A1', '\tx', '\rx', 'plain', ''])
      expect(csvField(text).replace(/^"|"$/g, '')).toBe(spreadsheetCell(text));
  });
});

describe('terminal output', () => {
  it.each(['table', 'markdown'] as const)(
    '%s carries no escape sequence, control character or bidi override',
    (format) => {
      const text = formatReport(report(), format);
      expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
      expect(text).toContain('evil');
      expect(text).not.toContain('pwned');
    },
  );

  it('strips CSI, OSC and C1 sequences whole and keeps line breaks and tabs', () => {
    expect(terminalText('a\u001b[2Jb\u001b]0;title\u0007c\u009b1md\u202Ee\u2066f\ng\th\r')).toBe('abcde' + 'f\ng\th');
  });
});

describe('progress of a live read off a terminal', () => {
  it('prints plain lines, and every wait for Jira with its reason', () => {
    const lines: string[] = [];
    let clock = 0;
    const reporter = progressReporter({ write: (text: string) => lines.push(text), isTTY: false }, () => clock);
    reporter.onProgress({ phase: 'roles', done: 1, total: 6 });
    reporter.onProgress({ phase: 'roles', done: 2, total: 6 });
    clock += 6000;
    reporter.onProgress({ phase: 'roles', done: 3, total: 6 });
    reporter.onRetry({
      request: { method: 'POST', path: '/rest/api/3/search/jql' },
      attempt: 1,
      status: 429,
      waitMs: 30_000,
    });
    reporter.stop();
    expect(lines).toEqual([
      'reading roles: 1/6\n',
      'reading roles: 3/6\n',
      'throttled by Jira (429): waiting 30 s before going on\n',
    ]);
  });

  it('says which request failed how when it retries', () => {
    expect(
      describeWait({ request: { method: 'GET', path: '/rest/api/3/field' }, attempt: 1, status: 503, waitMs: 1200 }),
    ).toBe('GET /rest/api/3/field got answer 503: retrying in 1 s (try 2)');
  });
});
