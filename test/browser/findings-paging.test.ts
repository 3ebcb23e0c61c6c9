import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { generateBenchSite } from '../../src/bench/generate';
import type { Finding, FindingPage, FindingQuery, RoadmapView } from '../../src/resolvers/api';
import { FINDINGS_PAGE_SIZE, MAX_FINDINGS_PAGE, NO_OWNER } from '../../src/resolvers/findings-query';
import type { ResolverResponse } from '../../src/resolvers/response';
import { ruleById } from '../../src/rules';
import {
  ARTIFACTS,
  BROWSER_TEST_TIMEOUT,
  chooseOption,
  escapeRegExp,
  flagsSection,
  shown,
  useBrowser,
  type BrowserHarness,
} from './harness';

jest.setTimeout(BROWSER_TEST_TIMEOUT);

/** Every flag the Flags section lists (none is expanded when this is called). */
const flagCount = (page: Page) => flagsSection(page).getByRole('button', { expanded: false }).count();
/** The rule each listed flag names after its subject, by its title ("… · One person in both roles"). */
const flagRules = async (page: Page) =>
  (await flagsSection(page).getByRole('button', { expanded: false }).allInnerTexts()).map((text) =>
    text.slice(text.lastIndexOf(' · ') + 3).trim(),
  );
const CONTESTED_TITLE = ruleById('overlap/contested-item')!.meta.title;
const pager = (page: Page) => flagsSection(page).getByText(/^Showing \d+ of \d+ flags?\.$/);
const showMore = (page: Page) => page.getByRole('button', { name: 'Show more' });

/** A filter's option by its name, whatever count it shows beside it ("Ana Ruiz (3)"). */
const counted = (name: string) => new RegExp(`^${escapeRegExp(name)} \\(\\d+\\)$`);
/** The owner filter's name for an owner: theirs, or "No owner". */
const ownerName = (view: RoadmapView, ownerId: string) =>
  ownerId === NO_OWNER ? 'No owner' : view.items.find((item) => item.ownerId === ownerId)!.ownerName!;

function answer<T>(response: unknown): T {
  const typed = response as ResolverResponse<T>;
  if (!typed.ok) throw new Error(`The resolver failed: ${typed.error.code} ${typed.error.message}`);
  return typed.data;
}

/** The cross-project page's view and pages, as the global page's viewer gets them. */
function asGlobalViewer(browser: () => BrowserHarness) {
  const account = () => browser().accountOf('global');
  return {
    roadmap: async () => answer<RoadmapView>(await browser().invoke('getRoadmap', {}, account())),
    findings: async (query: FindingQuery, offset = 0, limit = MAX_FINDINGS_PAGE) =>
      answer<FindingPage>(await browser().invoke('getFindings', { scope: {}, query, offset, limit }, account())),
  };
}

async function openGlobal(browser: () => BrowserHarness): Promise<Page> {
  const page = await browser().open('global');
  await shown(page.getByRole('heading', { name: 'Roadmap ownership across projects', level: 1 }));
  await shown(page.getByRole('heading', { name: 'Flags', exact: true, level: 2 }));
  return page;
}

describe('the demo site: every flag fits in the view', () => {
  const browser = useBrowser();
  const server = asGlobalViewer(browser);

  test('the global page lists every flag, with neither a page count nor Show more', async () => {
    const view = await server.roadmap();
    expect(view.findingPage).toEqual({ total: view.findings.length, pageSize: FINDINGS_PAGE_SIZE });
    expect(view.findings.length).toBeGreaterThan(0);
    const page = await openGlobal(browser);
    expect(await flagCount(page)).toBe(view.findingPage.total);
    expect(await showMore(page).count()).toBe(0);
    expect(await pager(page).count()).toBe(0);
    expect(browser().errorsOf(page)).toEqual([]);
  });

  test('the page filters in the browser as getFindings filters on the server', async () => {
    const view = await server.roadmap();
    const owner = view.items.find((item) => item.ownerId !== undefined)!.ownerId!;
    const rule = view.findings[0]!.rule;
    const page = await openGlobal(browser);
    const cases: Array<{ label: string; value: string; query: FindingQuery }> = [
      { label: 'Owner', value: ownerName(view, owner), query: { ownerId: owner } },
      { label: 'Owner', value: 'No owner', query: { ownerId: NO_OWNER } },
      { label: 'Rule', value: ruleById(rule)!.meta.title, query: { ownerId: NO_OWNER, rule } },
    ];
    for (const { label, value, query } of cases) {
      await chooseOption(page, label, counted(value));
      const expected = await server.findings(query);
      expect([label, value, await flagCount(page)]).toEqual([label, value, expected.total]);
    }
    expect(await showMore(page).count()).toBe(0);
  });
});

