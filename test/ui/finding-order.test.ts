import { compareFindings, type Finding } from '../../src/domain/finding';

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
});
