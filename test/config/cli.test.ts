import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli as run } from '../cli/run-cli';

const dir = mkdtempSync(path.join(tmpdir(), 'rba-config-'));
const FIXTURES = path.join(__dirname, 'fixtures');

function file(name: string, content: unknown): string {
  const where = path.join(dir, name);
  writeFileSync(where, typeof content === 'string' ? content : JSON.stringify(content));
  return where;
}

describe('role-audit config validate', () => {
  it('accepts a format-1 file, saying what it reads as and that importing it replaces everything', async () => {
    const readme = path.join(FIXTURES, 'format-1/readme-example.json');
    const { stdout, stderr, exitCode } = await run('config', 'validate', readme);
    expect({ stderr, exitCode }).toEqual({ stderr: '', exitCode: 0 });
    expect(stdout).toBe(
      [
        `${readme}: valid, format 1 (reads as format 2: format 1 → 2: site settings under "site", project overrides under "projects")`,
        '  site settings, and overrides for project MOB',
        '  carries no versions: importing it replaces the whole configuration',
        '',
      ].join('\n'),
    );
  });

  it('lists every problem with its path and the allowed values, and exits 1', async () => {
    const bad = file('bad.json', {
      formatVersion: 2,
      versions: { site: 3, projects: {} },
      site: { rules: { 'overlap/dual-role': { severity: 'loud' } }, thresholds: { sprintMaxWeeks: 0 } },
      projects: { PAY: { thresholds: { x: 1 } } },
    });
    const { stdout, stderr, exitCode } = await run('config', 'validate', bad);
    expect(exitCode).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      [
        `${bad}: 3 problems; nothing in it is used until all are fixed:`,
        '  site.thresholds.sprintMaxWeeks must be at least 1 week',
        '  site.rules.overlap/dual-role.severity must be one of: info, warning, error, off',
        '  projects.PAY.thresholds has an unknown setting "x"',
        '',
      ].join('\n'),
    );
  });

  it('says where a file stops being JSON, and that a newer format is not read', async () => {
    const broken = file('broken.json', '{"version": 1,\n "ownerField": "assignee"\n "rules": {}}');
    expect(await run('config', 'validate', broken)).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('the document is not valid JSON: '),
    });
    expect((await run('config', 'validate', broken)).stderr).toContain('at line 3, column 2');
    const newer = file('newer.json', { formatVersion: 3, site: {}, projects: {} });
    expect(await run('config', 'validate', newer)).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining('formatVersion is 3: it was written by a newer version of the app'),
    });
  });
});

describe('role-audit config migrate', () => {
  it('writes a format-1 file in format 2, which validates and migrates to itself', async () => {
    const out = path.join(dir, 'migrated.json');
    const { stderr, exitCode } = await run(
      'config',
      'migrate',
      path.join(FIXTURES, 'format-1/readme-example.json'),
      '--out',
      out,
    );
    expect({ stderr, exitCode }).toEqual({ stderr: `wrote ${out} (format 1 → 2)\n`, exitCode: 0 });
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(
      JSON.parse(readFileSync(path.join(FIXTURES, 'format-2/readme-example.json'), 'utf8')),
    );
    expect((await run('config', 'validate', out)).stdout).toContain(`${out}: valid, format 2\n`);
    expect(JSON.parse((await run('config', 'migrate', out)).stdout)).toEqual(JSON.parse(readFileSync(out, 'utf8')));
  });

  it('writes nothing for an invalid file', async () => {
    const out = path.join(dir, 'never.json');
    const { exitCode, stderr } = await run(
      'config',
      'migrate',
      file('invalid.json', { version: 1, ownerField: 'boss' }),
      '--out',
      out,
    );
    expect(exitCode).toBe(1);
    expect(stderr).toContain(
      'site.ownerField must be assignee, reporter, creator or a custom field id like customfield_10042',
    );
    expect(() => readFileSync(out)).toThrow();
  });
});
