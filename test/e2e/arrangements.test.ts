// Payment plans, settlements and write-offs in real Chromium on the demo portfolio: a plan proposed
// from the customer page with its instalments previewed to the penny, then accepted; a settlement
// below the approval threshold offered by a collector and approved by an owner from the worklist;
// an invoice written off, after which the customer's balance and Today's overdue figure drop by
// exactly its balance, then reversed; a viewer (and a collector, for owner-only actions) offered
// nothing the server would refuse, and refused by the server; axe-core on each view; 390 px.
// Customers and invoices are seeded through the API, as a script would.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar.ts';
import { formatAmount } from '../../web/src/lib/format.ts';
import { startDemoServer, type DemoServer } from './support/demo-server.ts';
import { expectAccessible, horizontalOverflow, launchBrowser, screenshot, signInAs } from './support/browser.ts';

let server: DemoServer;
let browser: Browser;
const pages = new Map<string, Page>();
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await server?.close();
});

/** One signed-in page per user and width, reused across the tests (signing in is the slow part). */
async function pageAs(who: 'owner' | 'collector' | 'viewer', path: string, width = 1280): Promise<Page> {
  const key = `${who}@${width}`;
  let page = pages.get(key);
  if (!page) {
    const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
    contexts.push(context);
    page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    await signInAs(page, server.url, server.users[who], path);
    pages.set(key, page);
  } else {
    await page.goto(server.url + path);
  }
  return page;
}

async function openCustomer(customerId: string, who: 'owner' | 'collector' | 'viewer', width = 1280): Promise<Page> {
  const page = await pageAs(who, `/customers/${customerId}`, width);
  await page.getByRole('heading', { name: 'Plans, settlements and write-offs' }).waitFor();
  return page;
}

/** A customer of the demo organisation with one invoice `late` days overdue, made through the API. */
async function seedCustomer(key: string, name: string, total: number, late: number): Promise<{ id: string; invoiceId: string }> {
  const customer = await server.api('POST', '/api/v1/customers', { externalId: key, name });
  expect(customer.status, JSON.stringify(customer.body)).toBe(201);
  const invoice = await server.api('POST', '/api/v1/invoices', {
    customerId: customer.body.id,
    number: `${key}-1`,
    issueDate: addDays(server.today, -late - 30),
    dueDate: addDays(server.today, -late),
    total,
  });
  expect(invoice.status, JSON.stringify(invoice.body)).toBe(201);
  return { id: customer.body.id, invoiceId: invoice.body.id };
}

