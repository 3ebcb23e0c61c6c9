import path from 'node:path';
import type { Page } from 'playwright-core';
import type { BoardPanel } from '../../src/resolvers/api';
import {
  ARTIFACTS,
  BROWSER_TEST_TIMEOUT,
  DIALOG,
  flagsSection,
  PAGE,
  seriousViolations,
  shown,
  THEMES,
  useBrowser,
  type Theme,
  type Viewport,
  type ViewName,
} from './harness';

jest.setTimeout(BROWSER_TEST_TIMEOUT * 2);

const browser = useBrowser();

/** Issues of the active PAY Sprint 14, which the closed Sprint 7's panel used to list. */
const SPRINT_14_ISSUES = ['PAY-192', 'PAY-184', 'PAY-210'];

function closedPaySprint() {
  const sprint = Object.values(browser().snapshot.sprints)
    .flat()
    .find((candidate) => candidate.name === 'PAY Sprint 7');
  if (!sprint || sprint.state !== 'closed') throw new Error('The demo site has no closed PAY Sprint 7');
  return sprint;
}

async function openAt(view: ViewName, theme: Theme, viewport: Viewport, sprintId?: number): Promise<Page> {
  const page = await browser().browser.newPage({ bypassCSP: true, viewport, colorScheme: theme });
  page.setDefaultTimeout(20_000);
  const url = new URL(browser().viewUrl(view));
  url.searchParams.set('theme', theme);
  if (sprintId !== undefined) url.searchParams.set('sprint', String(sprintId));
  await page.goto(url.toString());
  await shown(page.getByRole('heading', { name: 'Flags', exact: true, level: 2 }));
  return page;
}

/** The first flag (or, with none, the note that there is none) is on screen when the view opens, without scrolling. */
async function expectFirstFlagInView(page: Page, viewport: Viewport): Promise<void> {
  const flags = flagsSection(page).getByRole('button', { expanded: false });
  const first = await shown((await flags.count()) > 0 ? flags.first() : flagsSection(page).getByText('No flags'));
  const box = await first.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
}

describe.each(THEMES)('in the %s theme', (theme) => {
  test("the panel of closed PAY Sprint 7 is its retrospective and lists only that sprint's work", async () => {
    const sprint = closedPaySprint();
    const page = await openAt('sprint', theme, DIALOG, sprint.id);
    await shown(page.getByRole('heading', { name: 'Sprint retrospective: PAY Sprint 7', level: 1 }));
    const answer = (await browser().invoke(
      'getBoardPanel',
      { boardId: sprint.originBoardId, sprintId: sprint.id },
      browser().accountOf('sprint'),
    )) as { ok: true; data: BoardPanel };
    const flags = flagsSection(page).getByRole('button', { expanded: false });
    expect(await flags.count()).toBe(answer.data.findings.length);
    expect(answer.data.findings.length).toBeGreaterThan(0);
    const labels = await flags.allInnerTexts();
    for (const key of SPRINT_14_ISSUES) expect(labels.filter((label) => label.includes(key))).toEqual([]);
    await shown(page.getByRole('heading', { name: 'Who decided what during the sprint', level: 2 }));
    await expectFirstFlagInView(page, DIALOG);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, `panel-sprint-closed-${theme}.png`), fullPage: true });
    await page.close();
  });

  test.each(['board', 'backlog', 'sprint'] as const)(
    'the %s panel opens on its flags in a 920 px dialog',
    async (view) => {
      const page = await openAt(view, theme, DIALOG);
      await expectFirstFlagInView(page, DIALOG);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: path.join(ARTIFACTS, `panel-${view}-${theme}.png`), fullPage: true });
      await page.close();
    },
  );

  test.each(['project', 'global'] as const)('the %s page opens on its flags at 1440 px', async (view) => {
    const page = await openAt(view, theme, PAGE);
    await expectFirstFlagInView(page, PAGE);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, `page-${view}-${theme}.png`), fullPage: true });
    await page.close();
  });
});
