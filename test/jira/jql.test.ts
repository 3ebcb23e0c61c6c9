import { jqlDateTime, jqlString } from '../../src/jira/jql';

describe('JQL literals', () => {
  it('quotes a value, escaping the quotes and backslashes it holds', () => {
    expect(jqlString('MOB')).toBe('"MOB"');
    expect(jqlString('say "hi"')).toBe('"say \\"hi\\""');
    expect(jqlString('a\\b')).toBe('"a\\\\b"');
  });

  it('writes a date-time in UTC to the minute', () => {
    expect(jqlDateTime(new Date('2026-03-04T05:06:59.999Z'))).toBe('"2026-03-04 05:06"');
  });
});
