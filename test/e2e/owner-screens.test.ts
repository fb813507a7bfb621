// The owner's screens in real Chromium on the demo portfolio: an import checked, refused for a bad
// row with the row's line, column and value shown, fixed and imported; a large import's progress
// bar moving and ending; a playbook step edited and
// the simulation seen to change before anything is saved; a template's wording checked line by
// line and previewed; the settings saved; a viewer offered no changes; axe-core on every screen.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptPlan } from '../../src/app/arrangements/accept-plan.ts';
import { proposePlan } from '../../src/app/arrangements/propose-plan.ts';
import { createOrg } from '../../src/app/orgs/create-org.ts';
import { addDays } from '../../src/domain/calendar.ts';
import { instantOn, makeCustomer, makeInvoice } from '../support/fixtures.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { startDemoServer, type DemoServer } from './support/demo-server.ts';
import { expectAccessible, horizontalOverflow, launchBrowser, screenshot, signInAs } from './support/browser.ts';

let server: DemoServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startDemoServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function pageFor(width = 1280, height = 900): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

/**
 * A small hand-made portfolio in an organisation of its own: three customers 10, 20 and 30 days
 * overdue, reachable by email and post, and a fourth on a payment plan whose first instalment is
 * due in 2 days (nobody pays in a simulation: it is missed, then the plan defaults). The simulation runs the cycle for every day of the range
 * over the whole portfolio (≈ 3 s a day for the demo's 300 customers on a loaded machine), so the
 * simulation test uses this one.
 */
async function smallShop(): Promise<{ email: string; password: string }> {
  const created = await createOrg(server.database.db, { name: 'Small Shop Ltd', slug: 'small-shop', currency: 'GBP', timeZone: 'Europe/London', country: 'GB', ownerEmail: 'owner@small-shop.example' });
  for (const late of [10, 20, 30]) {
    const customer = await makeCustomer(server.database, created.org.id, { externalId: `SS-${late}`, name: `Customer ${late} days late` });
    await server.database.db
      .insertInto('contacts')
      .values({ org_id: created.org.id, customer_id: customer.id, email: `ap${late}@small-shop-customer.example`, address_line1: `${late} High Street` } as never)
      .execute();
    await makeInvoice(server.database, created.org.id, customer.id, { number: `SS-INV-${late}`, issueDate: addDays(server.today, -late - 30), dueDate: addDays(server.today, -late), total: BigInt(late) * 10_000n });
  }
  const planned = await makeCustomer(server.database, created.org.id, { externalId: 'SS-PLAN', name: 'Customer on a plan' });
  await server.database.db.insertInto('contacts').values({ org_id: created.org.id, customer_id: planned.id, email: 'ap-plan@small-shop-customer.example', address_line1: '1 Plan Street' } as never).execute();
  const invoice = await makeInvoice(server.database, created.org.id, planned.id, { number: 'SS-INV-PLAN', issueDate: addDays(server.today, -60), dueDate: addDays(server.today, -30), total: 600_00n });
  const { plan } = await proposePlan(server.database.db, created.org.id, { customerId: planned.id, invoiceIds: [invoice.id], schedule: { kind: 'equal', instalments: 2, first: addDays(server.today, 2), every: 'month' }, today: server.today, now: instantOn(server.today), actor: 'user:e2e' });
  await acceptPlan(server.database.db, created.org.id, { planId: plan.id, role: 'owner', today: server.today, now: instantOn(server.today), actor: 'user:e2e' });
  return { email: 'owner@small-shop.example', password: created.ownerPassword };
}

/** A Xero export of two invoices for a new customer; the second row's invoice date is 31 November. */
function xeroFile(): { bad: string; fixed: string } {
  const [header, first, second] = readFileSync('test/fixtures/xero/bad-rows.csv', 'utf8').split('\n');
  const bad = [header, first, second].join('\n').replaceAll('INV-020', 'E2E-020') + '\n';
  return { bad, fixed: bad.replace('11/31/2026', '30/10/2026') };
}

