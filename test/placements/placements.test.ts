// Agency placements: the file handed over (its manifest's hashes match the copies Arrears stores),
// the invoices leave the chase until recalled, and what the agency collects is in the ledger with
// its commission.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import { createPlacement } from '../../src/app/placements/create-placement.ts';
import { recallPlacement } from '../../src/app/placements/recall-placement.ts';
import { recordAgencyPayment } from '../../src/app/placements/record-agency-payment.ts';
import { offerSettlement } from '../../src/app/arrangements/offer-settlement.ts';
import type { Database } from '../../src/db/engine.ts';
import { findPlacementDetail, placementArchive } from '../../src/db/queries/placements.ts';
import type { Org } from '../../src/db/schema.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { instantOn, makeDispute, makeInvoice, makePayment } from '../support/fixtures.ts';
import { dispatchAll, makeDebtor, makeReadySend, makeSenderOrg, startSmtpSenders, stopSmtpSenders, type SmtpSenders } from '../support/outbox-fixtures.ts';
import { activitiesOf, expectAppError } from '../pauses/support.ts';
import { readZip } from './read-zip.ts';

const today = '2026-11-23';
const owner = 'user:owner';
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

describeEachEngine('agency placements', (engine) => {
  let database: Database;
  let smtp: SmtpSenders;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    smtp = await startSmtpSenders();
  });
  afterAll(async () => {
    await stopSmtpSenders(smtp);
    await database.close();
  });

  /** A debtor with two overdue invoices, a payment, a dispute, and an email and a letter sent. */
  async function chasedDebtor(org: Org, externalId: string) {
    const customer = await makeDebtor(database, org, { externalId });
    const a = await makeInvoice(database, org.id, customer.id, { number: `${externalId}-1`, issueDate: '2026-08-01', dueDate: '2026-08-31', total: 1_000_00n });
    const b = await makeInvoice(database, org.id, customer.id, { number: `${externalId}-2`, issueDate: '2026-09-01', dueDate: '2026-09-30', total: 500_00n });
    await makePayment(database, a, 200_00n, '2026-09-15');
    await makeDispute(database, b, { amount: 50_00n, openedOn: '2026-10-05' });
    await makeReadySend(database, org, customer.id, [a, b], { channel: 'email', template: 'firm-reminder', tone: 'firm', stepName: 'Firm reminder', dueAt: '2026-11-19T10:00:00Z', cycleDate: '2026-11-19' });
    await makeReadySend(database, org, customer.id, [a, b], { channel: 'letter', template: 'demand-letter', tone: 'firm', stepName: 'Formal demand', dueAt: '2026-11-20T10:00:00Z', cycleDate: '2026-11-20' });
    // one message a day: the email on the 19th, the letter on the 20th
    expect(await dispatchAll(database, smtp.senders, '2026-11-19T11:00:00Z')).toMatchObject({ claimed: 1, sent: 1 });
    expect(await dispatchAll(database, smtp.senders, '2026-11-20T11:00:00Z')).toMatchObject({ claimed: 1, printed: 1 });
    await database.db.updateTable('customers').set({ attorney_represented: true }).where('org_id', '=', org.id).where('id', '=', customer.id).execute();
    return { customer, a, b };
  }

  it('the ZIP holds the CSV, a statement, the timeline and every message sent; its manifest hashes match the stored copies', async () => {
    const org = await makeSenderOrg(database);
    const first = await chasedDebtor(org, 'AG1');
    const second = await chasedDebtor(org, 'AG2');
    const created = await createPlacement(database.db, org, { agency: 'Northern Recoveries', commissionPercent: '25', customerIds: [first.customer.id, second.customer.id], role: 'owner', today, now: instantOn(today), actor: owner });
    expect(created).toMatchObject({ accounts: 2, invoices: 4, archiveSha256: sha256(created.archive) });

    const files = readZip(created.archive);
    // every file but the manifest is in it once, with its SHA-256
    const manifest = files.get('manifest.sha256')!.toString('utf8').trim().split('\n').map((line) => line.split('  ') as [string, string]);
    expect(manifest.map(([, path]) => path).sort()).toEqual([...files.keys()].filter((name) => name !== 'manifest.sha256').sort());
    for (const [hash, path] of manifest) expect(sha256(files.get(path)!), path).toBe(hash);

    // the copies are those stored when each message was sent: the letter's PDF byte for byte, the email's text and HTML
    const stored = await database.db.selectFrom('communications').selectAll().where('org_id', '=', org.id).where('customer_id', '=', first.customer.id).orderBy('id').execute();
    expect(stored.map((m) => m.channel).sort()).toEqual(['email', 'letter']);
    const folder = `accounts/${first.customer.id}-AG1`;
    for (const message of stored) {
      const stem = `${folder}/messages/${message.id}-${message.channel}`;
      expect(files.get(`${stem}.txt`)!.toString('utf8')).toContain(message.body_text!);
      if (message.body_html !== null) expect(sha256(files.get(`${stem}.html`)!)).toBe(sha256(message.body_html));
    }
    // every file kept with a message (the letter's PDF, the statement attached to the email), byte for byte, with the hash stored when it was sent
    const kept = await database.db.selectFrom('communication_files').selectAll().where('org_id', '=', org.id).where('communication_id', 'in', stored.map((m) => m.id)).execute();
    expect(kept.map((file) => file.content_type)).toContain('application/pdf');
    for (const file of kept) {
      const message = stored.find((m) => m.id === file.communication_id)!;
      const path = `${folder}/messages/${message.id}-${message.channel}-${file.name}`;
      expect(manifest).toContainEqual([file.sha256, path]);
      expect(Buffer.compare(files.get(path)!, Buffer.from(file.bytes)), path).toBe(0);
    }

    // the statement is a PDF; the timeline names what happened
    expect(files.get(`${folder}/statement.pdf`)!.subarray(0, 5).toString()).toBe('%PDF-');
    expect(files.get(`${folder}/timeline.txt`)!.toString('utf8')).toMatch(/email|letter/);

    // one row per account: names, address, contacts, balance per invoice, last payment, disputes, flags
    // (a field starting with +, =, - or @ is defused with an apostrophe, so a spreadsheet never runs it)
    const csv = files.get('placement.csv')!.toString('utf8').split('\r\n');
    expect(csv[0]).toBe('account_ref,debtor_name,debtor_kind,contact_names,addresses,emails,phones,currency,balance,invoices,oldest_due_date,last_payment_date,last_payment_amount,disputes,flags');
    expect(csv).toHaveLength(4); // header, two accounts, the final line end
    expect(csv[1]).toBe(
      'AG1,AG1 Trading,business,Pat Jones,"7 Mill Lane, York, YO1 7HH, GB",ag1@customer.test,\'+44 7700 900123,GBP,1300.00,' +
        'AG1-1 issued 2026-08-01 due 2026-08-31: 800.00 of 1000.00; AG1-2 issued 2026-09-01 due 2026-09-30: 500.00 of 500.00,2026-08-31,2026-09-15,200.00 GBP,' +
        `"AG1-2 2026-10-05 other, 50.00 GBP: open",represented by an attorney: contact the attorney only`,
    );

    // the stored archive is the same bytes, downloadable again
    const again = (await placementArchive(database.db, org.id, created.id))!;
    expect(Buffer.compare(Buffer.from(again.archive), Buffer.from(created.archive))).toBe(0);
    expect(again.archive_sha256).toBe(created.archiveSha256);
  });

  it('placed invoices are not chased; the case is "agency"; recalled, they are chased again; both on the timeline', async () => {
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'AG3' });
    await makeInvoice(database, org.id, customer.id, { number: 'AG3-1', issueDate: '2026-08-01', dueDate: '2026-08-31', total: 400_00n });
    await runCycle(database.db, org, '2026-11-20');
    const planned = await database.db.selectFrom('actions').select(['id', 'status']).where('org_id', '=', org.id).where('customer_id', '=', customer.id).where('status', 'in', ['planned', 'ready', 'deferred']).execute();
    expect(planned.length).toBeGreaterThan(0);

    const created = await createPlacement(database.db, org, { agency: 'Acme Collect', commissionPercent: '12.5', customerIds: [customer.id], role: 'owner', today, now: instantOn(today), actor: owner });
    const kase = await database.db.selectFrom('cases').select(['status']).where('org_id', '=', org.id).where('customer_id', '=', customer.id).where('status', '<>', 'closed').executeTakeFirstOrThrow();
    expect(kase.status).toBe('agency');
    // what was planned and not sent is cancelled; the cycle plans nothing for the placed invoices
    const after = await database.db.selectFrom('actions').select(['status', 'rule']).where('org_id', '=', org.id).where('id', 'in', planned.map((p) => p.id)).execute();
    expect(after.every((x) => x.status === 'cancelled' && x.rule === 'placed-with-agency')).toBe(true);
    expect((await runCycle(database.db, org, '2026-11-24')).actions.filter((x) => x.customerExternalId === 'AG3')).toEqual([]);
    // nor can a settlement or another placement take them
    await expectAppError(offerSettlement(database.db, org.id, { customerId: customer.id, invoiceIds: null, percent: 60, expiresOn: '2026-12-31', role: 'owner', today, now: instantOn(today), actor: owner }), 'conflict', /already under an arrangement/);
    await expectAppError(createPlacement(database.db, org, { agency: 'Other', commissionPercent: '20', customerIds: [customer.id], role: 'owner', today, now: instantOn(today), actor: owner }), 'conflict', /nothing to place/);
    // only an owner places or recalls
    await expectAppError(createPlacement(database.db, org, { agency: 'X', commissionPercent: '20', customerIds: [customer.id], role: 'collector', today, now: instantOn(today), actor: 'user:c' }), 'forbidden', /owner role/);
    await expectAppError(recallPlacement(database.db, org.id, { placementId: created.id, role: 'collector', today, now: instantOn(today), actor: 'user:c' }), 'forbidden', /owner role/);

    const recalled = await recallPlacement(database.db, org.id, { placementId: created.id, reason: 'no progress in 60 days', role: 'owner', today: '2026-11-25', now: instantOn('2026-11-25'), actor: owner });
    expect(recalled.placement).toMatchObject({ status: 'recalled', recalled_on: '2026-11-25', recalled_by: owner, recall_reason: 'no progress in 60 days' });
    expect((await database.db.selectFrom('cases').select('status').where('org_id', '=', org.id).where('customer_id', '=', customer.id).where('status', '<>', 'closed').executeTakeFirstOrThrow()).status).toBe('active');
    expect((await runCycle(database.db, org, '2026-11-26')).actions.filter((x) => x.customerExternalId === 'AG3').length).toBeGreaterThan(0);
    await expectAppError(recallPlacement(database.db, org.id, { placementId: created.id, role: 'owner', today, now: instantOn(today), actor: owner }), 'conflict', /recalled already/);

    const timeline = (await activitiesOf(database, org.id)).filter((x) => x.customer_id === customer.id).map((x) => [x.kind, x.summary]);
    expect(timeline).toContainEqual(['placement', `Placed with Acme Collect (placement ${created.id}, commission 12.5%): AG3-1, £400.00. Arrears does not chase these invoices until the placement is recalled.`]);
    expect(timeline).toContainEqual(['placement_recalled', `Recalled from Acme Collect (placement ${created.id}): no progress in 60 days. Arrears chases the invoices again.`]);
  });

  it('a payment the agency reports is in the ledger, allocated oldest first, with its commission in minor units', async () => {
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'AG4' });
    const old = await makeInvoice(database, org.id, customer.id, { number: 'AG4-1', issueDate: '2026-07-01', dueDate: '2026-07-31', total: 100_00n });
    const newer = await makeInvoice(database, org.id, customer.id, { number: 'AG4-2', issueDate: '2026-08-01', dueDate: '2026-08-31', total: 300_00n });
    const created = await createPlacement(database.db, org, { agency: 'Acme Collect', commissionPercent: '33.33', customerIds: [customer.id], role: 'owner', today, now: instantOn(today), actor: owner });

    await expectAppError(recordAgencyPayment(database.db, org.id, { placementId: created.id, amount: 400_01n, receivedOn: today, today, now: instantOn(today), actor: owner }), 'conflict', /more than the £400.00 still owed/);
    await expectAppError(recordAgencyPayment(database.db, org.id, { placementId: created.id, amount: 1_00n, receivedOn: '2026-11-01', today, now: instantOn(today), actor: owner }), 'invalid_input', /before the accounts were placed/);
    const paid = await recordAgencyPayment(database.db, org.id, { placementId: created.id, amount: 150_01n, receivedOn: today, today, now: instantOn(today), actor: owner });
    expect(paid).toMatchObject({ commission: 50_00n, currency: 'GBP' }); // 33.33% of 150.01 = 50.0003
    const payment = await database.db.selectFrom('payments').selectAll().where('org_id', '=', org.id).where('id', '=', paid.paymentId).executeTakeFirstOrThrow();
    expect(payment).toMatchObject({ amount: 150_01n, allocated: 150_01n, source: 'agency', method: 'agency', received_on: today });
    const balances = await database.db.selectFrom('invoices').select(['number', 'balance', 'status']).where('org_id', '=', org.id).where('id', 'in', [old.id, newer.id]).orderBy('number').execute();
    expect(balances).toEqual([
      { number: 'AG4-1', balance: 0n, status: 'paid' },
      { number: 'AG4-2', balance: 249_99n, status: 'open' },
    ]);
    const detail = (await findPlacementDetail(database.db, org.id, created.id))!;
    expect(detail.payments).toMatchObject([{ payment_id: paid.paymentId, amount: 150_01n, commission: 50_00n, currency: 'GBP', received_on: today }]);
    expect((await activitiesOf(database, org.id, 'payment')).at(-1)!.summary).toBe(
      `Payment of £150.01 collected by Acme Collect (placement ${created.id}), allocated to AG4-1, AG4-2; the agency's commission £50.00 (33.33%).`,
    );
  });
});
