import { describeChange, describeImport, importConflictOf } from '../../static/app/src/config-transfer';

describe("the admin page's words for an import", () => {
  it.each([
    [{ path: 'site', exported: 3, current: 4 }, 'Site settings: exported at version 3, saved since (now version 4).'],
    [{ path: 'projects.PAY', exported: 0, current: 1 }, 'Project PAY: created after the export (now version 1).'],
    [{ path: 'projects.MOB', exported: 2, current: 0 }, 'Project MOB: exported at version 2, removed since.'],
  ])('describes the change %j', (change, sentence) => {
    expect(describeChange(change)).toBe(sentence);
  });

  it('says what an import changed, and when it came from an older format', () => {
    expect(describeImport({ from: 2, migrations: [], written: [], versions: { site: 1, projects: {} } })).toBe(
      'Nothing differed from the stored configuration, so nothing changed.',
    );
    expect(
      describeImport({
        from: 1,
        migrations: ['format 1 → 2'],
        written: ['site', 'projects.PAY'],
        versions: { site: 2, projects: { PAY: 1 } },
      }),
    ).toBe(
      'Changed the site settings, project PAY. The next audit uses them. The file was in the older format 1 and was brought up to date first.',
    );
  });

  it('reads the details of a CONFLICT only when they have the shape the server sends', () => {
    expect(
      importConflictOf({ changes: [{ path: 'site', exported: 1, current: 2 }, { path: 3 }], unversioned: false }),
    ).toEqual({ changes: [{ path: 'site', exported: 1, current: 2 }], unversioned: false });
    expect(importConflictOf({ version: 4 })).toBeUndefined();
    expect(importConflictOf(undefined)).toBeUndefined();
  });
});
