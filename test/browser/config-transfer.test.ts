import { readFile } from 'node:fs/promises';
import type { FileChooser, Page } from 'playwright-core';
import type { ConfigurationDocument } from '../../src/resolvers/api';
import path from 'node:path';
import { ARTIFACTS, BROWSER_TEST_TIMEOUT, seriousViolations, shown, THEMES, useBrowser } from './harness';

/**
 * Export and import of the whole configuration on the admin page of the preview. The tests change the preview's
 * stored settings in order (export, import an edit, refuse a broken file, refuse then replace a stale export), so
 * they have a preview of their own.
 */
jest.setTimeout(BROWSER_TEST_TIMEOUT);

const browser = useBrowser();

interface Answer {
  ok: boolean;
  data?: { version: number; site: { thresholds: { sprintMaxWeeks: number } } };
  error?: { code: string; message: string };
}

const transfer = (page: Page) => page.getByRole('region', { name: 'Export and import the whole configuration' });
const longestSprint = (page: Page) =>
  page
    .getByRole('form', { name: 'Role Boundary Auditor settings' })
    .getByRole('spinbutton', { name: 'Longest sprint (weeks)' });

async function exportFromPage(page: Page): Promise<ConfigurationDocument> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    transfer(page).getByRole('button', { name: 'Export the whole configuration' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^role-audit-configuration-\d{4}-\d{2}-\d{2}\.json$/);
  return JSON.parse(await readFile(await download.path(), 'utf8')) as ConfigurationDocument;
}

const dropZone = (page: Page) => transfer(page).getByRole('group', { name: 'Configuration file to import' });

/**
 * The file dialogs the page opens, one after another. Listened for from the start: turning interception on only as
 * the key is pressed can miss the dialog.
 */
function fileDialogs(page: Page): () => Promise<FileChooser> {
  const opened: FileChooser[] = [];
  const waiting: Array<(chooser: FileChooser) => void> = [];
  page.on('filechooser', (chooser) => {
    const next = waiting.shift();
    if (next) next(chooser);
    else opened.push(chooser);
  });
  return () => {
    const ready = opened.shift();
    return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
  };
}

/**
 * Imports `document` as configuration.json: chosen with the drop zone's Button from the keyboard (Enter opens the
 * file dialog, `nextDialog` hands it over), or dropped on the zone.
 */
