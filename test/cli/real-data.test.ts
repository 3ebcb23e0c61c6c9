/** @needs-shared real-jira/devlake */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REAL_JIRA } from '../real-jira/support';
import { runCli } from './run-cli';

const DEVLAKE = join(REAL_JIRA, 'devlake');

describe('role-audit import, classify --snapshot and eval --snapshot on devlake', () => {
  const dir = mkdtempSync(join(tmpdir(), 'role-audit-real-'));
  const snapshot = join(dir, 'devlake.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const imported = await runCli('import', '--from', 'devlake', DEVLAKE, '--out', snapshot);
    expect(imported.exitCode).toBe(0);
    expect(imported.stdout).toMatch(/^devlake: 33 issues, \d+ histories/m);
    expect(imported.stdout).toMatch(/^note: /m);
  });

  it('writes a site snapshot', () => {
    const written = JSON.parse(readFileSync(snapshot, 'utf8')) as { format: string; issues: unknown[] };
    expect(written.format).toBe('jira-site-snapshot/1');
    expect(written.issues).toHaveLength(33);
  });

  it('prints one JSON line per named action, with its id, role, confidence, criteria and reason', async () => {
    const cases = join(dir, 'cases.jsonl');
    writeFileSync(
      cases,
      [
        JSON.stringify({ id: 'a', actionId: 'EE-17:h11599' }),
        JSON.stringify({ id: 'b', actionId: 'EE-34:create' }),
      ].join('\n'),
    );
    const { stdout, stderr, exitCode } = await runCli('classify', '--snapshot', snapshot, cases);
    expect(exitCode).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => Object.keys(line))).toEqual([
      ['id', 'actionId', 'role', 'confidence', 'criteria', 'reason'],
      ['id', 'actionId', 'role', 'confidence', 'criteria', 'reason'],
    ]);
    expect(lines[0]).toMatchObject({ id: 'a', actionId: 'EE-17:h11599', role: 'tactical' });
    expect(lines[1]).toMatchObject({ id: 'b', actionId: 'EE-34:create', role: 'neutral' });
  });

  it('reports an unknown actionId on stderr with its line and exits with 1, still classifying the others', async () => {
    const cases = join(dir, 'unknown.jsonl');
    writeFileSync(
      cases,
      [
        JSON.stringify({ id: 'a', actionId: 'EE-17:h11599' }),
        '',
        JSON.stringify({ id: 'b', actionId: 'EE-17:h999999999' }),
      ].join('\n'),
    );
    const { stdout, stderr, exitCode } = await runCli('classify', '--snapshot', snapshot, cases);
    expect(exitCode).toBe(1);
    expect(stderr).toContain(`${cases}:3: unknown actionId "EE-17:h999999999"`);
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });

  it('scores labelled named actions with the decision figures and the confusion matrix', async () => {
    const cases = join(dir, 'labelled.jsonl');
    writeFileSync(
      cases,
      [
        JSON.stringify({ id: 'a', actionId: 'EE-17:h11599', label: 'tactical' }),
        JSON.stringify({ id: 'b', actionId: 'EE-34:create', label: 'neutral' }),
      ].join('\n'),
    );
    const { stdout, exitCode } = await runCli('eval', '--snapshot', snapshot, cases);
    expect(exitCode).toBe(0);
    expect(stdout).toContain('cases 2   accuracy 1.000 (2/2)');
    expect(stdout).toMatch(
      /decisions vs neutral: precision 1\.000 {2}recall 1\.000 {2}F1 1\.000 {3}false strategic per 100 actions 0\.0/,
    );
    expect(stdout).toContain('label \\ predicted');
  });

  it('rejects an unknown data set kind', async () => {
    await expect(runCli('import', '--from', 'bugzilla', DEVLAKE, '--out', join(dir, 'x.json'))).rejects.toThrow(
      /--from bugzilla is not one of devlake, jirametrics, issueshark, go-jira, appcelerator/,
    );
  });
});
