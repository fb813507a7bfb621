// Real Chromium for the end-to-end tests: Debian's /usr/bin/chromium driven by playwright-core (no
// browser download), one browser per test file, a fresh context (cookies) per user. Each page can
// be checked with axe-core, injected through the DevTools protocol so a Content-Security-Policy
// that forbids inline scripts does not stop it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** No serious or critical accessibility violation on the page as it is now. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const violations = await page.evaluate(async (source) => {
    if (!(window as any).axe) (0, eval)(source);
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return (result.violations as Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }>)
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} at ${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join('; ')}`);
  }, axeSource);
  expect(violations, `axe-core on ${what}`).toEqual([]);
}

/** Signs in through the login form and waits for the app to show the first screen. */
export async function signInAs(page: Page, baseUrl: string, user: { email: string; password: string }, path = '/'): Promise<void> {
  await page.goto(`${baseUrl}/login?next=${encodeURIComponent(path)}`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** When ARREARS_SCREENSHOTS=1: the page as a PNG in docs/screenshots/ (the README shows them). */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  if (process.env.ARREARS_SCREENSHOTS !== '1') return;
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `docs/screenshots/${name}.png`, fullPage });
}

/** Whether the page is wider than its window (something does not fit a phone's screen). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}
