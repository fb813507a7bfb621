// The staff web app in real Chromium on the demo portfolio: signing in and out, what a viewer may
// not do, Today's figures against the API, working a call to a promise (after which the next cycle
// leaves that customer alone), opening a dispute, the phone layout, and axe-core on every screen.
// One browser for the file; each user in a context of their own.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertActions } from '../../src/db/queries/actions.ts';
import { formatAmount } from '../../web/src/lib/format.ts';
import { startDemoServer, type DemoServer } from './support/demo-server.ts';
import { expectAccessible, horizontalOverflow, launchBrowser, screenshot, signInAs } from './support/browser.ts';

let server: DemoServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function pageFor(width = 1280, height = 900): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'en-GB', timezoneId: 'Europe/London' });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

/** A demo customer with overdue open invoices, and those invoices. */
async function overdueCustomer(skip: string[] = []) {
  const rows = await server.database.db
    .selectFrom('invoices')
    .select(['customer_id', 'id', 'number', 'currency'])
    .where('org_id', '=', server.created.org.id)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('disputes').select('id').whereRef('disputes.org_id', '=', 'invoices.org_id').whereRef('disputes.invoice_id', '=', 'invoices.id'))))
    // a customer who promised to pay (an earlier test works a call to a promise) has nothing to be called about
    .where((eb) => eb.not(eb.exists(eb.selectFrom('promises').select('id').whereRef('promises.org_id', '=', 'invoices.org_id').whereRef('promises.customer_id', '=', 'invoices.customer_id').where('promises.status', '=', 'pending'))))
    .where('status', '=', 'open')
    .where('due_date', '<', server.today)
    .where('balance', '>', 0n)
    .orderBy('customer_id')
    .execute();
  const customerId = rows.find((row) => !skip.includes(String(row.customer_id)))!.customer_id;
  return { customerId: String(customerId), invoices: rows.filter((row) => row.customer_id === customerId) };
}

