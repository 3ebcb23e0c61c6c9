import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_USERS, generateDemoSite } from '../../src/dev/demo';
import { startEmulator, type RunningEmulator } from '../../src/dev/emulator';
import { saveSnapshotFile } from '../../src/jira/snapshot-file';
import { runCli as run } from './run-cli';

/**
 * `audit --site` reads as the person whose credentials it is given, so Jira's issue security decides what it audits:
 * the demo site's "Leadership only" epic is in a member's audit and in no trace in the audit of someone the level
 * does not list. A snapshot is what the recording saw (the app's view, with `fields.security` on the issue): its
 * audit holds the issue whoever runs it.
 */
jest.setTimeout(180_000);

const site = generateDemoSite();
const secured = site.issues.find((issue) => issue.fields['security'])!;
const summary = String(secured.fields['summary']);
const accountOf = (name: string) => DEMO_USERS.find((user) => user.displayName.startsWith(name))!.accountId;
const mentions = (text: string) => new RegExp(`\\b${secured.key}\\b`).test(text) || text.includes(summary);

describe('role-audit audit and issue security', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator(site);
  });
  afterAll(() => emulator.close());

  const audit = (as: string) => run('audit', '--site', emulator.url, '--email', as, '--token', 't', '--format', 'json');

  it('audits the secured issue for a member of its level', async () => {
    const member = await audit(accountOf('Claire'));
    expect(member.stderr).not.toMatch(/error/i);
    expect(mentions(member.stdout)).toBe(true);
  });

  it('leaves it out entirely for someone the level does not list, who browses its project', async () => {
    const restricted = await audit(accountOf('Marek'));
    expect(JSON.parse(restricted.stdout)).toMatchObject({ coverage: { issues: expect.any(Number) } });
    expect(restricted.stdout).toContain(`"${secured.key.split('-')[0]}-`);
    expect(mentions(restricted.stdout)).toBe(false);
  });

  it('audits a snapshot as it was recorded, secured issue included', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'rba-security-')), 'site.json');
    await saveSnapshotFile(file, site);
    const { stdout } = await run('audit', '--snapshot', file, '--format', 'json');
    expect(mentions(stdout)).toBe(true);
  });
});