/** A change made with the page's own session cookie, as the browser would send it. */
function postAs(page: Page, path: string, body: unknown): Promise<number> {
  return page.evaluate(
    async ({ path, body }) => (await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status,
    { path, body },
  );
}

const gbp = (minor: number | bigint) => formatAmount(BigInt(minor), 'GBP', 'en-GB');

describe('plans, settlements and write-offs in the web app', () => {
  const seeded: Record<string, { id: string; invoiceId: string }> = {};
  beforeAll(async () => {
    seeded.plan = await seedCustomer('E2E-PLAN', 'Plan Tester Ltd', 1000_00, 20);
    seeded.settle = await seedCustomer('E2E-SETTLE', 'Settle Tester Ltd', 2000_00, 45);
    seeded.writeOff = await seedCustomer('E2E-WO', 'Write-off Tester Ltd', 500_00, 40);
    seeded.pending = await seedCustomer('E2E-PENDING', 'Pending Tester Ltd', 800_00, 30);
  });

  it('proposes a plan from the customer page with its instalments previewed exactly, and accepts it', async () => {
    const page = await openCustomer(seeded.plan!.id, 'owner');
    await page.getByRole('button', { name: 'Propose plan' }).click();
    const form = page.getByRole('form', { name: 'Propose a payment plan' });
    await form.getByLabel('How many').fill('3');
    const first = addDays(server.today, 7);
    await form.getByLabel('First on').fill(first);
    const preview = page.getByTestId('plan-preview');
    await expect.poll(() => preview.locator('tbody tr').count()).toBe(3);
    // £1,000.00 in 3: the remainder on the last, to the penny
    expect(await preview.locator('tbody td.num').allTextContents()).toEqual([gbp(333_33), gbp(333_33), gbp(333_34)]);
    expect(await preview.getByRole('heading').textContent()).toBe(`Preview: ${gbp(1000_00)} in all`);
    // a down payment moves the instalments, still adding up exactly
    await form.getByLabel(/Down payment/).fill('100');
    await expect.poll(() => preview.locator('tbody td.num').allTextContents()).toEqual([gbp(100_00), gbp(300_00), gbp(300_00), gbp(300_00)]);
    await expectAccessible(page, 'the plan form with its preview');
    await screenshot(page, 'customer-plan', true);

    await form.getByRole('button', { name: 'Propose plan' }).click();
    const plan = page.getByTestId('plan');
    await expect.poll(() => plan.getByTestId('plan-status').textContent()).toBe('proposed, not yet accepted');
    await expect.poll(() => plan.locator('tbody tr').count()).toBe(4);
    const proposed = (await server.api('GET', `/api/v1/plans?customerId=${seeded.plan!.id}`)).body.data[0];
    expect(proposed).toMatchObject({ status: 'proposed', total: 1000_00, needsOwner: true });
    const detail = (await server.api('GET', `/api/v1/plans/${proposed.id}`)).body;
    // the plan saved is the plan previewed: the down payment today, then monthly from the first date
    expect(detail.instalments.map((i: { amount: number }) => i.amount)).toEqual([100_00, 300_00, 300_00, 300_00]);
    expect(detail.instalments.slice(0, 2).map((i: { dueOn: string }) => i.dueOn)).toEqual([server.today, first]);

    await plan.getByRole('button', { name: 'Accept plan' }).click();
    await expect.poll(() => plan.getByTestId('plan-status').textContent()).toBe('active');
    expect((await server.api('GET', `/api/v1/plans/${proposed.id}`)).body).toMatchObject({ status: 'active', acceptedBy: expect.stringMatching(/^user:\d+$/) });
    // who proposed and accepted it, by name, never as the id the API records
    const said = await plan.textContent();
    expect(said).toContain('proposed by Owner on');
    expect(said).toContain('accepted by Owner on');
    expect(said).not.toMatch(/user:\d/);
  });

  it('lets a collector offer a settlement below the threshold, which an owner approves from the worklist', async () => {
    const collector = await openCustomer(seeded.settle!.id, 'collector');
    // a collector is not offered a write-off, and the server refuses one
    expect(await collector.getByRole('button', { name: 'Write off' }).count()).toBe(0);
    expect(await postAs(collector, '/api/v1/write-offs', { invoiceId: seeded.settle!.invoiceId, reasonCode: 'bankrupt' })).toBe(403);
    await collector.getByRole('button', { name: 'Offer settlement' }).click();
    const form = collector.getByRole('form', { name: 'Offer a settlement' });
    await form.getByLabel('Percent').fill('60');
    await form.getByLabel('Expires on').fill(addDays(server.today, 14));
    await expectAccessible(collector, 'the settlement form');
    await form.getByRole('button', { name: 'Offer settlement' }).click();
    const settlement = collector.getByTestId('settlement');
    await expect.poll(() => settlement.getByTestId('settlement-status').textContent()).toBe('awaiting an owner’s approval');
    expect(await settlement.textContent()).toContain('offered by collector collector@example.com');
    expect(await settlement.getByRole('button', { name: 'Approve settlement' }).count()).toBe(0);
    const offered = (await server.api('GET', `/api/v1/settlements?customerId=${seeded.settle!.id}`)).body.data[0];
    expect(offered).toMatchObject({ status: 'awaiting_approval', amount: 1200_00, owed: 2000_00 });
    expect(await postAs(collector, `/api/v1/settlements/${offered.id}/approve`, { reason: 'fine' })).toBe(403);

    const owner = await pageAs('owner', '/worklist?kind=approval');
    await owner.getByTestId('worklist-rule').waitFor();
    const item = owner.getByTestId('work-item').filter({ hasText: 'Settle Tester Ltd' });
    await item.click();
    const panel = owner.getByRole('article');
    await expect.poll(() => panel.getByTestId('approval-terms').textContent()).toContain(`Settle ${gbp(1200_00)} of ${gbp(2000_00)} owed`);
    expect(await panel.getByTestId('approval-terms').textContent()).toContain('offered by collector collector@example.com on');
    await expectAccessible(owner, 'a settlement to approve on the worklist');
    await screenshot(owner, 'worklist-approval', true);
    await panel.getByRole('button', { name: 'Approve settlement' }).click();
    expect(await panel.getByText('Say why first.').count()).toBe(1); // a reason is needed
    await panel.getByLabel('Reason for the decision').fill('Better than going to court');
    await panel.getByRole('button', { name: 'Approve settlement' }).click();
    await expect.poll(() => owner.getByTestId('work-item').filter({ hasText: 'Settle Tester Ltd' }).count()).toBe(0);
    expect((await server.api('GET', `/api/v1/settlements/${offered.id}`)).body).toMatchObject({ status: 'offered', decidedBy: expect.stringMatching(/^user:\d+$/), decisionReason: 'Better than going to court' });
  });

  it('writes an invoice off: the customer owes nothing, Today’s overdue drops by exactly its balance; an owner reverses it', async () => {
    const overdueToday = async () => BigInt((await server.api('GET', '/api/v1/dashboard')).body.currencies.find((c: { currency: string }) => c.currency === 'GBP').overdue);
    const before = await overdueToday();
    const today = await pageAs('owner', '/');
    await expect.poll(() => today.getByTestId('overdue-GBP').textContent()).toBe(gbp(before));

    const page = await openCustomer(seeded.writeOff!.id, 'owner');
    await page.getByRole('button', { name: 'Write off' }).click();
    const form = page.getByRole('form', { name: 'Write off an invoice' });
    await form.getByLabel('Reason').selectOption('other');
    await form.getByRole('button', { name: 'Write off' }).click();
    await form.getByText('Say why (a note is needed with “other”)').waitFor();
    await form.getByLabel('Reason').selectOption('bankrupt');
    await form.getByLabel(/Note/).fill('administration closed');
    await expectAccessible(page, 'the write-off form');
    await form.getByRole('button', { name: 'Write off' }).click();
    await page.getByTestId('write-off').waitFor();
    await page.getByText('Nothing owed.').waitFor();
    expect(await page.getByTestId('write-off').textContent()).toContain(`${gbp(500_00)} on E2E-WO-1, bankrupt (administration closed)`);
    await screenshot(page, 'customer-write-off', true);

    await page.goto(`${server.url}/`);
    expect(await overdueToday()).toBe(before - 500_00n);
    await expect.poll(() => page.getByTestId('overdue-GBP').textContent()).toBe(gbp(before - 500_00n));

    const again = await openCustomer(seeded.writeOff!.id, 'owner');
    const writeOff = again.getByTestId('write-off');
    await writeOff.getByLabel('Reason (to reverse)').fill('written off by mistake');
    await writeOff.getByRole('button', { name: 'Reverse write-off' }).click();
    await expect.poll(() => writeOff.textContent()).toContain('reversed by');
    expect(await overdueToday()).toBe(before);
  });

  it('shows a viewer the arrangements and offers no change; the server refuses one made with the viewer’s session', async () => {
    const pending = await server.api('POST', '/api/v1/settlements', { customerId: seeded.pending!.id, percent: 50, expiresOn: addDays(server.today, 10) });
    expect(pending.body.status).toBe('awaiting_approval');
    const viewer = await openCustomer(seeded.plan!.id, 'viewer');
    await viewer.getByTestId('plan').waitFor();
    for (const name of ['Propose plan', 'Offer settlement', 'Write off', 'Accept plan', 'Cancel plan']) {
      expect(await viewer.getByRole('button', { name }).count(), name).toBe(0);
    }
    await expectAccessible(viewer, 'the customer page’s arrangements, for a viewer');
    expect(await postAs(viewer, '/api/v1/plans', { customerId: seeded.pending!.id, invoiceIds: [seeded.pending!.invoiceId], instalments: 2, first: addDays(server.today, 7), every: 'month' })).toBe(403);
    expect(await postAs(viewer, `/api/v1/settlements/${pending.body.id}/approve`, { reason: 'x' })).toBe(403);
    expect(await postAs(viewer, '/api/v1/write-offs', { invoiceId: seeded.pending!.invoiceId, reasonCode: 'bankrupt' })).toBe(403);

    // Today counts the approvals waiting, and they are the worklist's Approvals
    await viewer.goto(`${server.url}/`);
    await expect.poll(() => viewer.getByTestId('work-approvals').textContent()).toMatch(/^\d+$/);
    const waiting = Number(await viewer.getByTestId('work-approvals').textContent());
    expect(waiting).toBeGreaterThanOrEqual(1);
    await viewer.getByTestId('work-approvals').click();
    await viewer.getByTestId('worklist-rule').waitFor();
    await expect.poll(() => viewer.getByTestId('work-item').count()).toBe(waiting);
    await viewer.getByTestId('work-item').filter({ hasText: 'Pending Tester Ltd' }).click();
    await viewer.getByText('You can see this, not decide it.').waitFor();
    await viewer.getByTestId('approval-terms').waitFor();
    expect(await viewer.getByRole('button', { name: /Approve|Decline/ }).count()).toBe(0);
    expect((await server.api('GET', `/api/v1/settlements/${pending.body.id}`)).body.status).toBe('awaiting_approval');
  });

  it('fits a 390 px phone: the plan form with its preview and an approval on the worklist', async () => {
    const page = await openCustomer(seeded.pending!.id, 'owner', 390);
    await page.getByRole('button', { name: 'Propose plan' }).click();
    const form = page.getByRole('form', { name: 'Propose a payment plan' });
    await form.getByLabel('How many').fill('4');
    await form.getByLabel('First on').fill(addDays(server.today, 3));
    await expect.poll(() => page.getByTestId('plan-preview').locator('tbody tr').count()).toBe(4);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'the plan form at 390 px');
    await screenshot(page, 'customer-plan-390', true);

    await page.goto(`${server.url}/worklist?kind=approval`);
    await page.getByTestId('work-item').filter({ hasText: 'Pending Tester Ltd' }).click();
    await page.getByTestId('approval-terms').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'an approval on the worklist at 390 px');
    await screenshot(page, 'worklist-approval-390', true);
  });
});
