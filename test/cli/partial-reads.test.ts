import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import { generateDemoSite } from '../../src/dev/demo';
import type { SiteSnapshot } from '../../src/jira/snapshot';
import { saveSnapshotFile } from '../../src/jira/snapshot-file';
import { runCli as run } from './run-cli';

/**
 * Reads that could not get everything never pass for a result: what was not read is recorded in the snapshot and
 * the report, the rules that need it say they did not check rather than finding nothing, every format says so
 * first, and the gate exits 2.
 */
jest.setTimeout(120_000);

const dir = mkdtempSync(path.join(tmpdir(), 'rba-partial-'));
const site = generateDemoSite();
const ADMIN = 'a6cbc398d50894b839be8d6e';
const ROLES_UNREAD = {
  scope: 'project' as const,
  ref: 'PAY',
  message: 'Could not read project roles: GET /rest/api/3/project/PAY/role answered 503',
  unread: 'project-roles' as const,
};

async function writeSnapshot(name: string, snapshot: SiteSnapshot): Promise<string> {
  const file = path.join(dir, name);
  await saveSnapshotFile(file, snapshot);
  return file;
}

/** The demo site as a snapshot whose PAY roles were not read: empty, as the reader leaves them, with or without the record. */
function withoutPayRoles(recorded: boolean): SiteSnapshot {
  return {
    ...site,
    projectRoles: { ...site.projectRoles, PAY: [] },
    ...(recorded ? { unread: [ROLES_UNREAD] } : {}),
  };
}

describe('an audit of a snapshot whose project roles were not read', () => {
  it('raises no "nobody is mapped" finding for that project, and says what it did not check', async () => {
    const unrecorded = await writeSnapshot('pay-unrecorded.json', withoutPayRoles(false));
    const recorded = await writeSnapshot('pay-recorded.json', withoutPayRoles(true));
    const missingRole = (stdout: string) =>
      (JSON.parse(stdout) as { findings: Array<{ rule: string; subject: { id: string } }> }).findings.filter(
        (finding) => finding.rule === 'owner/project-missing-role' && finding.subject.id === 'PAY',
      );

    // Without the record the empty roles look like a site with nobody mapped: the false errors of the issue.
    expect(missingRole((await run('audit', '--snapshot', unrecorded, '--format', 'json')).stdout)).toHaveLength(2);

    const { stdout } = await run('audit', '--snapshot', recorded, '--format', 'json');
    expect(missingRole(stdout)).toEqual([]);
    const report = JSON.parse(stdout) as {
      complete: boolean;
      coverage: { unread: Array<{ ref: string; message: string }> };
    };
    expect(report.complete).toBe(false);
    const notChecked = report.coverage.unread.filter((problem) => problem.message.includes('did not check'));
    expect(notChecked.map((problem) => problem.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^owner\/project-missing-role did not check whether PAY has a Product Manager: not read \(project PAY\)$/,
        ),
        expect.stringMatching(/^owner\/project-missing-role did not check whether PAY has a Product Owner/),
      ]),
    );
  });

  it.each(['table', 'markdown', 'csv', 'json'])(
    'says the read was incomplete in the first lines of %s',
    async (format) => {
      const recorded = await writeSnapshot(`pay-${format}.json`, withoutPayRoles(true));
      const { stdout } = await run('audit', '--snapshot', recorded, '--format', format);
      const head = stdout.split('\n').slice(0, 3).join('\n');
      if (format === 'json') expect(head).toMatch(/"complete": false/);
      else expect(head).toMatch(/INCOMPLETE READ: 1 part of the site could not be read \(project-roles\)/);
    },
  );

  it('exits 2 under --fail-on, whatever the findings', async () => {
    const recorded = await writeSnapshot('pay-gate.json', withoutPayRoles(true));
    expect((await run('audit', '--snapshot', recorded, '--fail-on', 'error')).exitCode).toBe(2);
    const complete = await writeSnapshot('complete.json', site);
    expect((await run('audit', '--snapshot', complete, '--fail-on', 'error')).exitCode).toBe(1);
  });
});

describe('an audit that audited nothing', () => {
  it('names the known projects for a --project typo, and the gate exits 2', async () => {
    const file = await writeSnapshot('typo.json', site);
    await expect(run('audit', '--snapshot', file, '--project', 'MOBB')).rejects.toThrow(
      /unknown project MOBB: the site has DATA, GRO, MOB, PAY, PLAT, PORT/,
    );
    const gated = await run('audit', '--snapshot', file, '--project', 'MOBB', '--fail-on', 'warning');
    expect(gated.exitCode).toBe(2);
    expect(gated.stdout).not.toMatch(/No findings/);
    expect(gated.stderr).toMatch(/nothing audited: unknown project MOBB/);
  });

  it('exits 2 when the site cannot be reached at all', async () => {
    const emulator = await startEmulator(site);
    const url = emulator.url;
    await emulator.close();
    const gated = await run('audit', '--site', url, '--email', ADMIN, '--token', 't', '--fail-on', 'warning');
    expect(gated.exitCode).toBe(2);
    expect(gated.stdout).toBe('');
  }, 30_000);

  it('does not print "No findings." for a site with no issues', async () => {
    const empty = await writeSnapshot('empty.json', { ...site, issues: [] });
    const { stdout, exitCode } = await run('audit', '--snapshot', empty, '--fail-on', 'warning');
    expect(stdout.split('\n')[0]).toMatch(/^NOTHING AUDITED/);
    expect(stdout).not.toMatch(/^No findings\.$/m);
    expect(exitCode).toBe(2);
  });
});

describe('role-audit snapshot on an incomplete read', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator(site);
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('records the gap, exits non-zero and leaves an existing --out as it was; a complete read replaces it', async () => {
    const out = path.join(dir, 'recorded.json');
    writeFileSync(out, 'the previous good snapshot');
    const refused = emulator.faults.add({
      path: /^\/rest\/api\/3\/project\/PAY\/role/,
      fault: { kind: 'refuse', status: 404, message: 'No project could be found with key PAY' },
    });
    const args = ['snapshot', '--site', emulator.url, '--email', ADMIN, '--token', 't', '--out', out];
    const partial = await run(...args);
    refused.remove();

    expect(partial.exitCode).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('the previous good snapshot');
    const beside = path.join(dir, 'recorded.incomplete.json');
    expect(partial.stderr).toContain(`the partial snapshot, its gaps recorded in "unread", is ${beside}`);
    const written = JSON.parse(readFileSync(beside, 'utf8')) as SiteSnapshot;
    expect(written.unread).toEqual([
      expect.objectContaining({ scope: 'project', ref: 'PAY', unread: 'project-roles' }),
    ]);

    // The partial file audits without false findings about what it could not read.
    const audit = await run('audit', '--snapshot', beside, '--format', 'json');
    const findings = (JSON.parse(audit.stdout) as { findings: Array<{ rule: string; subject: { id: string } }> })
      .findings;
    expect(
      findings.filter((finding) => finding.rule === 'owner/project-missing-role' && finding.subject.id === 'PAY'),
    ).toEqual([]);

    const complete = await run(...args);
    expect(complete.exitCode).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as SiteSnapshot).unread).toBeUndefined();
    expect(existsSync(path.join(dir, `recorded.json.partial-${process.pid}`))).toBe(false);
  }, 60_000);
});
