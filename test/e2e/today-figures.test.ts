// Every figure on Today opens the rows behind it, in real Chromium on the demo portfolio: a bar of
// the aging (and its amount under the chart) opens the customers with an invoice in that bucket
// and currency, the same customers as the aging report's; a month of DSO and CEI opens the figures
// it is made from; the promised figure opens its currency's promises, named, adding up to it.
// axe-core on each view; nothing wider than a 390 px phone.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar.ts';
import { formatAmount } from '../../web/src/lib/format.ts';
import { expectAccessible, horizontalOverflow, launchBrowser, screenshot, signInAs } from './support/browser.ts';
import { startDemoServer, type DemoServer } from './support/demo-server.ts';

let server: DemoServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

async function ownerPage(path: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await signInAs(page, server.url, server.users.owner, path);
  return page;
}

const gbp = (minor: number | bigint) => formatAmount(BigInt(minor), 'GBP', 'en-GB');

/** Every customer id an API list gives, page after page. */
async function allIds(path: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { data: Array<{ id: string }>; nextCursor: string | null } } = await server.api('GET', `${path}&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    ids.push(...page.body.data.map((row) => row.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  return ids.sort();
}

describe('Today’s figures open the rows behind them', () => {
  it('a bar of the aging, or its amount, opens the customers with an invoice in that bucket and currency', async () => {
    const dashboard = (await server.api('GET', '/api/v1/dashboard')).body;
    const gbpAging = dashboard.currencies.find((c: { currency: string }) => c.currency === 'GBP').aging;
    const page = await ownerPage('/');
    const figure = page.getByTestId('aging-GBP-31-60');
    await expect.poll(() => figure.textContent()).toBe(gbp(gbpAging['31-60']));
    await figure.click();
    await page.waitForURL(/\/customers\?/);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ currency: 'GBP', invoiceBucket: '31-60' });
    await page.getByText('Showing customers with an invoice 31–60 days late in GBP.').waitFor();
    // the customers listed are the aging report's: those with a GBP amount 31–60 days late
    const aging: Array<{ id: string; currency: string; '31-60': number }> = [];
    let cursor: string | null = null;
    do {
      const reply: { body: { data: typeof aging; nextCursor: string | null } } = await server.api('GET', `/api/v1/aging?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
      aging.push(...reply.body.data);
      cursor = reply.body.nextCursor;
    } while (cursor);
    const behindBar = aging.filter((row) => row.currency === 'GBP' && Number(row['31-60']) > 0).map((row) => row.id).sort();
    expect(behindBar.length).toBeGreaterThan(0);
    expect(await allIds('/api/v1/customers?currency=GBP&invoiceBucket=31-60')).toEqual(behindBar);
    const shown = await page.locator('table.data-table tbody tr').count();
    expect(shown).toBe(Math.min(behindBar.length, 50));
    await expectAccessible(page, 'the customers behind an aging bar');

    // the bar itself opens the same list (the 91+ bar of GBP, the fifth)
    await page.goto(`${server.url}/`);
    const chart = page.locator('figure.chart').filter({ hasText: 'Aging of GBP balances' });
    await chart.locator('.recharts-bar-rectangle').nth(4).click();
    await page.waitForURL(/invoiceBucket=91/);
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ currency: 'GBP', invoiceBucket: '91+' });
  });

  it('a month of DSO and CEI opens the figures it is made from, the same DSO as the chart', async () => {
    const dashboard = (await server.api('GET', '/api/v1/dashboard')).body;
    const lastMonth = dashboard.trend.at(-2) as { month: string; from: string; to: string; currencies: Array<{ currency: string; dsoDays: number; ceiPercent: number | null }> };
    const gbpMonth = lastMonth.currencies.find((c) => c.currency === 'GBP')!;
    const page = await ownerPage('/');
    const chart = page.locator('figure.chart').filter({ hasText: 'DSO and CEI, GBP' });
    await chart.getByText('Month by month').click();
    await chart.getByTestId(`kpi-GBP-${lastMonth.month}`).click();
    await page.waitForURL(new RegExp(`kpi=${lastMonth.month}`));
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ kpi: lastMonth.month, currency: 'GBP' });
    const panel = page.locator('section.kpi-figures');
    await expect.poll(() => panel.getByTestId('kpi-dso').textContent()).toMatch(new RegExp(`^${gbpMonth.dsoDays} days`));
    const kpis = (await server.api('GET', `/api/v1/kpis?from=${lastMonth.from}&to=${lastMonth.to}`)).body.currencies.find((c: { currency: string }) => c.currency === 'GBP');
    expect(kpis.dso.days).toBe(gbpMonth.dsoDays);
    expect(await panel.textContent()).toContain(gbp(kpis.creditSales));
    expect(await panel.getByTestId('kpi-cei').textContent()).toContain(`${gbpMonth.ceiPercent}%`);
    await expectAccessible(page, 'Today with a month’s DSO and CEI figures');
    await screenshot(page, 'today-kpi-figures');
  });

  it('the promised figure opens its currency’s promises, named, adding up to it', async () => {
    const owing = (await server.api('GET', '/api/v1/customers?currency=GBP&overdue=true&limit=2')).body.data as Array<{ id: string; name: string }>;
    for (const [index, customer] of owing.entries()) {
      const made = await server.api('POST', '/api/v1/promises', { customerId: customer.id, amount: 1234 + index, currency: 'GBP', dueOn: addDays(server.today, 5 + index) });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
    }
    const promised = (await server.api('GET', '/api/v1/dashboard')).body.currencies.find((c: { currency: string }) => c.currency === 'GBP').promisedNext30Days;
    const page = await ownerPage('/');
    const figure = page.getByTestId('promised-GBP');
    await expect.poll(() => figure.textContent()).toBe(gbp(promised));
    expect(await figure.getAttribute('href')).toBe('#promised-GBP');
    await figure.click();
    const table = page.getByTestId('promises-GBP');
    await table.waitFor();
    expect(await table.getByTestId('promises-total-GBP').textContent()).toBe(gbp(promised));
    const names = await table.locator('tbody td a').allTextContents();
    for (const customer of owing) expect(names).toContain(customer.name);
    expect(names.join(' ')).not.toMatch(/^Customer \d+/);
    await expectAccessible(page, 'Today with promises');
  });

  it('fits a 390 px phone: Today with a month’s figures, and the customers behind a bar', async () => {
    const month = (await server.api('GET', '/api/v1/dashboard')).body.trend.at(-1).month;
    const page = await ownerPage(`/?kpi=${month}&currency=GBP`, 390);
    await page.getByTestId('kpi-dso').waitFor();
    await page.getByTestId('kpi-ending-receivables').waitFor(); // this month's receivables are the customers owing now
    expect(await horizontalOverflow(page)).toBe(0);
    // with a chart's tooltip open, so its coloured names and values are checked too
    const chart = page.getByTestId('kpi-chart-GBP');
    await chart.scrollIntoViewIfNeeded();
    await chart.locator('.recharts-wrapper').hover();
    await page.locator('.recharts-tooltip-item').first().waitFor();
    await expectAccessible(page, 'Today at 390 px');
    await page.goto(`${server.url}/customers?currency=GBP&invoiceBucket=1-30`);
    await page.getByText('Showing customers with an invoice 1–30 days late in GBP.').waitFor();
    await page.locator('table.data-table tbody tr').first().waitFor();
    expect(await horizontalOverflow(page)).toBe(0);
  });
});
