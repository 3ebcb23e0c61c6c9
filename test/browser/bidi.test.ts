import type { Page } from 'playwright-core';
import path from 'node:path';
import { generateDemoSite } from '../../src/dev/demo';
import type { SiteSnapshot } from '../../src/jira/snapshot';
import { ARTIFACTS, BROWSER_TEST_TIMEOUT, flagButton, flagsSection, shown, useBrowser } from './harness';

/**
 * A right-to-left override (U+202E) in a display name reverses what follows it up to the end of the paragraph:
 * user text must be isolated (`<bdi>`, `dir=auto`, or FSI…PDI inside a message) so that the app's own words after
 * it read left to right.
 */
jest.setTimeout(BROWSER_TEST_TIMEOUT);

const RLO = '\u202E';
const NAME = `Henrik${RLO} Lindqvist`;

function siteWithOverride(): SiteSnapshot {
  const snapshot = generateDemoSite();
  const henrik = snapshot.users.find((user) => user.displayName === 'Henrik Lindqvist');
  if (!henrik) throw new Error('The demo site lost Henrik Lindqvist');
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    // Project role actors name the account one level down, in actorUser.
    const actor = record.actorUser as { accountId?: unknown } | undefined;
    if ((record.accountId === henrik.accountId || actor?.accountId === henrik.accountId) && 'displayName' in record)
      record.displayName = NAME;
    Object.values(record).forEach(visit);
  };
  visit(snapshot);
  return snapshot;
}

const browser = useBrowser(siteWithOverride());

/**
 * Where the first character of each word is laid out (its line's top, its left edge), in the order the text node
 * holding `text` has them. (Page scripts are strings: the tests compile without the DOM's types.)
 */
async function wordEdges(page: Page, text: string, words: readonly string[]): Promise<Array<[number, number]>> {
  return page.evaluate<Array<[number, number]>>(`(() => {
    const text = ${JSON.stringify(text)};
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const content = node.textContent ?? '';
      if (!content.includes(text)) continue;
      return ${JSON.stringify(words)}.map((word) => {
        const range = document.createRange();
        const start = content.indexOf(word, content.indexOf(text));
        range.setStart(node, start);
        range.setEnd(node, start + 1);
        const box = range.getBoundingClientRect();
        return [Math.round(box.top), box.left];
      });
    }
    throw new Error('No text node holds ' + text);
  })()`);
}

/** Text nodes holding the override that nothing isolates: no `<bdi>` or `dir` attribute above them. */
async function unisolatedOverrides(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const loose = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const content = node.textContent ?? '';
      if (content.includes(${JSON.stringify(RLO)}) && !node.parentElement?.closest('bdi, [dir]')) loose.push(content);
    }
    return loose;
  })()`);
}

describe('a display name with a right-to-left override on the board view', () => {
  test('reverses none of the app’s own text after it', async () => {
    const page = await browser().open('board');
    const flags = await shown(flagsSection(page));
    const tooFar = await shown(flagButton(flags, { subject: 'PAY-184', rule: 'horizon/backlog-item-too-far' }));
    await tooFar.click();
    // The suggestion names the epic's PM, Henrik, and goes on in the app's words.
    const suggestion = await shown(flags.getByRole('paragraph').filter({ hasText: 'should carry it on Epic PAY-149' }));
    expect(await suggestion.textContent()).toContain(NAME);
    await suggestion.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, 'bidi-board.png'), fullPage: true });

    // In reading order: line by line, left to right within a line (the text may wrap at the panel's width).
    const edges = await wordEdges(page, 'should carry it on Epic', ['should', 'carry', 'Epic', 'PAY-149']);
    expect(edges).toEqual([...edges].sort(([topA, leftA], [topB, leftB]) => topA - topB || leftA - leftB));
    expect(await unisolatedOverrides(page)).toEqual([]);
    expect(browser().errorsOf(page)).toEqual([]);
    await page.close();
  });
});
