import type { Page } from 'playwright-core';
import path from 'node:path';
import {
  ARTIFACTS,
  BROWSER_TEST_TIMEOUT,
  chooseOption,
  flagButton,
  flagsSection,
  PAGE,
  selectedText,
  seriousViolations,
  shown,
  THEMES,
  useBrowser,
} from './harness';

/**
 * Saving settings changes what the audit views show, and only admins may save. These tests change the preview's
 * stored settings, so they have a preview of their own.
 */
jest.setTimeout(BROWSER_TEST_TIMEOUT);

const browser = useBrowser();

interface SettingsAnswer {
  ok: boolean;
  data?: { version: number; site: unknown; canEdit: boolean };
  error?: { code: string; message: string };
}

const PAY_210_FLAG = { subject: 'PAY-210', rule: 'trace/sprint-item-without-roadmap-link' };
const SPRINT_TOO_LONG_FLAG = { subject: 'Platform Iteration 6', rule: 'horizon/sprint-too-long' };
const flagCount = (page: Page) => flagsSection(page).getByRole('button', { expanded: false }).count();

async function saveAsAdmin(change: (page: Page) => Promise<void>): Promise<void> {
  const admin = await browser().open('admin');
  const form = await shown(admin.getByRole('form', { name: 'Role Boundary Auditor settings' }));
  await change(admin);
  await form.getByRole('button', { name: 'Save settings' }).click();
  await shown(admin.getByRole('heading', { name: 'Settings saved' }));
  expect(browser().errorsOf(admin)).toEqual([]);
  await admin.close();
}

describe('a user who is not a Jira admin', () => {
  test('sees the admin page read-only, with the reason', async () => {
    const po = browser().accountOf('board');
    expect(po).not.toBe(browser().accountOf('admin'));
    const page = await browser().open('admin', { as: po });
    await shown(page.getByRole('heading', { name: 'You can see these settings but not change them' }));
    await shown(page.getByText('Only Jira admins may change the site settings.'));
    const form = page.getByRole('form', { name: 'Role Boundary Auditor settings' });
    expect(await form.getByRole('spinbutton', { name: 'Longest sprint (weeks)' }).isDisabled()).toBe(true);
    expect(
      await form.getByRole('combobox', { name: 'Severity of Sprint work not linked to the roadmap' }).isDisabled(),
    ).toBe(true);
    expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    await page.close();
  });

  test('is refused by the server when saving anyway, while the same save by the admin goes through', async () => {
    const po = browser().accountOf('board');
    const admin = browser().accountOf('admin');
    const read = (await browser().invoke('getSettings', {}, po)) as SettingsAnswer;
    expect(read.ok).toBe(true);
    const save = { settings: read.data!.site, version: read.data!.version };

    const refused = (await browser().invoke('saveSettings', save, po)) as SettingsAnswer;
    expect(refused).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'Only Jira admins may change the site settings.' },
    });
    const after = (await browser().invoke('getSettings', {}, po)) as SettingsAnswer;
    expect(after.data!.version).toBe(read.data!.version);
    expect(after.data!.canEdit).toBe(false);

    const accepted = (await browser().invoke('saveSettings', save, admin)) as SettingsAnswer;
    expect(accepted.ok).toBe(true);
    expect(accepted.data!.version).toBeGreaterThan(read.data!.version);
  });
});

describe('an admin saving settings', () => {
  test('turns a rule off and the board panel drops its flag', async () => {
    const before = await browser().open('board');
    await shown(flagButton(flagsSection(before), PAY_210_FLAG));
    const flagsBefore = await flagCount(before);
    await before.close();

    await saveAsAdmin(async (admin) => {
      const severity = await chooseOption(admin, 'Severity of Sprint work not linked to the roadmap', 'Off');
      expect(await selectedText(admin, 'Severity of Sprint work not linked to the roadmap')).toBe('Off');
      expect(await severity.isVisible()).toBe(true);
    });

    const after = await browser().open('board');
    await shown(flagButton(flagsSection(after), { subject: 'PAY-184', rule: 'horizon/backlog-item-too-far' }));
    expect(await flagButton(after, PAY_210_FLAG).count()).toBe(0);
    expect(await flagCount(after)).toBe(flagsBefore - 1);
    await after.close();
  });

  test('raises the longest sprint and the roadmap page drops the six-week sprint', async () => {
    const before = await browser().open('global');
    await shown(flagButton(flagsSection(before), SPRINT_TOO_LONG_FLAG));
    await before.close();

    await saveAsAdmin((admin) => admin.getByRole('spinbutton', { name: 'Longest sprint (weeks)' }).fill('6'));

    const after = await browser().open('global');
    await shown(flagButton(flagsSection(after), { subject: 'PLAT-125', rule: 'horizon/roadmap-item-too-short' }));
    expect(await flagButton(after, SPRINT_TOO_LONG_FLAG).count()).toBe(0);
    await after.close();
  });
});

describe.each(THEMES)('the design-system controls of the admin page at 1440 px, %s theme', (theme) => {
  test('Selects and the role lists work with the keyboard, mark unsaved changes, and keep axe clean', async () => {
    const page = await browser().open('admin', { theme, viewport: PAGE });
    const form = await shown(page.getByRole('form', { name: 'Role Boundary Auditor settings' }));
    expect(await page.locator('select, input[list], datalist').count()).toBe(0);

    // A rule's severity, with the keyboard only: focus, open with the arrow, End to the last choice, Enter.
    const severity = form.getByRole('combobox', { name: 'Severity of Sprint longer than the limit', exact: true });
    await severity.focus();
    await page.keyboard.press('ArrowDown');
    await shown(page.getByRole('option', { name: 'Error', exact: true }));
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    expect(await selectedText(form, 'Severity of Sprint longer than the limit')).toBe('Error');
    await shown(page.getByText('Unsaved changes', { exact: true }));

    // The owner field: a plain choice among the fields Jira has.
    const owner = await chooseOption(form, 'Owner field', /^Reporter/);
    expect(await owner.isVisible()).toBe(true);
    expect(await selectedText(form, 'Owner field')).toMatch(/^Reporter/);

    // A role list takes a name typed and Enter, and one picked from its suggestions.
    const groups = form.getByRole('combobox', { name: 'Product managers: groups', exact: true });
    await groups.focus();
    await page.keyboard.type('portfolio-leads');
    await page.keyboard.press('Enter');
    await shown(form.getByRole('list', { name: 'Product managers: groups' }).getByText('portfolio-leads'));
    expect(await groups.inputValue()).toBe('');

    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, `settings-controls-${theme}.png`) });
    await form.getByRole('button', { name: 'Discard changes' }).click();
    expect(await page.getByText('Unsaved changes', { exact: true }).count()).toBe(0);
    expect(browser().errorsOf(page)).toEqual([]);
    await page.close();
  });
});
