import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { demoConfig, DEMO_PREVIEW_FOCUS, generateDemoSite } from '../../src/dev/demo';
import { startPreview, type RunningPreview } from '../../src/dev/preview/server';
import type { SiteSnapshot } from '../../src/jira/snapshot';
import { ruleById } from '../../src/rules';

/**
 * Browser tests drive Debian's Chromium (installed by .ci/run) against the local preview: the real resolvers,
 * the built bundle, the emulator. Everything binds to 127.0.0.1 and is closed after the file's tests.
 */
export const STATIC_DIR = path.resolve(__dirname, '../../static/app/build');
export const ARTIFACTS = path.resolve(__dirname, '../artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Jest's limit for one browser test: a page load audits the whole demo site, and this machine has two cores. */
export const BROWSER_TEST_TIMEOUT = 45_000;
/** Playwright's limit for one wait, shorter than the test's so a failure names the locator it waited for. */
const WAIT_TIMEOUT = 20_000;

export const VIEW_NAMES = ['board', 'backlog', 'sprint', 'issue', 'project', 'global', 'admin', 'settings'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];
export type Theme = 'light' | 'dark';
export const THEMES: readonly Theme[] = ['light', 'dark'];

/** Jira's modal dialog for the board, backlog and sprint actions (and the issue view's panel), and a full page. */
export const DIALOG = { width: 920, height: 900 };
export const PAGE = { width: 1440, height: 900 };
export type Viewport = typeof DIALOG;
/** The size each view is opened at: the panels as Jira's dialog shows them, the pages at a desktop width. */
export function viewportOf(view: ViewName): Viewport {
  return view === 'board' || view === 'backlog' || view === 'sprint' || view === 'issue' ? DIALOG : PAGE;
}

export interface OpenOptions {
  theme?: Theme;
  /** By default the view's own (viewportOf). */
  viewport?: Viewport;
  /** The account id to open the view as; by default the person the preview lists the view for. */
  as?: string;
}

export interface BrowserHarness {
  preview: RunningPreview;
  browser: Browser;
  /** The site the preview serves. */
  snapshot: SiteSnapshot;
  /** Opens one of the preview's views in a new page (closed with the harness, or earlier by the caller). */
  open(view: ViewName, options?: OpenOptions): Promise<Page>;
  viewUrl(view: ViewName): string;
  /** The account the preview opens a view as: the board's PO, a PM, the site admin, the project's admin. */
  accountOf(view: ViewName): string;
  /** Calls a resolver as the given account, the way the bridge stand-in does, and returns the JSON answer. */
  invoke(functionKey: string, payload: unknown, accountId: string): Promise<unknown>;
  /** Uncaught exceptions a page opened by this harness has thrown so far. */
  errorsOf(page: Page): string[];
}

export function useBrowser(snapshot: SiteSnapshot = generateDemoSite()): () => BrowserHarness {
  let harness: BrowserHarness | undefined;
  const pages: Page[] = [];
  const errors = new WeakMap<Page, string[]>();
  beforeAll(async () => {
    if (!existsSync(path.join(STATIC_DIR, 'index.html'))) throw new Error('Build the UI first: npm run build:ui');
    if (!existsSync(CHROMIUM))
      throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium (as .ci/run does)`);
    mkdirSync(ARTIFACTS, { recursive: true });
    const preview = await startPreview({
      snapshot,
      config: demoConfig(),
      staticDir: STATIC_DIR,
      focus: DEMO_PREVIEW_FOCUS,
    });
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const viewOf = (name: ViewName) => {
      const view = preview.views.find((candidate) => candidate.name === name);
      if (!view) throw new Error(`No preview view named ${name}`);
      return view;
    };
    harness = {
      preview,
      browser,
      snapshot,
      viewUrl: (name) => viewOf(name).url,
      accountOf: (name) => viewOf(name).accountId,
      open: async (name, options = {}) => {
        // The tests inject scripts (axe, waitForFunction) that Forge's policy, which the preview serves, forbids:
        // test/browser/csp.test.ts checks the policy itself with no bypass.
        const page = await browser.newPage({
          bypassCSP: true,
          viewport: options.viewport ?? viewportOf(name),
          colorScheme: options.theme ?? 'light',
        });
        page.setDefaultTimeout(WAIT_TIMEOUT);
        pages.push(page);
        const thrown: string[] = [];
        errors.set(page, thrown);
        page.on('pageerror', (error) => thrown.push(error.message));
        const url = new URL(viewOf(name).url);
        if (options.theme) url.searchParams.set('theme', options.theme);
        if (options.as) url.searchParams.set('as', options.as);
        await page.goto(url.toString());
        return page;
      },
      invoke: async (functionKey, payload, accountId) => {
        const response = await fetch(`${preview.url}/__preview/invoke`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ functionKey, payload, context: { accountId } }),
        });
        if (!response.ok) throw new Error(`The preview answered ${response.status}: ${await response.text()}`);
        return response.json();
      },
      errorsOf: (page) => errors.get(page) ?? [],
    };
  }, 60_000);
  afterAll(async () => {
    for (const page of pages) await page.close().catch(() => undefined);
    await harness?.browser.close();
    await harness?.preview.close();
  });
  return () => {
    if (!harness) throw new Error('The browser harness is not running');
    return harness;
  };
}

/**
 * The view in each theme, for the tests of a describe block: opened together before them (the preview audits while
 * Chromium renders), closed after them.
 */
export function useThemedPages(
  browser: () => BrowserHarness,
  view: ViewName,
  themes: readonly Theme[] = THEMES,
): (theme: Theme) => Page {
  const pages = new Map<Theme, Page>();
  beforeAll(async () => {
    const opened = await Promise.all(themes.map((theme) => browser().open(view, { theme })));
    opened.forEach((page, index) => pages.set(themes[index]!, page));
  }, BROWSER_TEST_TIMEOUT);
  afterAll(async () => {
    for (const page of pages.values()) await page.close();
  });
  return (theme) => {
    const page = pages.get(theme);
    if (!page) throw new Error(`The ${view} page is not open in the ${theme} theme`);
    return page;
  };
}

/**
 * Picks an option of a design-system Select (a combobox named `label`) as a keyboard user opens it and a mouse user
 * picks: focus, ArrowDown opens the menu, then a click on the option by its text. Returns the combobox.
 */
export async function chooseOption(scope: Page | Locator, label: string, option: string | RegExp): Promise<Locator> {
  const combobox = scope.getByRole('combobox', { name: label, exact: true });
  await combobox.scrollIntoViewIfNeeded();
  await combobox.focus();
  const page = 'page' in scope ? scope.page() : scope;
  await page.keyboard.press('ArrowDown');
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
  return combobox;
}

/** The value a design-system Select shows: the element its combobox is described by for that. */
export async function selectedText(scope: Page | Locator, label: string): Promise<string> {
  const combobox = scope.getByRole('combobox', { name: label, exact: true });
  const described = ((await combobox.getAttribute('aria-describedby')) ?? '').split(/\s+/);
  const valueId = described.find((id) => id.endsWith('-single-value'));
  if (!valueId) throw new Error(`The ${label} Select shows no value`);
  const page = 'page' in scope ? scope.page() : scope;
  return page.locator(`[id="${valueId}"]`).innerText();
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Waits until the locator is visible; the timeout error names what was expected. */
export async function shown(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible' });
  return locator;
}

export interface FlagQuery {
  /** How the flag names its subject: "PAY-184 SCA challenge flow…", "PAY Sprint 7", "Henrik Lindqvist", "Project DATA (Data & Insights)". */
  subject: string;
  /** The rule's id: the flag names the rule by its title. */
  rule: string;
  /** Only flags of these severities; any severity by default. */
  severities?: ReadonlyArray<'Error' | 'Warning' | 'Info'>;
}

/**
 * The disclosure button of a flag, found by what a reader sees on it: the severity first, the message, then
 * "subject · kind · rule". The subject may be any prefix of the label (an issue key alone, say).
 */
export function flagButton(scope: Page | Locator, { subject, rule, severities }: FlagQuery): Locator {
  const severity = severities ? `^(${severities.join('|')})\\b.*` : '';
  const title = ruleById(rule)?.meta.title ?? rule;
  const name = new RegExp(`${severity}(^|\\s)${escapeRegExp(subject)}[^·]* · [^·]+ · ${escapeRegExp(title)}$`);
  return scope.getByRole('button', { name });
}

/** The Flags section of a view. */
export function flagsSection(page: Page): Locator {
  return page.getByRole('region', { name: 'Flags', exact: true });
}

/** axe's serious and critical violations on the page as it is, each with where: what a view must have none of. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate<AxeResults['violations']>(
    "axe.run(document, { resultTypes: ['violations'] }).then((results) => results.violations)",
  );
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
