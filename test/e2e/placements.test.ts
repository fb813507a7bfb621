// Agency placement in real Chromium on the demo portfolio: an owner places a customer from its page,
// which then shows the placement and downloads the agency's ZIP with the session cookie (the bytes
// the API keeps, by SHA-256); a payment the agency reports is recorded with its commission; the
// placement is recalled; from a review on the worklist an owner places the account in one go; a
// collector is offered neither placing nor recalling and the server refuses both; axe-core on each
// view; 390 px without horizontal overflow. The small-claims pack: an owner downloads it (a PDF)
// from the customer page and from a review whose suggested route is small claims, or sees every
// reason it is refused beside the action; a collector is not offered it and the server refuses it. Customers and invoices are
// seeded through the API; the review task is stored directly, as the cycle would plan it. The
// review rules of /settings: edited by an owner with the errors beside the field; a viewer cannot.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar.ts';
import { formatAmount, formatDate } from '../../web/src/lib/format.ts';
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
    const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 }, locale: 'en-GB', timezoneId: 'Europe/London', acceptDownloads: true });
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
  await page.getByRole('heading', { name: 'Agency placements' }).waitFor();
  return page;
}

/** A customer of the demo organisation with one invoice `late` days overdue, made through the API. */
async function seedCustomer(key: string, name: string, total: number, late: number): Promise<{ id: string; invoiceId: string; number: string }> {
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
  return { id: customer.body.id, invoiceId: invoice.body.id, number: invoice.body.number };
}

