import path from 'node:path';
import { addDays, format, parseISO, startOfISOWeek } from 'date-fns';
import type { Locator, Page } from 'playwright-core';
import type { BoardPanel, DecisionWeek, ResolverResponse, RoadmapView } from '../../src/resolvers/api';
import { ruleTitle } from '../../static/app/src/rules';
import {
  ARTIFACTS,
  BROWSER_TEST_TIMEOUT,
  seriousViolations,
  shown,
  THEMES,
  useBrowser,
  useThemedPages,
  type BrowserHarness,
} from './harness';

jest.setTimeout(BROWSER_TEST_TIMEOUT);

/**
 * The Trend section and the timeline in the preview. At start the preview's background pipeline scans and audits the
 * demo site once; that first audit works out each project's last twelve weeks from the issues' histories, which the
 * board panel (PAY, in a 920 px dialog) and the project page (PORT, a 1440 px page) show.
 */
const browser = useBrowser();

type TrendView = 'board' | 'project';
const WIDTHS: Record<TrendView, number> = { board: 920, project: 1440 };

/** What the view's resolver answers its viewer. */
async function answerOf(harness: BrowserHarness, view: TrendView): Promise<BoardPanel | RoadmapView> {
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
  return answer.data;
}

const trendSection = (page: Page): Locator => page.getByRole('region', { name: 'Trend', exact: true });

/** "16 Nov", as the charts' axes write a week: in the page's locale (the preview's default, en-GB), UTC days. */
const axisLabels = (page: Page, weekStarts: readonly string[]) =>
  page.evaluate<string[]>(
    `${JSON.stringify(weekStarts)}.map((day) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(day + 'T00:00:00Z')))`,
  );

const CHARTS = ['Strategic decisions', 'Tactical decisions', 'Decisions across the role boundary'];

async function openTable(section: Locator): Promise<Locator> {
  const table = section.getByRole('table', { name: 'Decisions week by week, oldest first' });
  if (!(await table.isVisible())) await section.getByText('Show the trend as a table', { exact: true }).click();
  return shown(table);
}

