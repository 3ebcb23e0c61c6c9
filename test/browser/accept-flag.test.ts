import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, BROWSER_TEST_TIMEOUT, flagsSection, seriousViolations, shown, THEMES, useBrowser } from './harness';

/**
 * Issue 14, item 3: a flag is accepted where it is. In the board panel of the demo, as the site admin, a flag is
 * accepted with a reason, with the keyboard only: it leaves the flags and is listed under "Accepted and snoozed"
 * with the reason; Restore brings it back. Someone who administers nothing is offered neither.
 */
jest.setTimeout(BROWSER_TEST_TIMEOUT * 2);

const browser = useBrowser();

const acceptedSection = (page: Page) => page.getByRole('region', { name: 'Accepted and snoozed' });
/** The order the severity counts are listed in, by how a flag names its severity. */
const SEVERITY_ORDER = ['Error', 'Warning', 'Info'];
/** "4 warnings" → "3 warnings", "2 errors" → "1 error", "1 for information" → "0 for information". */
function lessOne(text: string): string {
  const [, count, words] = text.match(/^(\d+) (.+)$/)!;
  const fewer = Number(count) - 1;
  const noun = words!.replace(/s$/, '');
  return words === 'for information' ? `${fewer} for information` : `${fewer} ${fewer === 1 ? noun : `${noun}s`}`;
}

describe.each(THEMES)('accepting a flag from the board panel (a 920 px dialog) in the %s theme', (theme) => {
  test('an admin accepts a flag with a reason: it leaves the flags, is listed as accepted, and Restore brings it back', async () => {
    const page = await browser().open('board', { theme, as: browser().accountOf('admin') });
    const flags = flagsSection(page);
    const flag = await shown(flags.getByRole('button', { expanded: false }).first());
    const name = (await flag.getAttribute('aria-label')) ?? (await flag.innerText());
    const sameFlag = flags.getByRole('button', { name, exact: true });
    const before = await flags.getByRole('button', { expanded: false }).count();
    const severityCounts = flags.getByRole('list', { name: 'Flags by severity' }).getByRole('listitem');
    const countsBefore = await severityCounts.allInnerTexts();
    const severity = (await flag.textContent())!.match(/^(Error|Warning|Info)/)![1]!;
    const reason = `Agreed in the sprint review (${theme})`;

    // Keyboard only: open the flag, choose Accept, type why, submit with Enter.
    await flag.focus();
    await page.keyboard.press('Enter');
    const accept = await shown(flags.getByRole('button', { name: 'Accept…' }));
    await accept.focus();
    await page.keyboard.press('Enter');
    const form = await shown(flags.getByRole('form', { name: 'Accept this flag' }));
    await page.keyboard.type(reason);
    expect(await form.getByRole('textbox', { name: 'Reason' }).inputValue()).toBe(reason);
    await form.screenshot({ path: path.join(ARTIFACTS, `accept-flag-form-${theme}.png`) });
    await page.keyboard.press('Enter');

    await sameFlag.waitFor({ state: 'detached' });
    const entry = await shown(acceptedSection(page).getByRole('listitem').filter({ hasText: reason }));
    await shown(entry.getByText('Accepted', { exact: false }).first());
    expect(await flags.getByRole('button', { expanded: false }).count()).toBe(before - 1);
    // The server's counts follow: one fewer of the accepted flag's severity, the others as they were.
    expect(await severityCounts.allInnerTexts()).toEqual(
      countsBefore.map((text, index) => (index === SEVERITY_ORDER.indexOf(severity) ? lessOne(text) : text)),
    );
    await acceptedSection(page).screenshot({ path: path.join(ARTIFACTS, `accept-flag-listed-${theme}.png`) });
    expect(await seriousViolations(page)).toEqual([]);

    const restore = entry.getByRole('button', { name: 'Restore' });
    await restore.focus();
    await page.keyboard.press('Enter');
    await shown(sameFlag);
    await shown(acceptedSection(page).getByText('No flag here is accepted or snoozed.'));
    expect(browser().errorsOf(page)).toEqual([]);
    await page.close();
  });
});

test('someone who administers nothing is offered no Accept or Snooze', async () => {
  const page = await browser().open('board');
  const flag = await shown(flagsSection(page).getByRole('button', { expanded: false }).first());
  await flag.click();
  await shown(flagsSection(page).getByText(/may accept or snooze this flag here/));
  expect(await page.getByRole('button', { name: 'Accept…' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Snooze…' }).count()).toBe(0);
  await page.close();
});

test.each(THEMES)(
  'the admin page keeps Save in reach at the top of the page and marks unsaved changes (%s)',
  async (theme) => {
    const page = await browser().open('admin', { theme });
    const form = await shown(page.getByRole('form', { name: 'Role Boundary Auditor settings' }));
    const save = form.getByRole('button', { name: 'Save settings' });
    expect(await page.getByText('Unsaved changes', { exact: true }).count()).toBe(0);
    const field = form.getByRole('spinbutton', { name: 'Longest sprint (weeks)' });
    await field.fill(String(Number(await field.inputValue()) + 1));
    await shown(page.getByText('Unsaved changes', { exact: true }));
    await page.evaluate('window.scrollTo(0, 0)');
    const height = page.viewportSize()!.height;
    expect(await page.evaluate<number>('document.documentElement.scrollHeight')).toBeGreaterThan(2 * height);
    const box = (await save.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(height);
    await page.screenshot({ path: path.join(ARTIFACTS, `admin-unsaved-${theme}.png`) });
    await form.getByRole('button', { name: 'Discard changes' }).click();
    expect(await page.getByText('Unsaved changes', { exact: true }).count()).toBe(0);
    await page.close();
  },
);