describe('the owner’s screens', () => {
  it('checks an import before writing: a bad row is shown by line, column and value; the fixed file is imported and logged', async () => {
    const page = await pageFor();
    await signInAs(page, server.url, server.users.owner, '/imports');
    await page.getByRole('heading', { name: 'Imports', exact: true }).waitFor();
    await page.getByLabel('What the file holds').selectOption('invoices');
    await page.getByLabel('Exported from').selectOption('xero');
    const { bad, fixed } = xeroFile();
    await page.getByLabel('CSV file').setInputFiles({ name: 'sales-invoices.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    const report = page.getByRole('region', { name: /problem/ });
    await report.waitFor();
    expect(await report.getByRole('heading').textContent()).toBe('sales-invoices.csv: 1 problem, nothing written');
    const row = report.locator('tbody tr');
    expect(await row.count()).toBe(1);
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['sales-invoices.csv', '3', '*InvoiceDate', '11/31/2026']);
    expect(cells[4]).toMatch(/date/i);
    await expectAccessible(page, '/imports with a refused file');
    await screenshot(page, 'imports', true);
    // Nothing was written.
    expect((await server.api('GET', '/api/v1/invoices?q=E2E-0202')).body.data ?? []).toEqual([]);

    await page.getByLabel('CSV file').setInputFiles({ name: 'sales-invoices.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { name: 'sales-invoices.csv: no problems' }).waitFor();
    await page.getByRole('button', { name: 'Import sales-invoices.csv' }).click();
    await page.getByRole('heading', { name: 'Imported sales-invoices.csv' }).waitFor();
    expect(await page.getByText('2 invoices created').count()).toBe(1);
    const history = page.getByRole('region', { name: 'Past imports' });
    await expect.poll(() => history.getByText('sales-invoices.csv').count()).toBeGreaterThan(0);
    const imports = await server.api('GET', '/api/v1/imports?limit=500');
    expect(imports.body.data.at(-1)).toMatchObject({ fileName: 'sales-invoices.csv', status: 'completed', kind: 'invoices' });
  });

  it('shows a large import’s progress while the file goes up and the server reads it, and the bar ends with the report', async () => {
    // An organisation of its own, so its newest import is this one. The upload is slowed to 40 kB/s
    // (≈ 3 s for this file): the bar then moves on any machine, and the server, which reads the
    // file as it arrives, is caught part-way.
    const created = await createOrg(server.database.db, { name: 'Import Co Ltd', slug: 'import-co', currency: 'GBP', timeZone: 'Europe/London', country: 'GB', ownerEmail: 'owner@import-co.example' });
    const newestImport = async () => {
      const response = await fetch(`${server.url}/api/v1/imports?limit=1&order=newest`, { headers: { authorization: `Bearer ${created.apiKey}` } });
      return ((await response.json()) as { data: Array<{ fileName: string; status: string; progress: Record<string, unknown> | null }> }).data[0];
    };
    const rows = 1000;
    const lines = ['Invoice Number,Customer ID,Customer,Email,Invoice Date,Due Date,Currency,Total,Amount Paid,Balance,Status,Terms'];
    for (let row = 1; row <= rows; row++) lines.push(`PRG-${row},PRG-C${row},Progress Customer ${row},ap${row}@progress.example,2026-09-01,2026-10-01,GBP,100.00,0.00,100.00,Authorised,Net 30`);
    const page = await pageFor();
    await signInAs(page, server.url, { email: 'owner@import-co.example', password: created.ownerPassword }, '/imports');
    await page.getByLabel('Exported from').selectOption('generic');
    await page.getByLabel('CSV file').setInputFiles({ name: 'progress.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n') + '\n') });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { name: 'progress.csv: no problems' }).waitFor();

    // Every state of the progress bar, as the page draws it.
    await page.evaluate(() => {
      const seen: Array<{ label: string; value: string | null }> = ((window as unknown as { progressSeen: typeof seen }).progressSeen = []);
      new MutationObserver(() => {
        const status = document.querySelector('.import-progress');
        if (!status) return;
        const state = { label: status.querySelector('label')?.textContent ?? '', value: status.querySelector('progress')?.getAttribute('value') ?? null };
        if (seen.at(-1)?.label !== state.label || seen.at(-1)?.value !== state.value) seen.push(state);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 40 * 1024 });
    await page.getByRole('button', { name: 'Import progress.csv' }).click();
    const bar = page.getByRole('status').filter({ has: page.locator('progress') });
    await bar.getByText(/^Importing: [1-9]\d?% of the file read$/).waitFor();
    // the server's own progress, part-way through reading the file
    await expect.poll(async () => (await newestImport())?.progress, { timeout: 10_000, interval: 200 }).toMatchObject({ phase: 'reading', rowsRead: expect.toSatisfy((read: number) => read > 0 && read < rows) });
    await expectAccessible(page, '/imports with an import in progress');

    await page.getByRole('heading', { name: 'Imported progress.csv' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('.import-progress').count()).toBe(0);
    expect(await page.getByText(`${rows} invoices created`).count()).toBe(1);
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: Array<{ label: string; value: string | null }> }).progressSeen);
    const sending = seen.filter((state) => state.label.endsWith('% of the file read'));
    expect(sending.length, JSON.stringify(seen)).toBeGreaterThanOrEqual(3);
    const fractions = sending.map((state) => Number(state.value));
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBeGreaterThan(fractions[0]!);
    // once the whole file is sent, the server's checks (its own parts, when caught), then the report
    expect(seen.slice(seen.indexOf(sending.at(-1)!) + 1).map((state) => state.label)).toContainEqual(expect.stringMatching(/^Importing: (the last checks across rows…|checking [\d,]+ rows|writing — )/));
    expect(await newestImport()).toMatchObject({ fileName: 'progress.csv', status: 'completed', progress: { phase: 'done', rowsRead: rows, chunksWritten: 1, chunks: 1, rowsWritten: rows } });
  });

  it('edits a playbook step and shows the simulation change before saving; a problem is shown beside its field', async () => {
    const page = await pageFor();
    const owner = await smallShop();
    await signInAs(page, server.url, owner, '/playbooks');
    await page.getByRole('link', { name: 'standard' }).first().click();
    await page.getByRole('heading', { name: 'Playbook standard' }).waitFor();
    await expectAccessible(page, '/playbooks/standard');

    await page.getByRole('button', { name: 'Simulate the saved playbooks' }).click();
    const totals = page.getByTestId('simulation-totals');
    await totals.waitFor({ timeout: 90_000 });
    const count = async (channel: string) => Number(await totals.locator(`[data-channel="${channel}"]`).getAttribute('data-count'));
    const savedLetters = await count('letter');
    const savedEmails = await count('email');
    expect(savedEmails).toBeGreaterThan(0);
    // the payment plan's days: its first instalment missed 5 days after its date, the plan defaulted 5 days later
    const missedDay = page.locator('[data-plan-event="plan_broken"]');
    expect(await missedDay.textContent()).toBe('1 instalment missed');
    await page.locator('td', { has: page.locator('[data-plan-event="plan_defaulted"]') }).getByRole('button').click();
    const dayPanel = page.getByRole('list', { name: 'Payment plans' });
    expect(await dayPanel.textContent()).toMatch(/^plan defaulted SS-PLAN: Payment plan \d+ \(£600\.00\) defaulted on \d{4}-\d\d-\d\d: instalment 1 of £300\.00/);
    await screenshot(page, 'playbook', true);

    await page.getByRole('button', { name: 'Edit steps' }).click();
    // A template that is not for letters or emails: refused beside the field, by the import's own check.
    await page.locator('#step-1-template').selectOption('call-friendly');
    await page.getByRole('button', { name: 'Simulate my changes' }).click();
    const fieldError = page.locator('#step-1-template-error');
    await fieldError.waitFor({ timeout: 90_000 });
    expect(await fieldError.textContent()).toMatch(/call-friendly/);
    await expectAccessible(page, 'the playbook editor with a problem');

    // Every reminder by letter only: more letters, fewer emails, and nothing saved yet.
    await page.locator('#step-1-template').selectOption('reminder-missed');
    for (const index of [1, 2, 3]) await page.locator(`#step-${index}-channels`).fill('letter');
    await page.getByRole('button', { name: 'Simulate my changes' }).click();
    await page.getByText('With your unsaved changes', { exact: false }).waitFor({ timeout: 90_000 });
    expect(await count('letter')).toBeGreaterThan(savedLetters);
    expect(await count('email')).toBeLessThan(savedEmails);
    expect(await totals.getByText('against saved', { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.evaluate(async () => (await (await fetch('/api/v1/playbooks/standard')).json()).versions)).toEqual([0]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'playbook-simulation');

    // The playbook's own instalment reminder, 5 days before; the listening paths are kept as they were.
    await page.getByLabel('This playbook’s own reminder').check();
    await page.getByLabel('Days before each instalment').fill('5');
    await page.getByRole('button', { name: 'Save as version 1' }).click();
    await page.getByText('Saved as version 1', { exact: false }).waitFor();
    const stored = await page.evaluate(async () => (await fetch('/api/v1/playbooks/standard')).json());
    expect(stored.version).toBe(1);
    expect(stored.definition.steps[1].channels).toEqual(['letter']);
    expect(stored.definition.instalmentReminder).toEqual({ kind: 'instalment_reminder', name: 'Instalment reminder', daysBefore: 5, channels: ['email', 'sms', 'letter'], template: 'instalment-reminder' });
    expect(stored.definition.listening).toEqual((await server.api('GET', '/api/v1/playbooks/standard?version=0')).body.definition.listening);
    expect(await page.getByTestId('instalment-reminder').textContent()).toMatch(/^Instalment reminder5 days before each instalment/);
  }, 300_000);

  it('checks a template’s wording line by line before saving, and previews it for a real customer', async () => {
    const page = await pageFor();
    await signInAs(page, server.url, server.users.owner, '/templates?name=firm-reminder&channel=email&language=en-GB');
    const text = page.getByLabel(/^Text/);
    await expect.poll(() => text.inputValue()).toMatch(/^Subject: /);
    await expectAccessible(page, '/templates');
    await text.fill('Subject: Pay now\n\nDear {{contact.greetingName}},\n\nPay {{total}} today\nor we will have you arrested.\n');
    await page.getByRole('button', { name: 'Check the wording' }).click();
    const found = page.getByRole('region', { name: 'Problems found' });
    await found.waitFor();
    const flagged = found.locator('li.has-problem');
    expect(await flagged.count()).toBe(1);
    expect(await flagged.locator('.line-ref').textContent()).toBe('body 4');
    expect(await flagged.textContent()).toMatch(/arrested/);
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await expect.poll(() => found.locator('li.has-problem').count()).toBe(1);
    expect((await server.api('GET', '/api/v1/templates/firm-reminder/versions')).body.data).toEqual([]);
    await expectAccessible(page, '/templates with problems');
    await screenshot(page, 'templates', true);

    await page.getByRole('button', { name: 'Discard changes' }).click();
    const customer = (await server.api('GET', '/api/v1/customers?limit=1')).body.data[0];
    await page.getByLabel('Find a customer').fill(customer.externalId);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByLabel('Preview for').selectOption(customer.id);
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const frame = page.frameLocator('iframe.email-frame');
    await frame.locator('body').waitFor();
    expect(await page.locator('iframe.email-frame').getAttribute('sandbox')).toBe('');
  });

  it('saves the organisation’s settings; a viewer sees them and cannot change them', async () => {
    const page = await pageFor();
    await signInAs(page, server.url, server.users.owner, '/settings');
    const instructions = page.getByLabel(/How debtors pay/);
    await instructions.waitFor();
    await expectAccessible(page, '/settings');
    await instructions.fill('Bank transfer to Demo Trading Ltd, sort code 20-00-00, account 55779911');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved; used from the next message.').waitFor();
    expect((await server.api('GET', '/api/v1/org/settings')).body.paymentInstructions).toBe('Bank transfer to Demo Trading Ltd, sort code 20-00-00, account 55779911');
    await screenshot(page, 'settings', true);

    const viewer = await pageFor();
    await signInAs(viewer, server.url, server.users.viewer, '/settings');
    await viewer.getByLabel(/How debtors pay/).waitFor();
    expect(await viewer.getByLabel(/How debtors pay/).isDisabled()).toBe(true);
    expect(await viewer.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    const refused = await viewer.evaluate(async () => (await fetch('/api/v1/org/settings', { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: '1' }) })).status);
    expect(refused).toBe(403);
    await viewer.goto(`${server.url}/playbooks/standard`);
    await viewer.getByRole('heading', { name: 'Playbook standard' }).waitFor();
    expect(await viewer.getByRole('button', { name: 'Edit steps' }).count()).toBe(0);
    await viewer.goto(`${server.url}/imports`);
    await viewer.getByText('You have the viewer role', { exact: false }).waitFor();
    await expectAccessible(viewer, '/imports as a viewer');
  });

  it('sets the SMTP server and sends the owner a test email through it; a refusal shows the server’s words', async () => {
    const smtp = await startSmtpSink();
    try {
      expect((await server.api('PATCH', '/api/v1/org/settings', { senderName: 'Demo Accounts', senderEmail: 'accounts@demo.example' })).status).toBe(200);
      const page = await pageFor();
      await signInAs(page, server.url, server.users.owner, '/settings');
      const form = page.getByRole('form', { name: 'Email server' });
      await form.getByLabel(/Your own SMTP server/).fill('http://mail.example');
      await form.getByRole('button', { name: 'Save the server' }).click();
      await form.getByText('Write an smtp:// or smtps:// address').waitFor();
      await form.getByLabel(/Your own SMTP server/).fill(smtp.url);
      await form.getByRole('button', { name: 'Save the server' }).click();
      await page.getByText(`through your own SMTP server ${smtp.url}`).waitFor();
      await form.getByRole('button', { name: 'Send me a test email' }).click();
      await form.getByRole('status').getByText(`Sent to ${server.users.owner.email}`).waitFor();
      expect(smtp.received.map((mail) => mail.subject)).toEqual(['Test email from Demo Trading Ltd on Arrears']);
      await expectAccessible(page, '/settings after a test email');
      await page.locator('#smtp-title').evaluate((heading) => heading.scrollIntoView());
      await screenshot(page, 'settings-email-server');

      smtp.refuse.set(server.users.owner.email, 550);
      await form.getByRole('button', { name: 'Send me a test email' }).click();
      await form.getByRole('alert').getByText('mailbox unavailable', { exact: false }).waitFor();
    } finally {
      await server.api('PATCH', '/api/v1/org/settings', { smtpUrl: null });
      await smtp.close();
    }
  });

  it('changes the segment rules: a rule added for a tag is stored in order', async () => {
    const page = await pageFor();
    await signInAs(page, server.url, server.users.owner, '/playbooks');
    await page.getByRole('button', { name: 'Edit the rules' }).click();
    const editor = page.getByRole('form', { name: 'Edit the segment rules' });
    const before = (await server.api('GET', '/api/v1/playbook-rules')).body.rules.length;
    await editor.getByRole('button', { name: 'Add a rule' }).click();
    const added = editor.locator('li.rule-row').last();
    await added.getByLabel('Playbook').selectOption('tight');
    await added.getByLabel('tagged any of').fill('slow-payer');
    await expectAccessible(page, 'the segment rules editor');
    await editor.getByRole('button', { name: 'Save the rules' }).click();
    await page.getByRole('button', { name: 'Edit the rules' }).waitFor();
    const rules = (await server.api('GET', '/api/v1/playbook-rules')).body;
    expect(rules.source).toBe('organisation');
    expect(rules.rules).toHaveLength(before + 1);
    expect(rules.rules.at(-1)).toEqual({ playbook: 'tight', conditions: { tagsAny: ['slow-payer'] } });
    await page.getByRole('cell', { name: 'tagged slow-payer' }).waitFor();
  });

  it('fits every owner screen on a 390 px phone', async () => {
    const page = await pageFor(390, 844);
    await signInAs(page, server.url, server.users.owner, '/playbooks');
    await page.getByRole('heading', { name: 'Segment rules' }).waitFor();
    await expectAccessible(page, '/playbooks');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.goto(`${server.url}/imports`);
    await page.getByRole('heading', { name: 'Past imports' }).waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.goto(`${server.url}/playbooks/gentle`);
    await page.getByRole('list', { name: 'Steps, in order' }).waitFor();
    // besides the steps, what the cycle acts on: the instalment reminder (gentle's is the default) and what each answer on a call does
    expect(await page.getByTestId('instalment-reminder').textContent()).toMatch(/^Instalment reminderdefault3 days before each instalment of an active payment plan, by email, then sms, then letter/);
    expect(await page.locator('[data-outcome="cant_pay"]').textContent()).toMatch(/sympathetic.*no further step until 30 days after it reaches them, then at least 21 days apart/);
    expect(await page.locator('[data-outcome="already_paid"]').textContent()).toMatch(/verify.*a pause of 10 days/);
    await expectAccessible(page, '/playbooks/gentle at 390 px');
    expect(await horizontalOverflow(page), '/playbooks/gentle').toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Edit steps' }).click();
    await page.getByLabel('This playbook’s own reminder').check();
    expect(await horizontalOverflow(page), 'the playbook editor').toBeLessThanOrEqual(0);
    await page.goto(`${server.url}/templates?name=reminder-missed&channel=sms&language=en-GB`);
    await expect.poll(() => page.getByLabel(/^Text/).inputValue()).not.toBe('');
    expect(await horizontalOverflow(page), '/templates').toBeLessThanOrEqual(0);
    await page.goto(`${server.url}/settings`);
    await page.getByLabel('Sender name').waitFor();
    expect(await horizontalOverflow(page), '/settings').toBeLessThanOrEqual(0);
  });
});
