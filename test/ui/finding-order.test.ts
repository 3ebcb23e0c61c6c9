import { auditSite } from '../../src/audit';
import { demoConfig, generateDemoSite } from '../../src/dev/demo';
import { compareFindings, type Finding } from '../../src/domain/finding';
import { normaliseSite } from '../../src/jira/normalise';
import { groupFindings } from '../../static/app/src/findings';

const finding = (id: string, rule: string, severity: Finding['severity']): Finding => ({
  id,
  rule,
  severity,
  subject: { type: 'item', id: 'MOB-1', key: 'MOB-1', name: 'Checkout' },
  issueKeys: [],
  projectKeys: ['MOB'],
  criteria: ['C5'],
  message: id,
  evidence: [],
  suggestion: '',
});

describe('finding order', () => {
  it('puts the most severe first, then orders by rule and id by code unit, as every runtime does alike', () => {
    const findings = [
      finding('b', 'overlap/z', 'info'),
      finding('a', 'overlap/z', 'warning'),
      finding('item:a', 'overlap/b', 'warning'),
      finding('item:B', 'overlap/b', 'warning'),
      finding('c', 'overlap/a', 'error'),
    ];
    expect([...findings].sort(compareFindings).map((each) => each.id)).toEqual(['c', 'item:B', 'item:a', 'a', 'b']);
  });

  it('puts the most recent first among findings of one severity, whatever their rule', () => {
    const at = (each: Finding, instant: string): Finding => ({ ...each, evidence: [{ at: instant, what: 'moved' }] });
    const findings = [
      at(finding('old', 'overlap/a', 'warning'), '2026-09-01T10:00:00.000Z'),
      at(finding('new', 'overlap/z', 'warning'), '2026-11-20T10:00:00.000Z'),
      finding('undated', 'overlap/a', 'warning'),
      at(finding('error', 'overlap/z', 'error'), '2026-01-01T10:00:00.000Z'),
    ];
    expect([...findings].sort(compareFindings).map((each) => each.id)).toEqual(['error', 'new', 'old', 'undated']);
  });

  it('is the order the panels list each group in, the same as the server report', () => {
    const site = normaliseSite(generateDemoSite());
    const report = auditSite(site, demoConfig(), { now: new Date(site.capturedAt ?? Date.now()) });
    expect(report.findings.length).toBeGreaterThan(10);
    for (const group of groupFindings([...report.findings].reverse())) {
      const ids = new Set(group.findings.map((each) => each.id));
      expect(group.findings).toEqual(report.findings.filter((each) => ids.has(each.id)));
    }
  });
});
