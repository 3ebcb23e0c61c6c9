import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { auditSite } from '../../src/audit';
import { runCli as run } from './run-cli';
import { migrateDocument } from '../../src/config/migrate';
import { demoConfig, generateDemoSite } from '../../src/dev/demo';
import { startEmulator } from '../../src/dev/emulator';
import { JiraClient } from '../../src/jira/client';
import { normaliseSite } from '../../src/jira/normalise';
import { readSite } from '../../src/jira/read-site';
import { saveSnapshotFile } from '../../src/jira/snapshot-file';
import { HttpTransport } from '../../src/jira/transport-http';

const dir = mkdtempSync(path.join(tmpdir(), 'rba-cli-'));
const snapshot = generateDemoSite();
const snapshotFile = path.join(dir, 'demo.json');
const configFile = path.join(dir, 'config.json');

beforeAll(async () => {
  await saveSnapshotFile(snapshotFile, snapshot);
  writeFileSync(configFile, JSON.stringify({ version: 1, combinedRoleProjects: ['GRO'] }));
});

describe('role-audit audit', () => {
  it('prints {generatedAt, coverage, people, findings, …} as JSON with the finding shape', async () => {
    const { stdout, exitCode } = await run(
      'audit',
      '--snapshot',
      snapshotFile,
      '--config',
      configFile,
      '--format',
      'json',
    );
    expect(exitCode).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(
      expect.arrayContaining(['generatedAt', 'coverage', 'people', 'findings', 'sprints', 'roadmapItems', 'projects']),
    );
    expect(report.generatedAt).toBe(snapshot.capturedAt);
    expect(report.findings.length).toBeGreaterThan(10);
    for (const finding of report.findings) {
      expect(Object.keys(finding)).toEqual(
        expect.arrayContaining([
          'rule',
          'severity',
          'subject',
          'issueKeys',
          'criteria',
          'message',
          'evidence',
          'suggestion',
        ]),
      );
      expect(['person', 'item', 'sprint', 'project']).toContain(finding.subject.type);
    }
  });

  it('sets the exit code from --fail-on, so it can gate a pipeline', async () => {
    expect(
      (await run('audit', '--snapshot', snapshotFile, '--config', configFile, '--format', 'csv', '--fail-on', 'error'))
        .exitCode,
    ).toBe(1);
    expect(
      (
        await run(
          'audit',
          '--snapshot',
          snapshotFile,
          '--config',
          configFile,
          '--format',
          'csv',
          '--project',
          'PORT',
          '--fail-on',
          'error',
        )
      ).exitCode,
    ).toBe(0);
  });

  it('writes CSV with a header and one row per finding, and Markdown with each finding', async () => {
    const csv = (await run('audit', '--snapshot', snapshotFile, '--format', 'csv', '--project', 'PLAT')).stdout;
    expect(csv.split('\n')[0]).toBe(
      'id,rule,severity,provisional,subjectType,subject,projects,issues,criteria,message,suggestion,evidence',
    );
    const markdown = (await run('audit', '--snapshot', snapshotFile, '--format', 'markdown', '--project', 'PLAT'))
      .stdout;
    expect(markdown).toContain('# Role boundary audit');
    expect(markdown).toContain('**Suggestion:**');
  });

  it('reads a configuration exported from the admin page (format 2) as it reads the same hand-written file', async () => {
    const exported = path.join(dir, 'exported.json');
    writeFileSync(exported, JSON.stringify(migrateDocument(JSON.parse(readFileSync(configFile, 'utf8'))).document));
    expect(JSON.parse(readFileSync(exported, 'utf8')).formatVersion).toBe(2);
    const fromExport = await run('audit', '--snapshot', snapshotFile, '--config', exported, '--format', 'json');
    const fromFile = await run('audit', '--snapshot', snapshotFile, '--config', configFile, '--format', 'json');
    expect(fromExport.stdout).toBe(fromFile.stdout);
  });

  it('says clearly what is wrong with a bad configuration, and audits nothing', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        version: 1,
        thresholds: { sprintMaxWeeks: -1 },
        rules: { 'overlap/po-strategic-action': { severity: 'loud' } },
      }),
    );
    await expect(run('audit', '--snapshot', snapshotFile, '--config', bad)).rejects.toThrow(
      /thresholds\.sprintMaxWeeks must be at least 1 week[\s\S]*severity must be one of: info, warning, error, off/,
    );
  });

  it('judges only the window given by --since', async () => {
    const all = JSON.parse((await run('audit', '--snapshot', snapshotFile, '--format', 'json')).stdout);
    const recent = JSON.parse(
      (await run('audit', '--snapshot', snapshotFile, '--format', 'json', '--since', '2026-11-01')).stdout,
    );
    expect(recent.coverage.actionsInWindow).toBeLessThan(all.coverage.actionsInWindow);
    expect(recent.window.since).toBe('2026-11-01T00:00:00.000Z');
  });
});

describe('the same audit through the emulator and from the snapshot', () => {
  it('gives identical JSON', async () => {
    const emulator = await startEmulator(snapshot);
    try {
      const adminId = Object.entries(snapshot.permissions ?? {}).find(([, grant]) => grant.admin)![0];
      const client = new JiraClient(new HttpTransport({ baseUrl: emulator.url, email: adminId, apiToken: 'any' }));
      const read = await readSite(client, {
        baseUrl: emulator.url,
        groups: snapshot.groups.map((group) => group.name),
      });
      const now = new Date(snapshot.capturedAt!);
      const overEmulator = auditSite(normaliseSite(read.snapshot, read.problems), demoConfig(), { now });
      const fromSnapshot = auditSite(normaliseSite(snapshot), demoConfig(), { now });
      expect(JSON.stringify(overEmulator)).toBe(JSON.stringify(fromSnapshot));
    } finally {
      await emulator.close();
    }
  });
});

describe('evidence without an issue', () => {
  it('names the sprint in CSV and Markdown rather than printing undefined', async () => {
    const markdown = (await run('audit', '--snapshot', snapshotFile, '--format', 'markdown', '--project', 'PLAT'))
      .stdout;
    const csv = (await run('audit', '--snapshot', snapshotFile, '--format', 'csv', '--project', 'PLAT')).stdout;
    expect(markdown).not.toContain('undefined');
    expect(csv).not.toContain('undefined');
    expect(markdown).toMatch(/- \d{4}-\d{2}-\d{2} sprint \d+: /);
  });
});