/** A change made with the page's own session cookie, as the browser would send it. */
function postAs(page: Page, path: string, body: unknown): Promise<number> {
  return page.evaluate(
    async ({ path, body }) => (await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status,
    { path, body },
  );
}

const gbp = (minor: number | bigint) => formatAmount(BigInt(minor), 'GBP', 'en-GB');

describe('agency placement in the web app', () => {
  const seeded: Record<string, { id: string; invoiceId: string; number: string }> = {};
  beforeAll(async () => {
    seeded.placed = await seedCustomer('E2E-AGENCY', 'Agency Tester Ltd', 1200_00, 130);
    seeded.other = await seedCustomer('E2E-AGENCY-2', 'Collector Sees Ltd', 700_00, 100);
    seeded.review = await seedCustomer('E2E-AGENCY-3', 'Review Route Ltd', 900_00, 150);
  });

  it('places a customer from its page, shows the placement, downloads its ZIP, records an agency payment with the commission, and recalls it', async () => {
    const page = await openCustomer(seeded.placed!.id, 'owner');
    await page.getByText('Not placed with an agency.').waitFor();
    await page.getByRole('button', { name: 'Place with an agency' }).click();
    const form = page.getByRole('form', { name: 'Place with an agency' });
    await form.getByLabel('Commission (%)').fill('25.555');
    await form.getByRole('button', { name: 'Place with agency' }).click();
    await form.getByText('Name the agency').waitFor();
    await form.getByText(/at most 2 decimals/).waitFor();
    await form.getByLabel('Agency').fill('Northern Recoveries Ltd');
    await form.getByLabel('Commission (%)').fill('25');
    await expectAccessible(page, 'the placement form');
    await form.getByRole('button', { name: 'Place with agency' }).click();

    const item = page.getByTestId('placement');
    await expect.poll(() => item.getByTestId('placement-status').textContent()).toBe('with the agency (not chased here)');
    const listed = (await server.api('GET', `/api/v1/placements?customerId=${seeded.placed!.id}`)).body.data;
    expect(listed).toHaveLength(1);
    const placement = listed[0];
    expect(placement).toMatchObject({ agency: 'Northern Recoveries Ltd', commissionPercent: '25', status: 'placed', placedOn: server.today, accounts: 1 });
    const text = await item.textContent();
    expect(text).toContain(`Placement ${placement.id} with Northern Recoveries Ltd (25% commission)`);
    expect(text).toContain(`${seeded.placed!.number} (${gbp(1200_00)}, now ${gbp(1200_00)})`);
    await page.getByText('Placed with an agency', { exact: true }).first().waitFor(); // on the timeline

    // the file for the agency, fetched by the browser with its session cookie: a ZIP, the one the API keeps
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('link', { name: 'Download the agency’s file (ZIP)' }).click()]);
    expect(download.suggestedFilename()).toBe(`placement-${placement.id}-${server.today}.zip`);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(placement.archiveSha256);

    // a payment the agency reports, with its commission shown before and after saving
    await item.getByRole('button', { name: 'Record a payment the agency reports' }).click();
    const payment = page.getByRole('form', { name: 'Record a payment the agency reports' });
    await payment.getByLabel('Amount (GBP)').fill('300.10');
    await expect.poll(() => payment.getByTestId('agency-commission').textContent()).toBe(`Commission to the agency: ${gbp(75_03)}`); // 25% of 300.10, half up
    await expectAccessible(page, 'the agency payment form');
    await payment.getByRole('button', { name: 'Record payment' }).click();
    await expect.poll(() => item.getByTestId('agency-payment').textContent()).toBe(`The agency collected ${gbp(300_10)} on ${formatDate(server.today, 'en-GB')}, commission ${gbp(75_03)}`);
    const detail = (await server.api('GET', `/api/v1/placements/${placement.id}`)).body;
    expect(detail.payments).toMatchObject([{ amount: 300_10, commission: 75_03, currency: 'GBP', receivedOn: server.today }]);
    expect(detail.invoices).toMatchObject([{ balancePlaced: 1200_00, balance: 899_90 }]);
    await screenshot(page, 'customer-placement', true);

    await item.getByLabel('Reason (to recall, optional)').fill('the debtor called us directly');
    await item.getByRole('button', { name: 'Recall placement' }).click();
    await expect.poll(() => item.getByTestId('placement-status').textContent()).toBe('recalled');
    expect(await item.getByRole('button', { name: 'Recall placement' }).count()).toBe(0);
    // what the agency collected while it held the account can still be recorded
    expect(await item.getByRole('button', { name: 'Record a payment the agency reports' }).count()).toBe(1);
    expect((await server.api('GET', `/api/v1/placements/${placement.id}`)).body).toMatchObject({ status: 'recalled', recalledOn: server.today, recallReason: 'the debtor called us directly', recalledBy: expect.stringMatching(/^user:\d+$/) });
    await expectAccessible(page, 'a recalled placement');
  });

  it('offers a collector neither placing nor recalling, and the server refuses both to the collector’s session', async () => {
    const placed = await server.api('POST', '/api/v1/placements', { agency: 'Southern Agency', commissionPercent: 20, customerIds: [seeded.other!.id] });
    expect(placed.status, JSON.stringify(placed.body)).toBe(201);
    const collector = await openCustomer(seeded.other!.id, 'collector');
    await collector.getByTestId('placement').waitFor();
    expect(await collector.getByRole('button', { name: 'Place with an agency' }).count()).toBe(0);
    expect(await collector.getByRole('button', { name: 'Recall placement' }).count()).toBe(0);
    await collector.getByRole('link', { name: 'Download the agency’s file (ZIP)' }).waitFor();
    await expectAccessible(collector, 'a placement, for a collector');
    expect(await postAs(collector, '/api/v1/placements', { agency: 'Rogue Agency', commissionPercent: 10, customerIds: [seeded.review!.id] })).toBe(403);
    expect(await postAs(collector, `/api/v1/placements/${placed.body.id}/recall`, { reason: 'x' })).toBe(403);
    expect((await server.api('GET', `/api/v1/placements/${placed.body.id}`)).body.status).toBe('placed');
    expect((await server.api('GET', `/api/v1/placements?customerId=${seeded.review!.id}`)).body.data).toHaveLength(0);
  });

  it('places the account from a review on the worklist, recording the decision', async () => {
    expect((await server.api('POST', '/api/v1/cycle/run', { date: server.today })).status).toBe(200);
    const { org } = server.created;
    const caseRow = await server.database.db.selectFrom('cases').select('id').where('org_id', '=', org.id).where('customer_id', '=', BigInt(seeded.review!.id)).executeTakeFirstOrThrow();
    // the cycle's review rules queue the account (150 days late: more than 120 days overdue)
    const review = await server.database.db
      .selectFrom('actions')
      .select('id')
      .where('org_id', '=', org.id)
      .where('customer_id', '=', BigInt(seeded.review!.id))
      .where('channel', '=', 'review')
      .where('status', '=', 'ready')
      .executeTakeFirstOrThrow();
    const owner = await pageAs('owner', '/worklist?kind=review');
    await owner.getByTestId('worklist-rule').waitFor();
    await owner.locator(`[data-testid="work-item"][data-action-id="${review.id}"]`).click();
    const panel = owner.getByRole('article');
    await panel.getByRole('button', { name: 'Place with an agency' }).click();
    const form = panel.getByRole('form', { name: 'Place with an agency' });
    await form.getByLabel('Agency').fill('Court Side Recoveries');
    await form.getByLabel('Commission (%)').fill('12.5');
    await expectAccessible(owner, 'placing from a review on the worklist');
    await form.getByRole('button', { name: 'Place with agency' }).click();
    await expect.poll(() => owner.getByTestId('work-item').filter({ hasText: 'Review Route Ltd' }).count()).toBe(0);

    expect((await server.api('GET', `/api/v1/placements?customerId=${seeded.review!.id}`)).body.data).toMatchObject([{ agency: 'Court Side Recoveries', commissionPercent: '12.5', status: 'placed' }]);
    const decided = await server.database.db.selectFrom('actions').select(['status']).where('org_id', '=', org.id).where('id', '=', review.id).executeTakeFirstOrThrow();
    expect(decided.status).toBe('done');
    const caseNow = await server.database.db.selectFrom('cases').select('status').where('org_id', '=', org.id).where('id', '=', caseRow.id).executeTakeFirstOrThrow();
    expect(caseNow.status).toBe('agency');
  });

  it('fits a 390 px phone: the placement form and a placement with its actions', async () => {
    const fresh = await seedCustomer('E2E-AGENCY-4', 'Phone Placement Ltd', 450_00, 95);
    const page = await openCustomer(fresh.id, 'owner', 390);
    await page.getByRole('button', { name: 'Place with an agency' }).click();
    await page.getByRole('form', { name: 'Place with an agency' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'the placement form at 390 px');

    const other = await openCustomer(seeded.other!.id, 'owner', 390);
    await other.getByTestId('placement').getByRole('button', { name: 'Record a payment the agency reports' }).click();
    await other.getByRole('form', { name: 'Record a payment the agency reports' }).getByLabel('Amount (GBP)').fill('10');
    expect(await horizontalOverflow(other)).toBeLessThanOrEqual(0);
    await expectAccessible(other, 'a placement with its actions at 390 px');
  });
});

