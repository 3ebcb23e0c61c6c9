import type { Page } from 'playwright-core';
import { generateDemoSite } from '../../src/dev/demo';
import type { SiteSnapshot } from '../../src/jira/snapshot';
import { BROWSER_TEST_TIMEOUT, flagButton, flagsSection, shown, useBrowser, type ViewName } from './harness';

/** Text from Jira is data: markup in a summary or a display name must show as the characters typed. */
jest.setTimeout(BROWSER_TEST_TIMEOUT);

const HOSTILE_SUMMARY = '<img src=x onerror="window.__xss=1">Hostile <b>summary</b>';
const HOSTILE_NAME = '<script>window.__xss=2</script>Henrik';

/**
 * Gives the account a new display name everywhere the site embeds it: users, assignees, changelog and comment
 * authors, and project role actors (which name the account one level down, in actorUser).
 */
function renameAccount(snapshot: SiteSnapshot, accountId: string, displayName: string): number {
  let renamed = 0;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    const actor = record.actorUser as { accountId?: unknown } | undefined;
    if ((record.accountId === accountId || actor?.accountId === accountId) && 'displayName' in record) {
      record.displayName = displayName;
      renamed += 1;
    }
    Object.values(record).forEach(visit);
  };
  visit(snapshot);
  return renamed;
}

function hostileSite(): SiteSnapshot {
  const snapshot = generateDemoSite();
  const issue = snapshot.issues.find((candidate) => candidate.key === 'PAY-184');
  if (!issue) throw new Error('The demo site lost PAY-184');
  issue.fields.summary = HOSTILE_SUMMARY;
  const henrik = snapshot.users.find((user) => user.displayName === 'Henrik Lindqvist');
  if (!henrik) throw new Error('The demo site lost Henrik Lindqvist');
  // Far more than the users list: he is an assignee, an author of histories and comments.
  const renamed = renameAccount(snapshot, henrik.accountId, HOSTILE_NAME);
  if (renamed < 10) throw new Error(`Henrik Lindqvist was renamed in only ${renamed} places`);
  return snapshot;
}

const browser = useBrowser(hostileSite());

async function expectNothingRan(page: Page): Promise<void> {
  expect(await page.evaluate('typeof window.__xss')).toBe('undefined');
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('script').filter({ hasText: '__xss' }).count()).toBe(0);
  expect(
    await page
      .locator('main b')
      .filter({ hasText: /^summary$/ })
      .count(),
  ).toBe(0);
}

describe.each<ViewName>(['board', 'global'])('hostile text on the %s view', (view) => {
  test('shows as text and runs nothing', async () => {
    const page = await browser().open(view);
    const flags = await shown(flagsSection(page));
    const tooFar = await shown(
      flagButton(flags, { subject: `PAY-184 ${HOSTILE_SUMMARY}`, rule: 'horizon/backlog-item-too-far' }),
    );
    await shown(flagButton(flags, { subject: HOSTILE_NAME, rule: 'overlap/pm-tactical-action' }));
    await tooFar.click();
    // The suggestion names the epic's PM, Henrik, as who should carry the date.
    await shown(flags.getByRole('paragraph').filter({ hasText: `${HOSTILE_NAME} should carry it on Epic PAY-149` }));
    await shown(page.getByText(HOSTILE_SUMMARY).first());
    if (view === 'global')
      await shown(
        page.getByRole('row', { name: 'Payments (PAY)' }).getByRole('cell', { name: HOSTILE_NAME, exact: true }),
      );
    await expectNothingRan(page);
    expect(browser().errorsOf(page)).toEqual([]);
    await page.close();
  });
});
