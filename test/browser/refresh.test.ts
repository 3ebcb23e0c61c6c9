import path from 'node:path';
import type { Page } from 'playwright-core';
import { EDIT_PATH } from '../../src/dev/preview/server';
import { ARTIFACTS, BROWSER_TEST_TIMEOUT, flagButton, flagsSection, shown, useBrowser } from './harness';

jest.setTimeout(BROWSER_TEST_TIMEOUT);

/** A preview of its own: these tests edit the site it serves. */
const browser = useBrowser();

const FROM_CACHE =
  /^From the background scan of \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} \((less than a minute|\d+ minutes?) ago\)\.$/;
/** PAY-184's due date lies months after its sprint (a planted flag); PAY-210 is flagged for its missing roadmap link. */
const FAR_DUE = { subject: 'PAY-184', rule: 'horizon/backlog-item-too-far' };
const RENAMED = 'Saved-card retries, renamed in the preview';

async function edit(body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${browser().preview.url}${EDIT_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

/** The visible note of a refresh's outcome (the live region announcing it repeats the text). */
function refreshNote(page: Page, text: string | RegExp) {
  return page.getByText(text, { exact: true }).and(page.locator(':not([role="status"])'));
}

async function boardRendered(page: Page): Promise<void> {
  await shown(page.getByRole('heading', { name: 'Flags', exact: true, level: 2 }));
}

describe('the board panel over the background scan', () => {
  it('says it comes from the scan and how fresh that is, and offers a refresh', async () => {
    const page = await browser().open('board');
    await boardRendered(page);
    await shown(page.getByText(FROM_CACHE));
    const refresh = await shown(page.getByRole('button', { name: 'Refresh', exact: true }));
    expect(await refresh.getAttribute('aria-describedby')).toBeTruthy();
    expect(browser().errorsOf(page)).toEqual([]);
  });

  it('shows an edit of the site only once refreshed: a cleared flag and a new summary', async () => {
    const page = await browser().open('board');
    await boardRendered(page);
    await shown(flagButton(flagsSection(page), FAR_DUE));
    const pay210 = browser().snapshot.issues.find((issue) => issue.key === 'PAY-210')!;
    await shown(
      flagButton(flagsSection(page), {
        subject: `PAY-210 ${String(pay210.fields.summary)}`,
        rule: 'trace/sprint-item-without-roadmap-link',
      }),
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'refresh-before.png'), fullPage: true });

    const sprintEnd =
      (browser().snapshot.sprints['5'] ?? []).find((sprint) => sprint.state === 'active')?.endDate ?? '2026-12-02';
    expect(await edit({ issueKey: 'PAY-184', duedate: sprintEnd.slice(0, 10) })).toMatchObject({
      status: 200,
      json: { issueKey: 'PAY-184', changed: ['duedate'] },
    });
    expect(await edit({ issueKey: 'PAY-210', summary: RENAMED })).toMatchObject({
      status: 200,
      json: { issueKey: 'PAY-210', changed: ['summary'] },
    });

    // A new page still reads the cache: the background scan has not run since the edit.
    const stale = await browser().open('board');
    await boardRendered(stale);
    await shown(flagButton(flagsSection(stale), FAR_DUE));
    await stale.close();

    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    const summary = 'Refreshed PAY from Jira: 2 issues updated in the cache.';
    await shown(refreshNote(page, summary));
    expect(await page.getByRole('status').filter({ hasText: summary }).count()).toBe(1);
    await shown(
      flagButton(flagsSection(page), { subject: `PAY-210 ${RENAMED}`, rule: 'trace/sprint-item-without-roadmap-link' }),
    );
    expect(await flagButton(flagsSection(page), FAR_DUE).count()).toBe(0);
    await shown(page.getByText(FROM_CACHE));
    expect(await page.evaluate<string | null>("document.activeElement?.closest('button')?.textContent ?? null")).toBe(
      'Refresh',
    );
    await page.screenshot({ path: path.join(ARTIFACTS, 'refresh-after.png'), fullPage: true });
    expect(browser().errorsOf(page)).toEqual([]);
  });

  it('refuses an edit of an issue the site lacks, a date that is not one, or one that changes no field', async () => {
    expect(await edit({ issueKey: 'NOPE-1', summary: 'x' })).toMatchObject({
      status: 404,
      json: { message: 'The site has no issue NOPE-1' },
    });
    expect(await edit({ issueKey: 'PAY-184', duedate: '31/03/2027' })).toMatchObject({
      status: 400,
      json: { message: 'duedate must be YYYY-MM-DD or null' },
    });
    expect(await edit({ issueKey: 'PAY-184' })).toMatchObject({ status: 400 });
  });
});

describe('the roadmap pages over the background scan', () => {
  it('offers a refresh of the project page’s project and none on the cross-project page', async () => {
    const project = await browser().open('project');
    await shown(project.getByRole('heading', { name: 'Flags', exact: true, level: 2 }));
    await shown(project.getByText(FROM_CACHE));
    await project.getByRole('button', { name: 'Refresh', exact: true }).click();
    await shown(refreshNote(project, /^Refreshed [A-Z]+ from Jira: /));

    const global = await browser().open('global');
    await shown(global.getByRole('heading', { name: 'Flags', exact: true, level: 2 }));
    await shown(global.getByText(FROM_CACHE));
    expect(await global.getByRole('button', { name: 'Refresh', exact: true }).count()).toBe(0);
  });
});
