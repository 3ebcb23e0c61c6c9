import { countBySeverity, type Finding } from '../../src/domain/finding';
import { adviceFor } from '../../static/app/src/errors';
import { categoryOf, kindLabel, subjectLabel } from '../../static/app/src/findings';
import { formatDate, formatShare, formatSpan, issueUrl, personRole, roleLabel } from '../../static/app/src/format';

const finding = (
  id: string,
  rule: string,
  severity: Finding['severity'],
  subject: Finding['subject'] = { type: 'item', id: 'MOB-1', key: 'MOB-1', name: 'Checkout' },
): Finding => ({
  id,
  rule,
  severity,
  subject,
  issueKeys: [],
  projectKeys: ['MOB'],
  criteria: ['C5'],
  message: id,
  evidence: [],
  suggestion: '',
});

describe('findings', () => {
  it('names the kind of a rule in words, and Other for a rule outside the four kinds', () => {
    expect(kindLabel('overlap/dual-role')).toBe('Role overlap');
    expect(kindLabel('trace/roadmap-item-not-broken-down')).toBe('Broken translation');
    expect(kindLabel('custom/new-rule')).toBe('Other');
  });

  it('counts by severity and reads the kind from the rule id', () => {
    expect(
      countBySeverity([finding('a', 'x/y', 'error'), finding('b', 'x/y', 'error'), finding('c', 'x/y', 'info')]),
    ).toEqual({ error: 2, warning: 0, info: 1 });
    expect(categoryOf('horizon/sprint-too-long')).toBe('horizon');
  });

  it('names the subject', () => {
    expect(subjectLabel(finding('a', 'x/y', 'info'))).toBe('MOB-1 Checkout');
    expect(subjectLabel(finding('a', 'x/y', 'info', { type: 'sprint', id: '52', name: 'MOB Sprint 9' }))).toBe(
      'MOB Sprint 9',
    );
    expect(subjectLabel(finding('a', 'x/y', 'info', { type: 'sprint', id: '52' }))).toBe('Sprint 52');
    expect(subjectLabel(finding('a', 'x/y', 'info', { type: 'project', id: 'MOB', key: 'MOB', name: 'Mobile' }))).toBe(
      'Project MOB (Mobile)',
    );
    expect(subjectLabel(finding('a', 'x/y', 'info', { type: 'person', id: 'acc' }))).toBe('Unknown person');
  });
});

describe('format', () => {
  it('formats dates and instants, and leaves what is not a date as it is', () => {
    expect(formatDate('2026-03-01')).toBe('1 Mar 2026');
    expect(formatDate(undefined)).toBe('—');
    expect(formatDate('soon')).toBe('soon');
  });

  it('says spans in days, weeks or months', () => {
    expect(formatSpan(1)).toBe('1 day');
    expect(formatSpan(13)).toBe('13 days');
    expect(formatSpan(14)).toBe('2 weeks');
    expect(formatSpan(90)).toBe('13 weeks');
    expect(formatSpan(365)).toBe('12 months');
    expect(formatSpan(undefined)).toBe('—');
  });

  it('says roles and shares', () => {
    expect(roleLabel([])).toBe('none');
    expect(roleLabel(['po', 'pm'])).toBe('PM and PO');
    expect(personRole({ roles: ['po'], roleScope: 'inferred' })).toEqual({ label: 'PO', inferred: true });
    expect(personRole({ roles: ['pm'], roleScope: 'site' })).toEqual({ label: 'PM', inferred: false });
    expect(formatShare(0.426)).toBe('43%');
  });

  it('links issues on the site, and refuses addresses that are not http(s)', () => {
    expect(issueUrl('https://acme.atlassian.net', 'MOB-1')).toBe('https://acme.atlassian.net/browse/MOB-1');
    expect(issueUrl('https://acme.atlassian.net/jira/', 'MOB-1')).toBe('https://acme.atlassian.net/jira/browse/MOB-1');
    expect(issueUrl('https://acme.atlassian.net', 'A/../B?x')).toBe('https://acme.atlassian.net/browse/A%2F..%2FB%3Fx');
    expect(issueUrl('javascript:alert(1)', 'MOB-1')).toBeUndefined();
    expect(issueUrl('not a url', 'MOB-1')).toBeUndefined();
  });
});

describe('adviceFor', () => {
  it('offers a retry only where trying again may help', () => {
    const retry = (code: Parameters<typeof adviceFor>[0]['code']) => adviceFor({ code }, 'board').retry;
    expect(['JIRA_UNAVAILABLE', 'RATE_LIMITED', 'INTERNAL'].map((code) => retry(code as never))).toEqual([
      true,
      true,
      true,
    ]);
    expect(['FORBIDDEN', 'NOT_FOUND', 'INVALID_INPUT', 'CONFLICT'].map((code) => retry(code as never))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('says who may save when a save is forbidden, and what to do on a conflict', () => {
    expect(adviceFor({ code: 'FORBIDDEN' }, 'save').advice).toMatch(/Jira admins.*project’s admins/);
    expect(adviceFor({ code: 'FORBIDDEN' }, 'roadmap').title).toBe('You may not see the roadmap audit');
    expect(adviceFor({ code: 'CONFLICT' }, 'save').advice).toMatch(/Reload/);
  });
});
