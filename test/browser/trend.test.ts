import path from 'node:path';
import type { AxeResults } from 'axe-core';
import { format, parseISO, startOfISOWeek, subWeeks } from 'date-fns';
import type { Locator, Page } from 'playwright-core';
import type { BoardPanel, ResolverResponse, RoadmapView, WeeklySummary } from '../../src/resolvers/api';
import {
  ARTIFACTS,
  BROWSER_TEST_TIMEOUT,
  shown,
  THEMES,
  useBrowser,
  useThemedPages,
  type BrowserHarness,
} from './harness';

jest.setTimeout(BROWSER_TEST_TIMEOUT);

/**
 * The Trend section in the preview: at start the preview's background pipeline scans and audits the demo site once,
 * which records one week of history per project; the board panel (PAY) and the project page (PORT) show that week.
 */
const browser = useBrowser();

type TrendView = 'board' | 'project';

/** What the view's resolver answers its viewer: the history the page should show. */
async function historyOf(harness: BrowserHarness, view: TrendView): Promise<WeeklySummary[]> {
  const query = new URL(harness.viewUrl(view)).searchParams;
  const answer =
    view === 'board'
      ? ((await harness.invoke(
          'getBoardPanel',
          { boardId: Number(query.get('board')) },
          harness.accountOf(view),
        )) as ResolverResponse<BoardPanel>)
      : ((await harness.invoke(
          'getRoadmap',
          { projectKey: query.get('project') },
          harness.accountOf(view),
        )) as ResolverResponse<RoadmapView>);
  if (!answer.ok) throw new Error(`${view}: ${answer.error.message}`);
  return answer.data.trend;
}

const trendSection = (page: Page): Locator => page.getByRole('region', { name: 'Trend', exact: true });

/** "16 Nov 2026", as the page writes dates. */
const dayLabel = (weekStart: string) => format(new Date(`${weekStart}T00:00:00`), 'd MMM yyyy');

async function axeViolations(page: Page): Promise<AxeResults['violations']> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate<AxeResults['violations']>(
    "axe.run(document, { resultTypes: ['violations'] }).then((results) => results.violations)",
  );
}

