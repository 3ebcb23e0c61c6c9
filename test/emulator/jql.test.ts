import { compileJql } from '../../src/dev/emulator/jql/compile';
import { JqlError } from '../../src/dev/emulator/jql/lexer';
import { parseJql, type Clause } from '../../src/dev/emulator/jql/parser';
import { Site, type Viewer } from '../../src/dev/emulator/site';
import { CAPTURED_AT, fixtureSnapshot, PAULA, RITA } from '../fixtures/emulator/site';

const site = new Site(fixtureSnapshot());
const everyone = site.viewerOf(PAULA);
const rita = site.viewerOf(RITA);

function run(jql: string, viewer: Viewer = everyone): string[] {
  const compiled = compileJql(parseJql(jql), { site, viewer, now: Date.parse(CAPTURED_AT) });
  return site
    .visibleIssues(viewer, compiled.projectIds)
    .filter((issue) => compiled.matches(issue))
    .sort((a, b) => compiled.compare(a, b))
    .map((issue) => issue.key);
}

function failure(jql: string, viewer: Viewer = everyone): string {
  try {
    run(jql, viewer);
  } catch (error) {
    if (error instanceof JqlError) return error.message;
    throw error;
  }
  throw new Error(`${jql} was accepted`);
}

/** A clause as compact text, to compare parse trees at a glance. */
function outline(clause: Clause | undefined): string {
  if (!clause) return '∅';
  switch (clause.kind) {
    case 'and':
    case 'or':
      return `${clause.kind}(${clause.clauses.map(outline).join(', ')})`;
    case 'not':
      return `not(${outline(clause.clause)})`;
    case 'term': {
      const operand = clause.operand;
      const value =
        operand.kind === 'list'
          ? `[${operand.items.map((item) => (item.kind === 'value' ? item.text : `${item.name}()`)).join(',')}]`
          : operand.kind === 'function'
            ? `${operand.name}(${operand.args.join(',')})`
            : operand.kind === 'empty'
              ? 'EMPTY'
              : operand.text;
      return `${clause.field} ${clause.operator} ${value}`;
    }
  }
}

describe('parsing JQL', () => {
  it.each([
    ['project = MOB', 'project = MOB'],
    ['a = 1 OR b = 2 AND NOT c = 3', 'or(a = 1, and(b = 2, not(c = 3)))'],
    ['(a = 1 OR b = 2) AND c in (x, "y z", f())', 'and(or(a = 1, b = 2), c in [x,y z,f()])'],
    ['sprint not in closedSprints()', 'sprint not in closedSprints()'],
    ['parent is not EMPTY', 'parent is not EMPTY'],
    ["summary != 'it\\'s'", "summary != it's"],
    ['updated >= -7d', 'updated >= -7d'],
    ['updated>="2026-01-01 10:00"', 'updated >= 2026-01-01 10:00'],
    ['"Story point estimate" > 3', 'Story point estimate > 3'],
    ['cf[10020] = 12', 'cf[10020] = 12'],
    ['ORDER BY key', '∅'],
    ['', '∅'],
  ])('%s', (jql, expected) => {
    expect(outline(parseJql(jql).where)).toBe(expected);
  });

  it('reads ORDER BY with directions, ascending by default', () => {
    expect(
      parseJql('project = MOB order by rank, updated DESC, key asc').orderBy.map(
        (term) => `${term.field} ${term.direction}`,
      ),
    ).toEqual(['rank ASC', 'updated DESC', 'key ASC']);
  });

  it.each([
    ['project = ', 'Error in the JQL Query: Expecting either a value, list or function before the end of the query.'],
    ['project MOB', "Error in the JQL Query: Expecting operator but got 'MOB'."],
    ['project = MOB AND', 'Error in the JQL Query: Expecting a field name at the end of the query.'],
    [
      'project = MOB OR OR x = 1',
      "Error in the JQL Query: Expecting a field name but got 'OR'. (line 1, character 18)",
    ],
    ['project in (MOB, WEB', "Error in the JQL Query: Expecting ')' before the end of the query."],
    ['(project = MOB', "Error in the JQL Query: Expecting ')' before the end of the query."],
    [
      'summary = "open',
      "Error in the JQL Query: The quoted string 'open' has not been completed. (line 1, character 11)",
    ],
    [
      'project = OR',
      "Error in the JQL Query: Expecting either a value, list or function but got 'OR'. You must surround 'OR' in quotation marks to use it as a value.",
    ],
    ['project = MOB ORDER key', "Error in the JQL Query: Expecting 'by' but got 'key'."],
    [
      'project = MOB xyz',
      "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'xyz'. (line 1, character 15)",
    ],
    ['project = MOB & x', "Error in the JQL Query: The character '&' is a reserved JQL character."],
    ['parent is MOB-1', "Error in the JQL Query: Expecting 'EMPTY' but got 'MOB-1'."],
    ['sprint in f(a b)', "Error in the JQL Query: Expecting ',' or ')' but got 'b'."],
  ])('refuses %s', (jql, message) => {
    expect(() => parseJql(jql)).toThrow(JqlError);
    expect(failure(jql)).toContain(message);
  });
});

