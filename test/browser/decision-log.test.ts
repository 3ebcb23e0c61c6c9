import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import type { IssueDecisionLog } from '../../src/resolvers/api';
import type { ResolverResponse } from '../../src/resolvers/response';
import {
  ARTIFACTS,
  BROWSER_TEST_TIMEOUT,
  flagButton,
  flagsSection,
  shown,
  THEMES,
  useBrowser,
  useThemedPages,
} from './harness';

jest.setTimeout(BROWSER_TEST_TIMEOUT);

const browser = useBrowser();
const themed = useThemedPages(browser, 'issue');

/** The width of the issue view's side panel, where Jira shows an issue context module. */
const PANEL_WIDTH = 400;

async function expectedLog(): Promise<IssueDecisionLog> {
  const answer = (await browser().invoke(
    'getIssueDecisions',
    { issueKey: 'PAY-192' },
    browser().accountOf('issue'),
  )) as ResolverResponse<IssueDecisionLog>;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

const decisionList = (page: Page) => page.getByRole('list', { name: 'Decisions on PAY-192' });

describe.each(THEMES)('the decision log of PAY-192 in the %s theme', (theme) => {
  const page = () => themed(theme);

  test('lists every decision newest first, its contested ones marked, and the flags that name the issue', async () => {
    const log = await expectedLog();
    await shown(page().getByRole('heading', { name: 'Decision log: PAY-192', level: 1 }));
    await shown(flagButton(flagsSection(page()), { subject: 'PAY-192', rule: 'overlap/contested-item' }));
    const items = decisionList(page()).getByRole('listitem');
    await shown(items.first());
    expect(log.decisions.length).toBeGreaterThan(1);
    expect(await items.count()).toBe(log.decisions.length);
    const contested = log.decisions.filter((decision) => decision.contested);
    expect(contested.length).toBeGreaterThan(0);
    expect(await decisionList(page()).locator('li[data-contested="true"]').count()).toBe(contested.length);
    // Each entry says who, on which side and why, in the order the resolver gave (newest first).
    for (const [index, decision] of log.decisions.entries()) {
      const item = items.nth(index);
      await shown(item.getByText(decision.side === 'strategic' ? 'Strategic' : 'Tactical', { exact: true }));
      if (decision.person) await shown(item.getByText(decision.person.displayName, { exact: true }));
      await shown(item.getByText(decision.reason, { exact: false }).first());
    }
    expect(browser().errorsOf(page())).toEqual([]);
  });

  test('has no serious or critical accessibility violations, a flag opened', async () => {
    await shown(decisionList(page()).getByRole('listitem').first());
    const flag = flagsSection(page()).getByRole('button', { expanded: false }).first();
    if ((await flag.count()) > 0) await flag.click();
    await page().addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await page().evaluate<AxeResults['violations']>(
      "axe.run(document, { resultTypes: ['violations'] }).then((results) => results.violations)",
    );
    const serious = violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    expect(serious).toEqual([]);
  });

  test("a flag opens its rule's page (why, how to fix, when to switch it off), and Back returns to the flag", async () => {
    const flag = flagButton(flagsSection(page()), { subject: 'PAY-192', rule: 'overlap/contested-item' });
    if ((await flag.getAttribute('aria-expanded')) !== 'true') await flag.click();
    const about = page().getByRole('button', { name: /^About “PM and PO decide the same thing”/ });
    await (await shown(about)).click();
    await shown(page().getByRole('heading', { name: 'PM and PO decide the same thing', level: 1 }));
    for (const name of ['Why', 'How to fix', 'When to switch it off'])
      await shown(page().getByRole('heading', { name, level: 2 }));
    await shown(page().getByText(/^Rule overlap\/contested-item · rests on Decisions \(C4\)/));
    await page().screenshot({ path: path.join(ARTIFACTS, `rule-page-${theme}.png`), fullPage: true });
    await page().getByRole('button', { name: 'Back' }).click();
    await shown(decisionList(page()).getByRole('listitem').first());
    // Focus returns to the button that opened the page.
    await page().waitForFunction("document.activeElement?.textContent?.startsWith('About') === true");
  });

  test(`is captured in test/artifacts/issue-decisions-${theme}.png, as wide as the issue view's panel`, async () => {
    await page().setViewportSize({ width: PANEL_WIDTH, height: 900 });
    await shown(decisionList(page()).getByRole('listitem').first());
    const file = path.join(ARTIFACTS, `issue-decisions-${theme}.png`);
    await page().screenshot({ path: file, fullPage: true });
    expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
    // Nothing is wider than the panel: no sideways scrolling in Jira's side column.
    expect(await page().evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PANEL_WIDTH);
  });
});
