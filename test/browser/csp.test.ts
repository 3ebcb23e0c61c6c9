import type { Page } from 'playwright-core';
import { customUiPolicy } from '../../src/dev/preview/csp';
import {
  BROWSER_TEST_TIMEOUT,
  chooseOption,
  selectedText,
  shown,
  useBrowser,
  VIEW_NAMES,
  type ViewName,
} from './harness';

/**
 * Every view served under the content security policy Forge applies to Custom UI (the preview sends it, from the
 * manifest's `permissions.content`): no style or script may be refused. Emotion's injected <style> elements are
 * what such a policy refuses unless the manifest allows inline styles.
 */
jest.setTimeout(BROWSER_TEST_TIMEOUT * 2);
const browser = useBrowser();

/** Runs in the page before its own scripts: keeps every CSP violation the document reports. */
const RECORD_VIOLATIONS = `
  window.cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) =>
    window.cspViolations.push(
      event.effectiveDirective + ' refused ' + (event.blockedURI || 'inline') + ' (' + event.sourceFile + ':' + event.lineNumber + ')',
    ),
  );
`;

interface Refusals {
  violations: string[];
  console: string[];
}

/** Opens the view, its page served with `policy` in place of the preview's when given; says what CSP refused. */
async function openRecording(
  view: ViewName,
  policy?: string,
): Promise<{ page: Page; refusals: () => Promise<Refusals> }> {
  const page = await browser().browser.newPage({ viewport: { width: 1280, height: 900 } });
  const console: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) console.push(message.text());
  });
  await page.addInitScript(RECORD_VIOLATIONS);
  if (policy !== undefined)
    await page.route(/\/app\/\?/, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': policy } });
    });
  await page.goto(browser().viewUrl(view));
  await page.waitForLoadState('networkidle');
  return {
    page,
    refusals: async () => ({
      violations: await page.evaluate<string[]>('window.cspViolations'),
      console,
    }),
  };
}

describe("the views under Forge's content security policy", () => {
  it.each(VIEW_NAMES)('%s: served under the policy, and nothing refused', async (view) => {
    const { page, refusals } = await openRecording(view);
    const response = await page.request.get(browser().viewUrl(view));
    expect(response.headers()['content-security-policy']).toBe(customUiPolicy());
    expect(await refusals()).toEqual({ violations: [], console: [] });
    expect(browser().errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('opens and uses the design-system Selects, the role lists and the file drop zone with nothing refused', async () => {
    const { page, refusals } = await openRecording('admin');
    const form = page.getByRole('form', { name: 'Role Boundary Auditor settings' });
    await chooseOption(form, 'Severity of Sprint longer than the limit', 'Error');
    expect(await selectedText(form, 'Severity of Sprint longer than the limit')).toBe('Error');
    const groups = form.getByRole('combobox', { name: 'Product owners: groups', exact: true });
    await groups.focus();
    await page.keyboard.type('delivery-leads');
    await shown(page.getByRole('option', { name: 'Add “delivery-leads”' }));
    await page.keyboard.press('Enter');
    await shown(form.getByRole('list', { name: 'Product owners: groups' }).getByText('delivery-leads'));
    await shown(page.getByRole('group', { name: 'Configuration file to import' }).getByRole('button'));
    expect(await refusals()).toEqual({ violations: [], console: [] });
    await page.close();
  });

  it('would lose injected styles without the manifest allowing inline styles', async () => {
    const { page, refusals } = await openRecording('global', customUiPolicy({}));
    const { violations } = await refusals();
    expect(violations.some((violation) => violation.startsWith('style-src'))).toBe(true);
    await page.close();
  });
});
