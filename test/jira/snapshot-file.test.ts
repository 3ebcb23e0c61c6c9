import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkSnapshot, loadSnapshotFile, saveSnapshotFile, SnapshotFormatError } from '../../src/jira/snapshot-file';
import { SNAPSHOT_FORMAT, type SiteSnapshot } from '../../src/jira/snapshot';

const minimal: SiteSnapshot = {
  format: SNAPSHOT_FORMAT,
  baseUrl: 'https://example.atlassian.net',
  fields: [],
  users: [],
  groups: [],
  projects: [],
  projectRoles: {},
  boards: [],
  sprints: {},
  issues: [],
};

describe('checkSnapshot', () => {
  it('accepts a minimal snapshot', () => {
    expect(checkSnapshot(minimal)).toBe(minimal);
  });

  it('accepts issue security levels naming their members', () => {
    const secured = { ...minimal, issueSecurity: { '10100': { name: 'Leadership only', members: ['557058:a'] } } };
    expect(checkSnapshot(secured)).toBe(secured);
  });

  it.each([
    [{ ...minimal, format: 'jira-site-snapshot/2' }, '"format" must be "jira-site-snapshot/1"'],
    [{ ...minimal, issues: {} }, '"issues" must be an array'],
    [{ ...minimal, sprints: [] }, '"sprints" must be an object keyed by board id'],
    [{ ...minimal, capturedAt: 'tomorrow' }, '"capturedAt" must be an ISO date-time'],
    [{ ...minimal, issues: [{ id: '1' }] }, '"issues[0]" has no "key"'],
    [[], 'one JSON object'],
    [{ ...minimal, issueSecurity: [] }, '"issueSecurity" must be an object keyed by security level id'],
    [{ ...minimal, issueSecurity: { '10100': { name: 'Board' } } }, '"issueSecurity.10100" must be an object'],
    [
      { ...minimal, issueSecurity: { '10100': { name: 'Board', members: [42] } } },
      '"issueSecurity.10100" must be an object with a "name" and "members"',
    ],
  ])('names what is wrong: %#', (value, message) => {
    expect(() => checkSnapshot(value)).toThrow(SnapshotFormatError);
    expect(() => checkSnapshot(value)).toThrow(message);
  });
});

describe('snapshot files', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rba-snapshot-'));

  it('round-trips and leaves no partial file behind', async () => {
    const file = path.join(dir, 'site.json');
    await saveSnapshotFile(file, minimal);
    expect(await loadSnapshotFile(file)).toEqual(minimal);
    expect(readdirSync(dir)).toEqual(['site.json']);
  });

  it('says clearly when the file is missing or not JSON', async () => {
    await expect(loadSnapshotFile(path.join(dir, 'nope.json'))).rejects.toThrow('no such file');
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"format": ');
    await expect(loadSnapshotFile(broken)).rejects.toThrow(/not valid JSON/);
  });
});