describe('the staff web app', () => {
  it('signs in with the printed password, refuses a wrong one without saying which field, and signs out', async () => {
    const page = await pageFor();
    await page.goto(`${server.url}/customers`);
    await page.waitForURL(/\/login\?next=%2Fcustomers/);
    await expectAccessible(page, '/login');
    await screenshot(page, 'login');
    await page.getByLabel('Email').fill(server.users.owner.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).not.toMatch(/email (is|was) wrong|password (is|was) wrong/i);

    await page.getByLabel('Password').fill(server.users.owner.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/customers');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    // The session ended on the server: the app asks to sign in again.
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/login/);
    const who = await page.request.get(`${server.url}/api/v1/session`);
    expect(who.status()).toBe(401);
  });

  it('shows on Today the overdue amount per currency that GET /api/v1/aging reports, never added across currencies', async () => {
    const page = await pageFor();
    await signInAs(page, server.url, server.users.owner);
    const aging = await server.api('GET', '/api/v1/aging?limit=1');
    const currencies = Object.keys(aging.body.totals);
    expect(currencies.length).toBeGreaterThan(1);
    for (const currency of currencies) {
      const totals = aging.body.totals[currency];
      const overdue = BigInt(totals.total) - BigInt(totals.current);
      await expect.poll(() => page.getByTestId(`overdue-${currency}`).textContent()).toBe(formatAmount(overdue, currency, 'en-GB'));
      expect(await page.getByTestId(`owed-${currency}`).textContent()).toBe(formatAmount(totals.total, currency, 'en-GB'));
    }
    await page.getByText('DSO and CEI,', { exact: false }).first().waitFor();
    await expectAccessible(page, 'Today');
    await screenshot(page, 'today', true);

    // a figure opens the rows behind it: the overdue figure of a currency, its overdue customers
    const currency = currencies.at(-1)!;
    const behind = (await server.api('GET', `/api/v1/customers?currency=${currency}&overdue=true&limit=500`)).body.data as Array<{ balances: Array<{ currency: string; overdue: number }> }>;
    const totals = aging.body.totals[currency];
    expect(behind.flatMap((row) => row.balances).filter((b) => b.currency === currency).reduce((sum, b) => sum + BigInt(b.overdue), 0n)).toBe(BigInt(totals.total) - BigInt(totals.current));
    await page.getByTestId(`overdue-${currency}`).click();
    await page.getByText(`Showing customers with something overdue in ${currency}.`).waitFor();
    expect(new URL(page.url()).search).toBe(`?currency=${currency}&overdue=true`);
    await expect.poll(() => page.locator('table.data-table tbody tr').count()).toBe(Math.min(50, behind.length));
    await page.getByRole('link', { name: 'Today' }).click();
    await page.getByTestId(`overdue-${currency}`).waitFor();

    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByLabel('Search customers').waitFor();
    await page.getByRole('cell').first().waitFor();
    await expectAccessible(page, '/customers');
    await screenshot(page, 'customers');

    await page.getByRole('link', { name: 'Actions' }).click();
    await page.getByRole('heading', { name: 'Actions' }).waitFor();
    await expectAccessible(page, '/actions');
    await screenshot(page, 'actions');

    await page.getByRole('link', { name: 'Playbooks' }).click();
    await page.getByRole('heading', { name: 'Segment rules' }).waitFor();
    await page.getByRole('cell', { name: 'anyone else' }).waitFor();
    await expectAccessible(page, '/playbooks');
    await screenshot(page, 'playbooks');
    await page.getByRole('link', { name: 'standard' }).first().click();
    await page.getByRole('list', { name: 'Steps, in order' }).waitFor();
    await expectAccessible(page, '/playbooks/:name');

    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Sender name').waitFor();
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    await expectAccessible(page, '/settings');

    // The owner invites a collector; the link (shown once) lets them join and be signed in.
    await page.getByLabel('Email', { exact: true }).fill('new.collector@example.com');
    await page.getByRole('button', { name: 'Invite' }).click();
    const link = await page.getByTestId('invite-link').textContent();
    expect(link).toMatch(/\/invite#token=/);
    const invitee = await pageFor();
    await invitee.goto(`${server.url}/invite#${link!.split('#')[1]}`);
    await invitee.getByLabel('Your name').fill('Nia Collector');
    await invitee.getByLabel(/Choose a password/).fill('a-good-long-password');
    await expectAccessible(invitee, '/invite');
    await invitee.getByRole('button', { name: 'Join and sign in' }).click();
    await invitee.getByRole('heading', { name: /^Today/ }).waitFor();
    expect(await invitee.locator('.who').textContent()).toContain('Nia Collector');
  });

  it('works a call to a promise from the worklist, opens the next item, and the next cycle does not chase that customer', async () => {
    const first = await overdueCustomer();
    const second = await overdueCustomer([first.customerId]);
    const task = (customer: typeof first, key: string) => ({
      customerId: BigInt(customer.customerId), caseId: null, key, cycleDate: server.today, kind: 'task' as const, channel: 'call' as const,
      playbookName: 'standard', playbookVersion: 0, stepKey: 'call', stepName: 'Call', stepIndex: 2, tone: 'firm' as const, template: 'call-firm',
      status: 'ready' as const, dueAt: `${server.today}T08:00:00Z`, rule: null, reason: null,
      invoiceIds: customer.invoices.map((invoice) => invoice.id), invoiceNumbers: customer.invoices.map((invoice) => invoice.number), amounts: {}, data: {},
    });
    const [callFirst, callSecond] = await insertActions(server.database.db, server.created.org.id, [task(first, 'e2e-call-1'), task(second, 'e2e-call-2')]);
    // fifty more calls with nothing at stake (ranked after every other): the calls run to a second page
    await insertActions(server.database.db, server.created.org.id, Array.from({ length: 50 }, (_, index) => ({ ...task(second, `e2e-call-extra-${index}`), invoiceIds: [], invoiceNumbers: [] })));

    const page = await pageFor();
    // Today's counts and the worklist are the same rows, kind by kind.
    await signInAs(page, server.url, server.users.collector, '/');
    await expect.poll(() => page.getByTestId('work-calls').textContent()).toMatch(/^\d+$/);
    const shownToday = async (testId: string) => Number(await page.getByTestId(testId).textContent());
    const counts = { call: await shownToday('work-calls'), review: await shownToday('work-reviews'), send: await shownToday('work-sends'), promise: await shownToday('work-promises') };
    expect(counts.call).toBeGreaterThanOrEqual(52);
    // a page of the queue holds 50 items (worklistPageSize); the rest are on the next pages
    const pageSize = 50;
    for (const [kind, count] of Object.entries(counts).reverse()) {
      await page.goto(`${server.url}/worklist?kind=${kind}`);
      await page.getByTestId('worklist-rule').waitFor();
      await expect.poll(() => page.getByTestId('work-item').count(), { message: `worklist ${kind}` }).toBe(Math.min(count, pageSize));
      expect(await page.getByTestId('worklist-next').count(), `worklist ${kind}: a next page`).toBe(count > pageSize ? 1 : 0);
      if (count > pageSize) {
        await page.getByTestId('worklist-next').click();
        await expect.poll(() => page.getByTestId('work-item').count(), { message: `worklist ${kind}, page 2` }).toBe(Math.min(count - pageSize, pageSize));
        await page.getByTestId('worklist-previous').click();
        await expect.poll(() => page.getByTestId('work-item').count(), { message: `worklist ${kind}, back` }).toBe(pageSize);
      }
    }
    // the fifty calls have served the pages: cancelled, they leave the queue (and the screenshot)
    await server.database.db.updateTable('actions').set({ status: 'cancelled' }).where('org_id', '=', server.created.org.id).where('idempotency_key', 'like', 'e2e-call-extra-%').execute();
    await page.reload();
    await expect.poll(() => page.getByTestId('work-item').count(), { message: 'the calls, without the fifty' }).toBe(Math.min(counts.call - 50, pageSize));
    // The order is the server's, and the page says what it is.
    expect(await page.getByTestId('worklist-rule').textContent()).toMatch(/late/i);
    // the item after it in the queue (or the first other one, when it is the last) is the next to open
    const queue = await page.getByTestId('work-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-action-id')));
    const at = queue.indexOf(String(callFirst!.id));
    const following = queue[at + 1] ?? queue.find((id) => id !== String(callFirst!.id));
    expect(queue).toContain(String(callSecond!.id));
    await page.locator(`[data-action-id="${callFirst!.id}"]`).click();
    await page.getByRole('heading', { name: /^Call / }).waitFor();
    await expectAccessible(page, '/worklist (a call)');
    await screenshot(page, 'worklist-call');
    // Every outcome the API has is one button.
    const outcomes = await page.locator('[data-outcome]').evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-outcome')));
    expect(outcomes).toEqual(['no_answer', 'voicemail', 'wrong_number', 'promise', 'dispute', 'cant_pay', 'wont_pay', 'already_paid', 'call_back']);

    // Keyboard only: the promise is outcome 4.
    await page.keyboard.press('4');
    const currency = first.invoices[0]!.currency;
    await page.getByLabel('Amount promised').fill(currency === 'JPY' ? '1000' : '10.00');
    await page.getByLabel('To pay by').fill(server.today);
    await page.getByRole('button', { name: 'Record' }).click();
    // The next item opens.
    await page.waitForURL(new RegExp(`item=action%3A${following}$`));

    const promises = await server.api('GET', `/api/v1/promises?customerId=${first.customerId}&status=pending`);
    expect(promises.body.data).toHaveLength(1);
    const tomorrow = new Date(Date.parse(`${server.today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const cycle = await server.api('POST', '/api/v1/cycle/run', { date: tomorrow });
    expect(cycle.status).toBe(200);
    expect(cycle.body.actions.filter((action: { customerId: string }) => action.customerId === first.customerId)).toEqual([]);
  });

  it('opens a dispute on an invoice from the customer page', async () => {
    const { customerId, invoices } = await overdueCustomer();
    const page = await pageFor();
    await signInAs(page, server.url, server.users.collector, `/customers/${customerId}`);
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await page.getByRole('cell', { name: invoices[0]!.number }).waitFor();
    await expectAccessible(page, '/customers/:id');
    const before = (await server.api('GET', `/api/v1/disputes?customerId=${customerId}&status=open`)).body.data.length;
    await page.getByRole('button', { name: 'Open dispute' }).click();
    await page.getByLabel('Invoice', { exact: true }).selectOption({ label: invoices[0]!.number });
    await page.getByLabel('Reason').selectOption('quality');
    await page.getByLabel('What the customer says').fill('The chairs arrived broken');
    await expectAccessible(page, 'the dispute form');
    await page.getByRole('button', { name: 'Open dispute' }).last().click();
    await page.getByText('The chairs arrived broken').first().waitFor();
    await screenshot(page, 'customer', true);
    const after = await server.api('GET', `/api/v1/disputes?customerId=${customerId}&status=open`);
    expect(after.body.data.length).toBe(before + 1);
    expect(after.body.data.map((dispute: { reason: string }) => dispute.reason)).toContain('The chairs arrived broken');
  });

  it('finds a customer by invoice number, filters by lateness, and keeps the search in a link that can be shared', async () => {
    const { customerId, invoices } = await overdueCustomer();
    const page = await pageFor();
    await signInAs(page, server.url, server.users.viewer, '/customers');
    await page.getByLabel('Search customers').fill(invoices[0]!.number);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(new RegExp(`q=${invoices[0]!.number}`));
    await expect.poll(() => page.getByRole('row').count()).toBe(2);
    expect(await page.locator('tbody a').getAttribute('href')).toBe(`/customers/${customerId}`);

    await page.goto(`${server.url}/customers?bucket=91%2B&sort=name`);
    await page.getByRole('cell').first().waitFor();
    expect(await page.getByLabel('Lateness').inputValue()).toBe('91+');
    const late = (await page.locator('tbody tr td:nth-child(5)').allTextContents()).map(Number);
    expect(late.length).toBeGreaterThan(0);
    for (const days of late) expect(days).toBeGreaterThanOrEqual(91);
    const names = await page.locator('tbody a').allTextContents();
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    await expectAccessible(page, '/customers filtered');
  });

  it('lets a viewer read and not change: no actions offered, and the server refuses a change made with the viewer’s session', async () => {
    const { customerId } = await overdueCustomer();
    const page = await pageFor();
    await signInAs(page, server.url, server.users.viewer, `/customers/${customerId}`);
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Actions' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Record payment' }).count()).toBe(0);
    const refused = await page.evaluate(async (id) => {
      const response = await fetch('/api/v1/promises', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ customerId: id, amount: 100, dueOn: '2030-01-01' }) });
      return response.status;
    }, customerId);
    expect(refused).toBe(403);
  });

  it('says why the contact rules refuse a message sent by hand, before and after pressing Send', async () => {
    const { customerId } = await overdueCustomer();
    const flags = await server.api('PATCH', `/api/v1/customers/${customerId}/contact-flags`, { reason: 'letter from the customer', ceaseRequestedOn: server.today });
    expect(flags.status).toBe(200);
    const page = await pageFor();
    await signInAs(page, server.url, server.users.collector, `/customers/${customerId}`);
    await page.getByRole('button', { name: 'Send by hand' }).click();
    await page.getByLabel('Template').selectOption('firm-reminder');
    const check = page.getByTestId('contact-check');
    await expect.poll(() => check.textContent()).toMatch(/cease/i);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/cease/i);
    const actions = await server.api('GET', `/api/v1/actions?customerId=${customerId}&status=ready`);
    expect(actions.body.data.filter((action: { template: string }) => action.template === 'firm-reminder')).toEqual([]);
  });

  it('fits a 390 px phone: the worklist and the customer page need no sideways scrolling', async () => {
    const customer = await overdueCustomer();
    const { customerId } = customer;
    const [call] = await insertActions(server.database.db, server.created.org.id, [
      {
        customerId: BigInt(customerId), caseId: null, key: 'e2e-call-390', cycleDate: server.today, kind: 'task', channel: 'call',
        playbookName: 'standard', playbookVersion: 0, stepKey: 'call', stepName: 'Call', stepIndex: 2, tone: 'firm', template: 'call-firm',
        status: 'ready', dueAt: `${server.today}T08:00:00Z`, rule: null, reason: null,
        invoiceIds: customer.invoices.map((invoice) => invoice.id), invoiceNumbers: customer.invoices.map((invoice) => invoice.number), amounts: {}, data: {},
      },
    ]);
    const page = await pageFor(390, 844);
    await signInAs(page, server.url, server.users.collector, `/customers/${customerId}`);
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'customer-390', true);
    // a contact edited in place; a bad address is refused beside its field; Escape leaves it
    const edit = page.getByRole('button', { name: /^Edit / }).first();
    await edit.click();
    const form = page.getByRole('form', { name: /^Edit / });
    await form.getByLabel('Email').fill('not-an-address');
    await form.getByRole('button', { name: 'Save the contact' }).click();
    await form.getByText('Write an email address').waitFor();
    expect(await horizontalOverflow(page), 'contact form at 390 px').toBeLessThanOrEqual(0);
    await expectAccessible(page, 'a contact being edited at 390 px');
    await screenshot(page, 'customer-contact-390');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });

    await page.getByRole('link', { name: 'Worklist' }).click();
    await page.getByRole('heading', { name: 'Worklist' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, '/worklist at 390 px');
    await screenshot(page, 'worklist-390');
    await page.locator(`[data-action-id="${call!.id}"]`).click();
    await page.getByRole('link', { name: '← Back to the queue' }).waitFor();
    await page.getByRole('heading', { name: /^Call / }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'worklist-call-390', true);
    // call back at…: keyboard only (outcome 9), entered in the customer's time, with the same moment in the organisation's
    await page.locator('body').press('9');
    await page.getByLabel(/Call back at, the customer’s time/).fill(`${server.today}T23:30`);
    await page.getByText(/for you \(Europe\/London\)/).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'the call-back fields at 390 px');
    await screenshot(page, 'worklist-call-back-390', true);
    await page.keyboard.press('Escape');
    await page.getByRole('form', { name: 'Outcome details' }).waitFor({ state: 'detached' });
  });
});