const describeViolations = (violations: AxeResults['violations']) =>
  violations
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help}\n${violation.nodes.map((node) => `  ${node.target.join(' ')}`).join('\n')}`,
    )
    .join('\n');

async function openTable(section: Locator): Promise<Locator> {
  const table = section.getByRole('table', { name: 'Trend week by week, oldest first' });
  if (!(await table.isVisible())) await section.getByText('Show the trend as a table', { exact: true }).click();
  return shown(table);
}

describe.each<TrendView>(['board', 'project'])('the Trend section of the %s view', (view) => {
  const themed = useThemedPages(browser, view);
  let history: WeeklySummary[] = [];
  beforeAll(async () => {
    history = await historyOf(browser(), view);
  });

  it('has the one week the preview’s background audit recorded, in the site clock’s week', () => {
    // An empty history here means the preview recorded none: that is a failure to report, not something to draw.
    expect(history).toHaveLength(1);
    // Weeks are UTC calendar weeks, whatever this machine's time zone.
    const now = browser().preview.emulator.siteNow();
    const siteWeek = startOfISOWeek(new Date(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    expect(history[0]!.weekStart).toBe(format(siteWeek, 'yyyy-MM-dd'));
  });

  it('shows that week in words, says the trend builds up, and draws a chart per figure', async () => {
    const page = themed('light');
    const section = await shown(trendSection(page));
    const week = history[0]!;
    const text = await section.innerText();
    expect(text).toContain(`Week of ${dayLabel(week.weekStart)}`);
    expect(text).toContain(`${week.overlapFindings} in ${week.actions} actions`);
    expect(text).toContain(`${week.unownedRoadmapItems} of ${week.roadmapItems} roadmap items unowned`);
    expect(text).toContain(`${week.findings} flags`);
    expect(text).toContain('the trend builds up week by week');
    for (const title of ['Overlap flags per 100 actions', 'Unowned roadmap items', 'Flags']) {
      const chart = await shown(
        section.getByRole('img', { name: new RegExp(`^${title}, in the week of ${dayLabel(week.weekStart)}: `) }),
      );
      expect(await chart.evaluate((svg) => svg.tagName.toLowerCase())).toBe('svg');
    }
    const unowned = section.getByRole('img', { name: /^Unowned roadmap items/ });
    expect(await unowned.getAttribute('aria-label')).toContain(
      `: ${format(new Date(`${week.weekStart}T00:00:00`), 'd MMM')} ${week.unownedRoadmapItems}.`,
    );
    expect(browser().errorsOf(page)).toEqual([]);
  });

  it('gives the same figures as a table', async () => {
    const section = trendSection(themed('light'));
    const table = await openTable(section);
    const rows = table.getByRole('row');
    expect(await rows.count()).toBe(2);
    const headers = await rows.first().getByRole('columnheader').allInnerTexts();
    expect(headers).toEqual(['Week of', 'Overlap flags per 100 actions', 'Unowned roadmap items', 'Flags']);
    const week = history[0]!;
    expect(await rows.nth(1).getByRole('rowheader').innerText()).toBe(dayLabel(week.weekStart));
    const cells = await rows.nth(1).getByRole('cell').allInnerTexts();
    expect(cells[0]).toContain(`(${week.overlapFindings} in ${week.actions} actions)`);
    expect(cells[1]).toMatch(new RegExp(`^${week.unownedRoadmapItems} of ${week.roadmapItems} \\(\\d+%\\)$`));
    expect(cells[2]).toBe(String(week.findings));
  });

  describe.each(THEMES)('in the %s theme', (theme) => {
    it('has no serious or critical accessibility violations, with the table open', async () => {
      const page = themed(theme);
      await openTable(await shown(trendSection(page)));
      const violations = await axeViolations(page);
      const serious = violations.filter(
        (violation) => violation.impact === 'serious' || violation.impact === 'critical',
      );
      expect(describeViolations(serious)).toBe('');
    });

    if (view === 'project') {
      it(`is captured in test/artifacts/trend-${theme}.png`, async () => {
        const section = await shown(trendSection(themed(theme)));
        await openTable(section);
        await section.screenshot({ path: path.join(ARTIFACTS, `trend-${theme}.png`) });
      });
    }
  });
});

describe('the Trend section over several weeks', () => {
  /**
   * The preview records one week per start, so the board panel's answer is given two earlier weeks in the page's
   * network here (its real week stays the latest): the week before, and one three weeks back with none between.
   */
  it('says what changed since the week before, leaves the week without an audit empty and lists it in the table', async () => {
    const harness = browser();
    const [recorded] = await historyOf(harness, 'board');
    if (!recorded) throw new Error('The preview recorded no week for the board panel');
    const weekBefore = (weeks: number) => format(subWeeks(parseISO(recorded.weekStart), weeks), 'yyyy-MM-dd');
    const earlier: WeeklySummary[] = [
      {
        ...recorded,
        weekStart: weekBefore(3),
        auditedAt: `${weekBefore(3)}T08:00:00.000Z`,
        unownedRoadmapItems: recorded.unownedRoadmapItems + 1,
        findings: recorded.findings + 4,
      },
      {
        ...recorded,
        weekStart: weekBefore(1),
        auditedAt: `${weekBefore(1)}T08:00:00.000Z`,
        unownedRoadmapItems: recorded.unownedRoadmapItems + 2,
        findings: recorded.findings - 1,
      },
    ];
    const page = await harness.browser.newPage({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    await page.route('**/__preview/invoke', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as ResolverResponse<BoardPanel>;
      if (body.ok && 'trend' in body.data) body.data.trend = [...earlier, ...body.data.trend];
      await route.fulfill({ response, json: body });
    });
    await page.goto(harness.viewUrl('board'));
    const section = await shown(trendSection(page));
    const changes = section.getByRole('list', { name: 'Change since the week audited before' });
    await shown(changes.getByRole('listitem').first());
    expect(await changes.getByRole('listitem').allInnerTexts()).toEqual([
      `2 fewer unowned roadmap items than the week before (${recorded.unownedRoadmapItems}, down from ${recorded.unownedRoadmapItems + 2}).`,
      expect.stringMatching(/^The overlap rate is \d+(\.\d+)? overlap flags per 100 actions, as in the week before\.$/),
      `1 more flag than the week before (${recorded.findings}, up from ${recorded.findings - 1}).`,
    ]);
    expect(await section.innerText()).toContain(
      `No background audit was recorded in the week of ${dayLabel(weekBefore(2))}, so the chart leaves that week empty.`,
    );
    const flags = section.getByRole('img', { name: /^Flags, week by week/ });
    expect(await flags.getAttribute('aria-label')).toContain(
      `${dayLabel(weekBefore(3))} to ${dayLabel(recorded.weekStart)}`,
    );
    // A bar for each audited week that had flags, none for the week without an audit.
    expect(await flags.locator('rect').count()).toBe(3);
    const table = await openTable(section);
    const rows = table.getByRole('row');
    expect(await rows.count()).toBe(5);
    expect(await rows.nth(2).innerText()).toMatch(
      new RegExp(`^${dayLabel(weekBefore(2))}\\s+No background audit recorded \\(1 week\\)$`),
    );
    await section.screenshot({ path: path.join(ARTIFACTS, 'trend-weeks-light.png') });
    await page.close();
  });
});

describe('where there is no trend to show', () => {
  it('the cross-project page has no Trend section', async () => {
    const page = await browser().open('global');
    await shown(page.getByRole('heading', { name: 'Flags', exact: true, level: 2 }));
    expect(await trendSection(page).count()).toBe(0);
    await page.close();
  });

  it('a viewer who may not browse every project the audit covers is told why the history is not shown', async () => {
    const harness = browser();
    const projectKey = new URL(harness.viewUrl('project')).searchParams.get('project')!;
    const allKeys = harness.snapshot.projects.map((project) => project.key);
    const restricted = Object.entries(harness.snapshot.permissions ?? {}).find(
      ([, grant]) => grant.projects?.includes(projectKey) && allKeys.some((key) => !grant.projects?.includes(key)),
    )?.[0];
    if (!restricted) throw new Error(`The demo site has no user who may browse ${projectKey} but not every project`);
    const page = await harness.open('project', { as: restricted });
    const section = await shown(trendSection(page));
    await shown(section.getByRole('heading', { name: 'No weekly history to show' }));
    expect(await section.innerText()).toContain('shown only to people who can browse every project the audit covers');
    expect(await section.getByRole('img').count()).toBe(0);
    await page.close();
  });
});