describe.each<TrendView>(['board', 'project'])('the Trend section of the %s view', (view) => {
  const themed = useThemedPages(browser, view);
  let weeks: DecisionWeek[] = [];
  beforeAll(async () => {
    weeks = (await answerOf(browser(), view)).trend;
    for (const theme of THEMES) await themed(theme).setViewportSize({ width: WIDTHS[view], height: 900 });
  });

  it('has twelve weeks from the first audit, ending in the site clock’s week, each with data in the demo', () => {
    expect(weeks).toHaveLength(12);
    // Weeks are UTC calendar weeks, whatever this machine's time zone.
    const now = browser().preview.emulator.siteNow();
    const siteWeek = startOfISOWeek(new Date(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    expect(weeks[11]!.weekStart).toBe(format(siteWeek, 'yyyy-MM-dd'));
    // The demo's histories reach back beyond the twelve weeks: none is left without data.
    expect(weeks.every((week) => week.decisions !== undefined)).toBe(true);
  });

  it('draws three charts with twelve labelled weeks, the first day on the axis, and axes with units', async () => {
    const section = await shown(trendSection(themed('light')));
    const weekLabels = await axisLabels(
      themed('light'),
      weeks.map((week) => week.weekStart),
    );
    for (const title of CHARTS) {
      const chart = await shown(section.getByRole('img', { name: new RegExp(`^${title} per week, 12 weeks from `) }));
      const labels = await chart.locator('text').allTextContents();
      for (const label of weekLabels) expect(labels).toContain(label);
      // The first day counted is on the axis, before the others.
      expect(labels.indexOf(weekLabels[0]!)).toBeLessThan(labels.indexOf(weekLabels[11]!));
      expect(labels).toContain('Decisions per week');
      expect(labels).toContainEqual(expect.stringMatching(/^Week starting Monday; the last one to \d+ \w+$/));
      expect(labels).toContain('0');
      // Every week's bar says what it holds when hovered.
      expect(await chart.locator('g[data-week] > title').count()).toBe(12);
    }
    const legend = section.getByRole('list', { name: 'Legend' });
    expect(await legend.getByRole('listitem').allInnerTexts()).toEqual([
      'Product Managers',
      'Product Owners',
      'Others (no role, or both)',
      'No data',
    ]);
    expect(await section.innerText()).toMatch(
      /From \d+ \w+ \d{4} to \d+ \w+ \d{4}: \d+ strategic decisions?, \d+ by Product Managers/,
    );
    expect(browser().errorsOf(themed('light'))).toEqual([]);
  });

  it('colours each decider alike in every chart and in the legend', async () => {
    const section = await shown(trendSection(themed('light')));
    // Each colour is an ADS token, so the same token in the same place means the same colour in either theme.
    const fillsOf = async (scope: Locator) =>
      [
        ...new Set(
          (await scope.evaluateAll((rects) => rects.map((rect) => rect.getAttribute('style') ?? ''))).map(
            (style) => /fill:\s*([^;]+)/.exec(style)?.[1]?.trim() ?? '',
          ),
        ),
      ].sort();
    const fills = await fillsOf(section.locator('svg[role="img"] rect'));
    const legend = await fillsOf(section.getByRole('list', { name: 'Legend' }).locator('rect'));
    // Bars and no-data marks use only the legend's colours.
    for (const fill of fills) expect(legend).toContain(fill);
    expect(new Set(legend).size).toBe(4);
  });

  it('gives the same figures as a table, one row per week', async () => {
    const table = await openTable(trendSection(themed('light')));
    const body = table.locator('tbody tr');
    expect(await body.count()).toBe(12);
    expect(await table.locator('thead th').allInnerTexts()).toEqual([
      'Week of',
      'Strategic decisions',
      'Tactical decisions',
      'Across the role boundary',
      'PMs',
      'POs',
      'Others',
      'PMs',
      'POs',
      'Others',
    ]);
    const last = weeks[11]!.decisions!;
    const cells = await body.nth(11).getByRole('cell').allInnerTexts();
    expect(cells.map(Number)).toEqual([
      last.pm.strategic,
      last.po.strategic,
      last.other.strategic,
      last.pm.tactical,
      last.po.tactical,
      last.other.tactical,
      last.po.strategic + last.pm.tactical,
    ]);
  });

  describe.each(THEMES)('in the %s theme', (theme) => {
    it(`has no serious or critical accessibility violations and is captured in test/artifacts/trend-${view}-${theme}.png`, async () => {
      const page = themed(theme);
      const section = await shown(trendSection(page));
      await openTable(section);
      expect(await seriousViolations(page)).toEqual([]);
      await section.screenshot({ path: path.join(ARTIFACTS, `trend-${view}-${theme}.png`) });
    });
  });
});

describe.each(THEMES)('the timeline of the project page in the %s theme', (theme) => {
  let page: Page;
  let view: RoadmapView;
  beforeAll(async () => {
    view = (await answerOf(browser(), 'project')) as RoadmapView;
    page = await browser().open('project', { theme });
    await page.setViewportSize({ width: 1440, height: 900 });
  });
  afterAll(async () => page.close());

  const timeline = () => page.getByRole('region', { name: 'Timeline: roadmap spans against sprints' });

  it('heads each project, marks today and names its bars on keyboard focus and on hover', async () => {
    const section = await shown(timeline());
    const chart = section.getByRole('group', { name: /^Timeline from / });
    await shown(chart);
    const projects = [...new Set(view.items.map((item) => item.projectKey))];
    for (const projectKey of projects)
      expect(await chart.getByRole('list', { name: `Project ${projectKey}` }).count()).toBe(1);
    const today = chart.locator('[data-today] text');
    expect(await today.textContent()).toMatch(/^Today, \d+ \w+ \d{4}$/);

    const dated = view.items.filter((item) => item.start && item.end);
    const flagged = dated.find((item) => item.findings.length > 0) ?? dated[0]!;
    const bars = chart.locator('.rba-timeline-bar');
    expect(await bars.count()).toBe(dated.length);
    const bar = chart.getByRole('listitem', { name: new RegExp(`^${flagged.key} `) });
    await bar.focus();
    const tip = page.getByRole('tooltip');
    await shown(tip);
    const text = await tip.innerText();
    expect(text).toContain(`${flagged.key} ${flagged.summary}`);
    expect(text).toContain(`owner ${flagged.ownerName ?? 'nobody'}`);
    expect(text).toMatch(/\d+ \w+ \d{4} to \d+ \w+ \d{4}/);
    if (flagged.findings.length > 0)
      expect(text).toContain(`flagged: ${ruleTitle(flagged.findings[0]!.split('|')[0]!)}`);
    // Tab moves to the next bar, which names itself in turn.
    await page.keyboard.press('Tab');
    const next = await page.evaluate<string>("document.activeElement?.getAttribute('aria-label') ?? ''");
    if (dated.length > 1) expect(await tip.innerText()).toBe(next);
    await page.mouse.move(0, 0);
    await bars.last().locator('rect').hover();
    expect(await tip.innerText()).toBe(await bars.last().getAttribute('aria-label'));
    await section.screenshot({ path: path.join(ARTIFACTS, `timeline-${theme}.png`) });
    expect(browser().errorsOf(page)).toEqual([]);
  });
});

describe('the timeline of the cross-project page', () => {
  it('groups the bars by project, and lists sprint windows in the key only when there are some', async () => {
    const harness = browser();
    const answer = (await harness.invoke(
      'getRoadmap',
      {},
      harness.accountOf('global'),
    )) as ResolverResponse<RoadmapView>;
    if (!answer.ok) throw new Error(answer.error.message);
    const page = await harness.open('global');
    await page.setViewportSize({ width: 1440, height: 900 });
    const section = await shown(page.getByRole('region', { name: 'Timeline: roadmap spans against sprints' }));
    const chart = await shown(section.getByRole('group', { name: /^Timeline from / }));
    const withBars = [
      ...new Set(answer.data.items.filter((item) => item.start && item.end).map((item) => item.projectKey)),
    ];
    expect(withBars.length).toBeGreaterThan(1);
    for (const projectKey of withBars) {
      const group = chart.getByRole('list', { name: `Project ${projectKey}` });
      const keys = (
        await group.getByRole('listitem').evaluateAll((bars) => bars.map((bar) => bar.getAttribute('aria-label') ?? ''))
      ).map((label) => label.split(' ')[0]!);
      expect(keys.every((key) => key.startsWith(`${projectKey}-`))).toBe(true);
    }
    const legend = await section.getByRole('list', { name: 'Legend' }).getByRole('listitem').allInnerTexts();
    const sprintsDated = answer.data.sprints.some((sprint) => sprint.startDate && sprint.endDate);
    expect(legend.includes('Sprint window')).toBe(sprintsDated);
    expect(legend).toContain('Today');
    await section.screenshot({ path: path.join(ARTIFACTS, 'timeline-global-light.png') });
    await page.close();
  });
});

describe('weeks without data', () => {
  /**
   * The demo's histories cover all twelve weeks, so here the board panel's answer is given a project whose records
   * start in the fourth week, in the page's network: the three weeks before it must read "no data", not zero.
   */
  it('are marked "no data" in every chart and in the table, and the sentence says where counting starts', async () => {
    const harness = browser();
    const page = await harness.browser.newPage({ bypassCSP: true, viewport: { width: 920, height: 900 } });
    await page.route('**/__preview/invoke', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as ResolverResponse<BoardPanel>;
      if (body.ok && 'trend' in body.data)
        body.data.trend = body.data.trend.map((week, index) =>
          index < 3
            ? { weekStart: week.weekStart }
            : index === 3
              ? {
                  ...week,
                  countedFrom: format(addDays(parseISO(week.weekStart), 2), 'yyyy-MM-dd'),
                }
              : week,
        );
      await route.fulfill({ response, json: body });
    });
    await page.goto(harness.viewUrl('board'));
    const section = await shown(trendSection(page));
    for (const title of CHARTS) {
      const chart = await shown(section.getByRole('img', { name: new RegExp(`^${title} per week`) }));
      const labels = await chart.locator('text').allTextContents();
      expect(labels.filter((label) => label === 'no data')).toHaveLength(3);
      expect((await chart.getAttribute('aria-label'))!.match(/: no data/g)).toHaveLength(3);
    }
    expect(await section.innerText()).toMatch(/3 weeks have no data: counting starts on \d+ \w+ \d{4}/);
    const table = await openTable(section);
    const rows = table.locator('tbody tr');
    for (const index of [0, 1, 2])
      expect(await rows.nth(index).getByRole('cell').allInnerTexts()).toEqual([
        'No data (before the audit window or before anything was recorded)',
      ]);
    expect(await rows.nth(3).getByRole('rowheader').innerText()).toMatch(/\(from \d+ \w+ \d{4}\)$/);
    await section.screenshot({ path: path.join(ARTIFACTS, 'trend-no-data-light.png') });
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

  it('a viewer who may browse only some projects still sees the project’s trend, from their own view of the site', async () => {
    const harness = browser();
    const projectKey = new URL(harness.viewUrl('project')).searchParams.get('project')!;
    const allKeys = harness.snapshot.projects.map((project) => project.key);
    const restricted = Object.entries(harness.snapshot.permissions ?? {}).find(
      ([, grant]) => grant.projects?.includes(projectKey) && allKeys.some((key) => !grant.projects?.includes(key)),
    )?.[0];
    if (!restricted) throw new Error(`The demo site has no user who may browse ${projectKey} but not every project`);
    const page = await harness.open('project', { as: restricted });
    const section = await shown(trendSection(page));
    await shown(section.getByRole('img', { name: /^Strategic decisions per week, 12 weeks from / }));
    await page.close();
  });
});
