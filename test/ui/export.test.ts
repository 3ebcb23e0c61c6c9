import { csvField, exportFileName, flattenSettings, toCsv, toJson, type CsvColumn } from '../../static/app/src/export';
import { findingColumns } from '../../static/app/src/export-columns';
import type { Finding } from '../../src/domain/finding';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    [' padded ', '" padded "'],
    ['', ''],
  ])('quotes %j as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes numbers, booleans and empty values as spreadsheets read them', () => {
    expect(csvField(42)).toBe('42');
    expect(csvField(0.125)).toBe('0.125');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(undefined)).toBe('');
    expect(csvField(null)).toBe('');
  });

  it('joins lists with "; " and quotes the result when it needs it', () => {
    expect(csvField(['MOB-1', 'MOB-2'])).toBe('MOB-1; MOB-2');
    expect(csvField(['a,b', 'c'])).toBe('"a,b; c"');
    expect(csvField([])).toBe('');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField(-2)).toBe('-2');
  });
});

describe('toCsv', () => {
  const columns: CsvColumn<{ key: string; summary: string; children: number }>[] = [
    { header: 'Key', value: (row) => row.key },
    { header: 'Summary, in full', value: (row) => row.summary },
    { header: 'Children', value: (row) => row.children },
  ];

  it('writes a header row and one CRLF-terminated line per row', () => {
    const csv = toCsv(
      [
        { key: 'MOB-1', summary: 'Checkout, "v2"', children: 3 },
        { key: 'MOB-2', summary: '<script>alert(1)</script>', children: 0 },
      ],
      columns,
    );
    expect(csv).toBe(
      'Key,"Summary, in full",Children\r\nMOB-1,"Checkout, ""v2""",3\r\nMOB-2,<script>alert(1)</script>,0\r\n',
    );
  });

  it('writes only the header for no rows', () => {
    expect(toCsv([], columns)).toBe('Key,"Summary, in full",Children\r\n');
  });

  it('exports a finding with its criteria names, issues and evidence', () => {
    const finding: Finding = {
      id: 'horizon/sprint-too-long|sprint:52',
      rule: 'horizon/sprint-too-long',
      severity: 'warning',
      subject: { type: 'sprint', id: '52', name: 'MOB Sprint 9' },
      issueKeys: [],
      projectKeys: ['MOB'],
      criteria: ['C5'],
      message: 'Sprint "MOB Sprint 9" runs 6 weeks, longer than 4.',
      evidence: [{ sprintId: 52, at: '2026-03-01T09:00:00.000Z', what: 'Planned from 2026-03-01 to 2026-04-12' }],
      suggestion: 'Split it.',
    };
    const [header, line] = toCsv([finding], findingColumns).split('\r\n');
    expect(header).toBe('Finding id,Kind,Rule,Severity,Subject,Message,Criteria,Issues,Projects,Evidence,Suggestion');
    expect(line).toBe(
      'horizon/sprint-too-long|sprint:52,horizon,horizon/sprint-too-long,warning,MOB Sprint 9,"Sprint ""MOB Sprint 9"" runs 6 weeks, longer than 4.",C5 Time horizon,,MOB,2026-03-01 Planned from 2026-03-01 to 2026-04-12,Split it.',
    );
  });
});

describe('toJson', () => {
  it('is pretty, newline-terminated and round-trips', () => {
    const value = { items: [{ key: 'MOB-1', summary: 'a "quoted" </script>' }], filters: { owner: 'x' } };
    const text = toJson(value);
    expect(text.endsWith('\n')).toBe(true);
    expect(text).toContain('\n  "items"');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('exportFileName', () => {
  const at = new Date('2026-03-01T23:30:00Z');
  it('names what, where and when, without characters file systems refuse', () => {
    expect(exportFileName(['roadmap-items', 'MOB', undefined, 'filtered'], at, 'csv')).toBe(
      'role-audit-roadmap-items-MOB-filtered-2026-03-01.csv',
    );
    expect(exportFileName(['board', 'a/b: c?'], at, 'json')).toBe('role-audit-board-a-b-c-2026-03-01.json');
  });
});

describe('flattenSettings', () => {
  it('lists each setting by its dotted path, lists joined', () => {
    expect(
      flattenSettings({
        version: 1,
        roleMapping: { projectRoles: { pm: ['Product Manager'], po: [] } },
        thresholds: { sprintMaxWeeks: 4, strategicHorizonMonths: { min: 6, max: 24 } },
        rules: {},
        suppressions: [{ findingId: 'x|y', reason: 'agreed' }],
      }),
    ).toEqual([
      { path: 'version', value: '1' },
      { path: 'roleMapping.projectRoles.pm', value: 'Product Manager' },
      { path: 'roleMapping.projectRoles.po', value: '' },
      { path: 'thresholds.sprintMaxWeeks', value: '4' },
      { path: 'thresholds.strategicHorizonMonths.min', value: '6' },
      { path: 'thresholds.strategicHorizonMonths.max', value: '24' },
      { path: 'suppressions.0.findingId', value: 'x|y' },
      { path: 'suppressions.0.reason', value: 'agreed' },
    ]);
  });
});