describe('evaluating JQL against the fixture site', () => {
  it.each<[string, string[] | number]>([
    ['project = MOB', 134],
    ['project in (MOB, WEB)', 136],
    ['project = "Web Shop"', ['WEB-2', 'WEB-1']],
    ['project = 10001', ['WEB-2', 'WEB-1']],
    ['Project = mob AND IssueType = epic', ['MOB-1']],
    ['issuetype in (Epic, Initiative)', ['WEB-1', 'MOB-1']],
    ['issuetype in subTaskIssueTypes()', ['MOB-3']],
    ['issuetype in standardIssueTypes() AND project = WEB', ['WEB-2', 'WEB-1']],
    ['type = Subtask', ['MOB-3']],
    ['project = MOB AND issuetype != Story', ['MOB-3', 'MOB-1']],
    ['sprint = 12', ['MOB-4', 'MOB-3', 'MOB-2']],
    ['sprint in (11, 31)', ['SEC-1', 'MOB-2']],
    ['sprint = "MOB Sprint 3"', 13],
    ['sprint in openSprints()', 17],
    ['sprint in closedSprints()', ['MOB-2']],
    ['sprint in futureSprints() AND key in (MOB-10, MOB-11)', ['MOB-10']],
    ['sprint is EMPTY AND project = WEB', ['WEB-2', 'WEB-1']],
    ['sprint not in (12) AND key in (MOB-2, MOB-10, MOB-5)', ['MOB-10']],
    ['parent = MOB-1', 27],
    ['parent in (MOB-2)', ['MOB-3']],
    ['parent is EMPTY AND project = WEB', ['WEB-2', 'WEB-1']],
    ['key in (MOB-1, web-2, 22001)', ['WEB-2', 'SEC-1', 'MOB-1']],
    ['issuekey = MOB-7 OR id = 20008', ['MOB-8', 'MOB-7']],
    ['updated >= "2026-02-28 09:00"', ['SEC-1', 'MOB-2']],
    ['updated > "2026/02/28 09:00"', ['MOB-2']],
    ['updated >= -7d AND project = MOB', 68],
    ['updated >= "-1w"', 70],
    ['created < "2025-10-01"', ['WEB-1']],
    ['created >= now()', []],
    ['(project = WEB OR key = MOB-1) AND NOT issuetype = Story', ['WEB-1', 'MOB-1']],
    ['project = MOB AND project = WEB', []],
    ['project = WEB OR project in (SEC) OR issuetype = Epic', ['WEB-2', 'WEB-1', 'SEC-1', 'MOB-1']],
    ['project in (MOB, WEB) AND NOT project = MOB', ['WEB-2', 'WEB-1']],
    ['statusCategory = Done', []],
    ['statusCategory != Done AND project = WEB', ['WEB-2', 'WEB-1']],
    ['statusCategory in ("In Progress", new) AND key = SEC-1', ['SEC-1']],
    ['key >= MOB-99 AND key < MOB-102', ['MOB-101', 'MOB-100', 'MOB-99']],
    ['key > WEB-1', ['WEB-2']],
  ])('%s', (jql, expected) => {
    const keys = run(jql);
    if (typeof expected === 'number') expect(keys).toHaveLength(expected);
    else expect(keys).toEqual(expected);
  });

  it.each([
    ['project = WEB ORDER BY key', ['WEB-1', 'WEB-2']],
    ['key in (MOB-10, MOB-9, MOB-100)', ['MOB-100', 'MOB-10', 'MOB-9']],
    ['sprint = 12 ORDER BY rank', ['MOB-2', 'MOB-3', 'MOB-4']],
    ['sprint = 12 ORDER BY rank DESC', ['MOB-4', 'MOB-3', 'MOB-2']],
    ['project = WEB ORDER BY updated DESC', ['WEB-1', 'WEB-2']],
    ['key in (MOB-1, WEB-1) ORDER BY created', ['WEB-1', 'MOB-1']],
    ['key in (MOB-5, MOB-6, MOB-7) ORDER BY id DESC', ['MOB-7', 'MOB-6', 'MOB-5']],
  ])('orders %s', (jql, expected) => {
    expect(run(jql)).toEqual(expected);
  });

  it.each([
    ['foo = bar', "Field 'foo' does not exist or you do not have permission to view it."],
    ['status = Done', "The Jira emulator does not support the field 'status' in JQL"],
    ['project ~ MOB', "The operator '~' is not supported by the 'project' field."],
    ['updated ~ -1d', "The operator '~' is not supported by the 'updated' field."],
    ['project = NOPE', "The value 'NOPE' does not exist for the field 'project'."],
    ['issuetype = Bug', "The value 'Bug' does not exist for the field 'issuetype'."],
    ['key = MOB-999', "An issue with key 'MOB-999' does not exist for field 'key'."],
    ['parent = MOB-999', "The value 'MOB-999' does not exist for the field 'parent'."],
    ['sprint = 99', "The value '99' does not exist for the field 'sprint'."],
    ['statusCategory = Finished', "The value 'Finished' does not exist for the field 'statusCategory'."],
    ['key >= 12', "Expecting an issue key for field 'key'."],
    ['project in MOB', "The operator 'IN' does not support the non-list value 'MOB' for field 'project'."],
    ['project = (MOB, WEB)', "The operator '=' does not support a list value for field 'project'."],
    ['sprint in mySprints()', "Unable to find JQL function 'mySprints()'."],
    [
      'updated >= startOfDay()',
      "The Jira emulator does not support the function 'startOfDay()' for the field 'updated'.",
    ],
    [
      'project in openSprints()',
      "The Jira emulator does not support the function 'openSprints()' for the field 'project'.",
    ],
    ['updated >= yesterday', "Date value 'yesterday' for field 'updated' is invalid."],
    ['updated >= "2026-02-30"', "Date value '2026-02-30' for field 'updated' is invalid."],
    ['project = MOB ORDER BY status', "The Jira emulator cannot sort by 'status'"],
    ['project = MOB ORDER BY nonsense', "Field 'nonsense' does not exist or you do not have permission to view it."],
    [
      'project = MOB ORDER BY key, id, rank, created, updated, key, id, rank',
      'The ORDER BY clause can contain a maximum of 7 fields.',
    ],
  ])('refuses %s', (jql, message) => {
    expect(failure(jql)).toContain(message);
  });

  it('does not let a restricted user name what they cannot see', () => {
    expect(failure('project = SEC', rita)).toBe("The value 'SEC' does not exist for the field 'project'.");
    expect(failure('key = SEC-1', rita)).toBe("An issue with key 'SEC-1' does not exist for field 'key'.");
    expect(failure('sprint = 31', rita)).toBe("The value '31' does not exist for the field 'sprint'.");
    expect(run('sprint in openSprints()', rita)).not.toContain('SEC-1');
  });
});