async function importFile(
  page: Page,
  document: unknown,
  how: { nextDialog: () => Promise<FileChooser> } | 'drop',
): Promise<void> {
  const json = JSON.stringify(document, null, 2);
  if (how !== 'drop') {
    const button = dropZone(page).getByRole('button', { name: 'Choose a file' });
    await button.focus();
    await page.keyboard.press('Enter');
    const chooser = await how.nextDialog();
    await chooser.setFiles({ name: 'configuration.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  } else {
    // What the browser hands a drop of a file from the desktop.
    const dataTransfer = await page.evaluateHandle(`(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([${JSON.stringify(json)}], 'configuration.json', { type: 'application/json' }));
      return transfer;
    })()`);
    await dropZone(page).dispatchEvent('dragenter', { dataTransfer });
    await dropZone(page).dispatchEvent('drop', { dataTransfer });
  }
  await shown(dropZone(page).getByText('Chosen: configuration.json', { exact: false }));
  await shown(transfer(page).getByRole('textbox', { name: 'Contents of configuration.json (you may edit them)' }));
  await transfer(page).getByRole('button', { name: 'Import the configuration' }).click();
}

async function siteSettings(): Promise<NonNullable<Answer['data']>> {
  const answer = (await browser().invoke('getSettings', {}, browser().accountOf('admin'))) as Answer;
  if (!answer.data) throw new Error(answer.error?.message);
  return answer.data;
}

test('someone who is not a Jira admin sees no export or import, and the server refuses both', async () => {
  const po = browser().accountOf('board');
  const page = await browser().open('admin', { as: po });
  await shown(page.getByRole('heading', { name: 'You can see these settings but not change them' }));
  expect(await page.getByRole('button', { name: 'Export the whole configuration' }).count()).toBe(0);
  expect(await browser().invoke('exportSettings', {}, po)).toEqual({
    ok: false,
    error: { code: 'FORBIDDEN', message: 'Only Jira admins may export the configuration.' },
  });
  const before = await siteSettings();
  expect(await browser().invoke('importSettings', { json: '{"version": 1}', overwrite: true }, po)).toEqual({
    ok: false,
    error: { code: 'FORBIDDEN', message: 'Only Jira admins may import a configuration.' },
  });
  expect((await siteSettings()).version).toBe(before.version);
  await page.close();
});

test('an admin exports the configuration, imports an edited copy, is shown every problem of a broken one, and is asked before a stale one replaces newer settings', async () => {
  const page = await browser().open('admin');
  const nextDialog = fileDialogs(page);
  await shown(transfer(page));
  expect(await longestSprint(page).inputValue()).toBe('4');

  const exported = await exportFromPage(page);
  expect(exported).toMatchObject({
    formatVersion: 2,
    site: { combinedRoleProjects: ['GRO'], thresholds: { sprintMaxWeeks: 4 } },
    versions: { site: expect.any(Number) },
  });

  await importFile(
    page,
    { ...exported, site: { ...exported.site, thresholds: { ...exported.site.thresholds, sprintMaxWeeks: 6 } } },
    { nextDialog },
  );
  await shown(page.getByRole('heading', { name: 'Configuration imported' }));
  await shown(page.getByText('Changed the site settings. The next audit uses them.', { exact: true }));
  await shown(page.getByRole('status').filter({ hasText: 'Configuration imported. Changed the site settings.' }));
  expect(await longestSprint(page).inputValue()).toBe('6');
  const afterEdit = await siteSettings();
  expect(afterEdit).toMatchObject({
    version: exported.versions!.site + 1,
    site: { thresholds: { sprintMaxWeeks: 6 } },
  });

  const paste = transfer(page).getByRole('textbox', { name: 'Or paste the JSON' });
  await paste.fill(
    JSON.stringify({
      ...exported,
      site: { ...exported.site, rules: { 'overlap/dual-role': { severity: 'loud' } } },
      projects: { PAY: { thresholds: { x: 1 } } },
    }),
  );
  await transfer(page).getByRole('button', { name: 'Import the configuration' }).click();
  await shown(page.getByRole('heading', { name: '2 problems in the file; nothing was imported' }));
  const problems = page.getByRole('list', { name: 'Problems in the imported file' }).getByRole('listitem');
  expect(await problems.allInnerTexts()).toEqual([
    'site.rules.overlap/dual-role.severity must be one of: info, warning, error, off',
    'projects.PAY.thresholds has an unknown setting "x"',
  ]);
  await paste.fill('{"formatVersion": 2, "site": {');
  await transfer(page).getByRole('button', { name: 'Import the configuration' }).click();
  await shown(page.getByRole('heading', { name: '1 problem in the file; nothing was imported' }));
  expect(await problems.allInnerTexts()).toEqual([
    expect.stringMatching(/^the document is not valid JSON: .+ at line 1, column 31$/),
  ]);
  expect(await siteSettings()).toEqual(afterEdit);

  await importFile(page, exported, 'drop');
  await shown(page.getByRole('heading', { name: 'The configuration changed after this export' }));
  expect(
    await page.getByRole('list', { name: 'Changed since the export' }).getByRole('listitem').allInnerTexts(),
  ).toEqual([
    `Site settings: exported at version ${exported.versions!.site}, saved since (now version ${afterEdit.version}).`,
  ]);
  expect(await siteSettings()).toEqual(afterEdit);
  await page.getByRole('button', { name: 'Replace the current configuration with this file' }).click();
  // The first import's "Configuration imported" is still on the page: wait for the form to take the new settings.
  // (The form is drawn anew on import, so the field is looked up on every try.)
  await page.waitForFunction(
    `[...document.querySelectorAll('input')].some((input) => input.labels?.[0]?.textContent?.includes('Longest sprint (weeks)') && input.value === '4')`,
  );
  await shown(page.getByRole('heading', { name: 'Configuration imported' }));
  expect(await longestSprint(page).inputValue()).toBe('4');
  expect(await siteSettings()).toMatchObject({
    version: afterEdit.version + 1,
    site: { thresholds: { sprintMaxWeeks: 4 } },
  });
  expect(browser().errorsOf(page)).toEqual([]);
  await page.close();
});

test.each(THEMES)(
  'the file picker is a drop zone with a Button, its file input out of the tab order and hidden (%s theme)',
  async (theme) => {
    const page = await browser().open('admin', { theme });
    const zone = await shown(dropZone(page));
    const input = zone.locator('input[type="file"]');
    expect(await input.getAttribute('tabindex')).toBe('-1');
    expect(await input.getAttribute('aria-hidden')).toBe('true');
    expect(await page.getByRole('button', { name: 'Choose a file' }).count()).toBe(1);
    // Tabbing from the export button reaches the Button, not the input.
    await transfer(page).getByRole('button', { name: 'Export the whole configuration' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Choose a file');
    expect(await seriousViolations(page)).toEqual([]);
    await zone.scrollIntoViewIfNeeded();
    await transfer(page).screenshot({ path: path.join(ARTIFACTS, `config-transfer-${theme}.png`) });
    expect(browser().errorsOf(page)).toEqual([]);
    await page.close();
  },
);