describe('small-claims pack in the web app', () => {
  /** A customer in England (the court follows the address) with an overdue invoice, through the API. */
  async function seedDebtor(key: string, name: string, kind: 'business' | 'consumer', total: number, late = 60): Promise<string> {
    const seeded = await seedCustomer(key, name, total, late);
    expect((await server.api('PATCH', `/api/v1/customers/${seeded.id}`, { kind, country: 'GB' })).status).toBe(200);
    return seeded.id;
  }

  it('an owner downloads the pack from the customer page, or reads every reason it is refused beside the action', async () => {
    const business = await seedDebtor('E2E-CLAIM-1', 'Claimable Trading Ltd', 'business', 1200_00);
    const page = await openCustomer(business, 'owner');
    await page.getByRole('button', { name: 'Small-claims pack' }).click();
    const action = page.getByTestId('claim-pack');
    await action.getByText(/not legal advice/).waitFor();
    await expectAccessible(page, 'the small-claims pack action');
    const [download] = await Promise.all([page.waitForEvent('download'), action.getByRole('button', { name: 'Prepare small-claims pack' }).click()]);
    expect(download.suggestedFilename()).toBe(`claim-pack-${business}.pdf`);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await action.getByRole('status').getByText('The pack was downloaded. Check it before filing.').waitFor();

    // an individual: no Letter of Claim has been sent, so no pack; the server's reason beside the button
    const person = await seedDebtor('E2E-CLAIM-2', 'Pat Claimant', 'consumer', 300_00);
    const refusedPage = await openCustomer(person, 'owner');
    await refusedPage.getByRole('button', { name: 'Small-claims pack' }).click();
    const refused = refusedPage.getByTestId('claim-pack');
    await refused.getByRole('button', { name: 'Prepare small-claims pack' }).click();
    const alert = refused.getByRole('alert');
    await alert.getByText('No pack can be made:').waitFor();
    const api = await server.api('POST', `/api/v1/customers/${person}/claim-pack`, undefined);
    expect(api.status).toBe(422);
    expect(api.body.details.reasons).toEqual([expect.stringMatching(/no Letter of Claim has been sent/)]);
    expect(await alert.getByRole('listitem').allTextContents()).toEqual(api.body.details.reasons);
    await expectAccessible(refusedPage, 'a refused small-claims pack');
  });

  it('is not offered to a collector, and the server refuses the collector’s session', async () => {
    const business = await seedDebtor('E2E-CLAIM-3', 'Collector Claim Ltd', 'business', 800_00);
    const collector = await openCustomer(business, 'collector');
    await collector.getByRole('button', { name: 'Record payment' }).waitFor();
    expect(await collector.getByRole('button', { name: 'Small-claims pack' }).count()).toBe(0);
    expect(await postAs(collector, `/api/v1/customers/${business}/claim-pack`, {})).toBe(403);
  });

  it('from a review whose suggested route is small claims, an owner downloads the pack', async () => {
    // small claims on, and (by the review rules set through the API) recovering the most
    const { org } = server.created;
    await sql`update orgs set settings = jsonb_set(settings, '{collections}', coalesce(settings -> 'collections', '{}'::jsonb) || '{"smallClaimsEnabled": true}'::jsonb) where id = ${org.id}`.execute(server.database.db);
    const rules = (await server.api('GET', '/api/v1/review-policy')).body.policy;
    const set = await server.api('PUT', '/api/v1/review-policy', { ...rules, recovery: { ...rules.recovery, smallClaims: { ratePercent: 95, courtFee: { GBP: '1.00' } } } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const business = await seedDebtor('E2E-CLAIM-4', 'Review Claim Ltd', 'business', 900_00, 150);
    expect((await server.api('POST', '/api/v1/cycle/run', { date: server.today })).status).toBe(200);
    const review = await server.database.db
      .selectFrom('actions')
      .select('id')
      .where('org_id', '=', org.id)
      .where('customer_id', '=', BigInt(business))
      .where('channel', '=', 'review')
      .where('status', '=', 'ready')
      .executeTakeFirstOrThrow();
    const owner = await pageAs('owner', '/worklist?kind=review');
    await owner.locator(`[data-testid="work-item"][data-action-id="${review.id}"]`).click();
    const panel = owner.getByRole('article');
    await panel.getByText(/\(suggested: Small-claims court\)/).waitFor();
    const action = panel.getByTestId('claim-pack');
    await expectAccessible(owner, 'the small-claims pack on a review');
    const [download] = await Promise.all([owner.waitForEvent('download'), action.getByRole('button', { name: 'Prepare small-claims pack' }).click()]);
    expect((await readFile((await download.path())!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});

describe('review rules in /settings', () => {
  it('an owner edits them with each default shown and the errors beside the field; a viewer cannot', async () => {
    const page = await pageAs('owner', '/settings');
    const form = page.getByRole('form', { name: 'Review rules' });
    const overdue = form.getByLabel('Oldest invoice more than this many days overdue — default 120');
    const large = form.getByLabel(/^A balance at or above .* — default GBP 5000\.00, USD 5000\.00, EUR 5000\.00$/);
    await overdue.waitFor();
    await overdue.fill('0');
    await large.fill('GBP 10.001');
    await form.getByRole('button', { name: 'Save the review rules' }).click();
    await form.getByText('From 1 to 3650').waitFor();
    await form.getByText('GBP 10.001: too many decimals, or not a currency').waitFor();
    expect(await overdue.getAttribute('aria-describedby')).toBe('review-daysOverdue-error');
    await expectAccessible(page, 'the review rules with errors');
    await overdue.fill('90');
    await large.fill('GBP 2500.00\nusd 3000');
    await form.getByRole('button', { name: 'Save the review rules' }).click();
    await form.getByText('Saved; the next daily cycle uses it.').waitFor();
    expect((await server.api('GET', '/api/v1/review-policy')).body.policy).toMatchObject({ daysOverdue: 90, largeBalance: { GBP: '2500.00', USD: '3000' } });

    const viewer = await pageAs('viewer', '/settings');
    const seen = viewer.getByRole('form', { name: 'Review rules' }).getByLabel(/Oldest invoice more than this many days overdue/);
    await expect.poll(() => seen.inputValue()).toBe('90');
    expect(await seen.isDisabled()).toBe(true);
    expect(await viewer.getByRole('button', { name: 'Save the review rules' }).count()).toBe(0);
    const refused = await viewer.evaluate(async () => (await fetch('/api/v1/review-policy', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ daysOverdue: 5 }) })).status);
    expect(refused).toBe(403);
    await expectAccessible(viewer, 'the review rules for a viewer');
  });
});
