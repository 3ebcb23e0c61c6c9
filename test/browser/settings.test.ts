import type { Page } from 'playwright-core';
import { BROWSER_TEST_TIMEOUT, flagButton, flagsSection, shown, useBrowser } from './harness';

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

    await saveAsAdmin((admin) =>
      admin
        .getByRole('combobox', { name: 'Severity of Sprint work not linked to the roadmap' })
        .selectOption({ label: 'Off' })
        .then(() => undefined),
    );

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