describe('a site with more flags than the view sends', () => {
  // 6,000 issues give a little over one page of findings in the default 90-day window: a small bench site whose
  // global page pages.
  const browser = useBrowser(generateBenchSite({ issues: 6_000 }).snapshot);
  const server = asGlobalViewer(browser);
  let all: Finding[] = [];

  beforeAll(async () => {
    const view = await server.roadmap();
    expect(view.findingPage.pageSize).toBe(FINDINGS_PAGE_SIZE);
    expect(view.findings).toHaveLength(FINDINGS_PAGE_SIZE);
    expect(view.findingPage.total).toBeGreaterThan(FINDINGS_PAGE_SIZE);
    expect(view.findingPage.total).toBeLessThanOrEqual(MAX_FINDINGS_PAGE);
    all = (await server.findings({})).findings;
    expect(all).toHaveLength(view.findingPage.total);
  }, BROWSER_TEST_TIMEOUT);

  test('shows the first page, says how many there are, and Show more reads the rest', async () => {
    const page = await openGlobal(browser);
    await shown(flagsSection(page).getByText(`Showing ${FINDINGS_PAGE_SIZE} of ${all.length} flags.`));
    expect(await flagCount(page)).toBe(FINDINGS_PAGE_SIZE);
    // The filters count every flag from the start, the ones not loaded yet included: the view brings the counts.
    const contestedCount = all.filter((finding) => finding.rule === 'overlap/contested-item').length;
    expect(contestedCount).toBeGreaterThan(0);
    await page.getByRole('combobox', { name: 'Rule', exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await shown(page.getByRole('option', { name: `${CONTESTED_TITLE} (${contestedCount})`, exact: true }));
    await page.keyboard.press('Escape');
    await (await shown(showMore(page))).click();
    await shown(flagsSection(page).getByText(`Showing ${all.length} of ${all.length} flags.`));
    expect(await flagCount(page)).toBe(all.length);
    expect(await showMore(page).count()).toBe(0);
    expect(browser().errorsOf(page)).toEqual([]);
  });

  test('filters ask the server, and clearing them shows again what was loaded', async () => {
    const page = await openGlobal(browser);
    await (await shown(showMore(page))).click();
    await shown(flagsSection(page).getByText(`Showing ${all.length} of ${all.length} flags.`));
    const rule = 'owner/roadmap-item-unowned';
    await chooseOption(page, 'Rule', counted(ruleById(rule)!.meta.title));
    const byRule = await server.findings({ rule });
    expect(byRule.total).toBeGreaterThan(0);
    await shown(flagsSection(page).getByText(`Showing ${byRule.total} of ${byRule.total} flags.`));
    expect(await flagRules(page)).toEqual(Array.from({ length: byRule.total }, () => ruleById(rule)!.meta.title));

    // The owner of an item one of these flags is about, so both filters together still match some.
    const items = (await server.roadmap()).items;
    const owner = items.find(
      (item) => item.ownerId !== undefined && byRule.findings.some((finding) => finding.issueKeys.includes(item.key)),
    )?.ownerId;
    expect(owner).toBeDefined();
    await chooseOption(page, 'Owner', counted(ownerName({ items } as RoadmapView, owner!)));
    const both = await server.findings({ rule, ownerId: owner! });
    expect(both.total).toBeGreaterThan(0);
    expect(both.total).toBeLessThan(byRule.total);
    await shown(flagsSection(page).getByText(`Showing ${both.total} of ${plural(both.total)}.`));
    expect(await flagCount(page)).toBe(both.total);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await shown(flagsSection(page).getByText(`Showing ${all.length} of ${all.length} flags.`));
    expect(await flagCount(page)).toBe(all.length);
    expect(browser().errorsOf(page)).toEqual([]);
  });

  test('a page that cannot be read says so where the list ends, and Try again reads it', async () => {
    const page = await openGlobal(browser);
    let failed = 0;
    await page.route('**/__preview/invoke', async (route) => {
      const body = route.request().postDataJSON() as { functionKey?: string };
      if (body.functionKey !== 'getFindings') return route.continue();
      failed += 1;
      return route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ ok: false, error: { code: 'JIRA_UNAVAILABLE', message: 'Jira answered 503' } }),
      });
    });
    await (await shown(showMore(page))).click();
    const section = flagsSection(page);
    await shown(section.getByText('Jira did not answer'));
    await shown(section.getByText('Jira answered 503 (JIRA_UNAVAILABLE)'));
    expect([failed, await flagCount(page), await showMore(page).count()]).toEqual([1, FINDINGS_PAGE_SIZE, 0]);
    await page.unroute('**/__preview/invoke');
    await section.getByRole('button', { name: 'Try again' }).click();
    await shown(section.getByText(`Showing ${all.length} of ${all.length} flags.`));
    expect(await section.getByText('Jira did not answer').count()).toBe(0);
    expect(browser().errorsOf(page)).toEqual([]);
  });

  test('the paged list has no serious or critical accessibility violations (captured in test/artifacts/global-paged.png)', async () => {
    const page = await openGlobal(browser);
    await shown(showMore(page));
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate<AxeResults['violations']>(
      "axe.run(document, { resultTypes: ['violations'] }).then((results) => results.violations)",
    );
    const serious = violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.id}: ${violation.help}`);
    expect(serious).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'global-paged.png'), fullPage: true });
  });

  test('exports hold every flag, not only the loaded ones', async () => {
    const page = await openGlobal(browser);
    expect(await flagCount(page)).toBe(FINDINGS_PAGE_SIZE);
    const exported = async (label: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: `Export ${label}` }).click(),
      ]);
      return readFile(await download.path(), 'utf8');
    };

    const csv = await exported('flags (CSV)');
    // Ids (`rule|subject…`) hold no comma, quote or line break, so each row starts with its finding's id as is.
    const rowIds = csv
      .split('\r\n')
      .filter((line) => /^[a-z]+\/[a-z-]+\|/.test(line))
      .map((line) => line.slice(0, line.indexOf(',')));
    const ids = all.map((finding) => finding.id);
    expect(new Set(rowIds)).toEqual(new Set(ids));
    expect(rowIds).toHaveLength(ids.length);

    const json = JSON.parse(await exported('JSON')) as Record<string, unknown> & { findings: Finding[] };
    expect(json.findings.map((finding) => finding.id)).toEqual(ids);
    expect('findingPage' in json).toBe(false);
    // Exporting read the pages it lacked; the list on the page is as it was.
    expect(await flagCount(page)).toBe(FINDINGS_PAGE_SIZE);
    expect(browser().errorsOf(page)).toEqual([]);
  });
});

function plural(count: number): string {
  return `${count} ${count === 1 ? 'flag' : 'flags'}`;
}
