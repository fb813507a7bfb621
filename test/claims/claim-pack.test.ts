// The small-claims pack: made for a debtor in England and Wales with the court's fee from the
// dated table and "not legal advice" on its first page; refused with the reason when the
// limitation period has run, the claim is above the limit, or an individual's Letter of Claim has
// not had its 30 days.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { prepareClaimPack } from '../../src/app/claims/prepare-claim-pack.ts';
import type { Database } from '../../src/db/engine.ts';
import type { Org } from '../../src/db/schema.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeDispute, makeInvoice, makePayment } from '../support/fixtures.ts';
import { makeDebtor, makeSenderOrg } from '../support/outbox-fixtures.ts';
import { expectAppError } from '../pauses/support.ts';
import { pageTexts, writePdf } from '../letters/pdf-tools.ts';

const today = '2026-11-23';

describeEachEngine('small-claims pack', (engine) => {
  let database: Database;
  let org: Org;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await makeSenderOrg(database);
  });
  afterAll(() => database.close());

  async function letterBeforeClaim(customerId: bigint, postedAt: string) {
    await database.db
      .insertInto('communications')
      .values({ org_id: org.id, customer_id: customerId, action_id: null, direction: 'outbound', channel: 'letter', template_name: 'letter-before-claim', template_version: 0, template_hash: null, language: 'en-GB', subject: null, body_text: 'Letter before claim', body_html: null, sender: 'Acme', recipients: JSON.stringify(['Pat Jones']), message_id: null, transport: 'letter', delivered: false, provider_reference: null, sent_at: postedAt })
      .execute();
  }

  it('a business in England: the claim, the court’s fee for it with its source, and "not legal advice" on the first page', async () => {
    const customer = await makeDebtor(database, org, { externalId: 'CL1' });
    const a = await makeInvoice(database, org.id, customer.id, { number: 'CL1-1', issueDate: '2026-06-01', dueDate: '2026-06-30', total: 1_000_00n });
    await makeInvoice(database, org.id, customer.id, { number: 'CL1-2', issueDate: '2026-07-01', dueDate: '2026-07-31', total: 800_00n });
    await makePayment(database, a, 300_00n, '2026-08-01');
    const pack = await prepareClaimPack(database.db, org, { externalId: 'CL1' }, today);
    expect(pack).toMatchObject({ currency: 'GBP', court: 'County Court (small claims track), England and Wales' });
    expect(pack.total).toBeGreaterThanOrEqual(1_500_00n);
    // £1,500.01–£3,000 online: £105
    expect(pack.fee).toBe(pack.total <= 1_500_00n ? 70_00n : 105_00n);
    const path = writePdf(pack.pdf, 'claim-pack');
    const pages = pageTexts(path);
    expect(pages[0]).toMatch(/Not legal advice/);
    expect(pages[0]).toMatch(/This pack is not legal advice/);
    expect(pages[0]).toMatch(/Principal still owed\s+£1,500\.00/);
    expect(pages[0]).toMatch(/gov\.uk\/make-court-claim-for-money\/court-fees/);
    expect(pages[0]).toMatch(/No letter before action was sent from Arrears/);
    expect(pages.join('\n')).toMatch(/Statement of account/);
    expect(pages.join('\n')).toMatch(/CL1-2/);
  });

  it('refuses above the small-claims limit, and when the limitation period has run', async () => {
    const big = await makeDebtor(database, org, { externalId: 'CL2' });
    await makeInvoice(database, org.id, big.id, { number: 'CL2-1', issueDate: '2026-06-01', dueDate: '2026-06-30', total: 12_000_00n });
    await expectAppError(prepareClaimPack(database.db, org, { externalId: 'CL2' }, today), 'claim_refused', /above the small-claims limit of £10,000\.00/);
    const old = await makeDebtor(database, org, { externalId: 'CL3' });
    await makeInvoice(database, org.id, old.id, { number: 'CL3-1', issueDate: '2020-01-01', dueDate: '2020-01-31', total: 500_00n });
    await expectAppError(prepareClaimPack(database.db, org, { externalId: 'CL3' }, today), 'claim_refused', /limitation period \(6 years.*CL3-1/);
  });

  it('refuses while an invoice it would claim has an open dispute, and claims once the dispute is resolved', async () => {
    const customer = await makeDebtor(database, org, { externalId: 'CL6' });
    const contested = await makeInvoice(database, org.id, customer.id, { number: 'CL6-1', issueDate: '2026-06-01', dueDate: '2026-06-30', total: 900_00n });
    await makeDispute(database, contested, { amount: null, openedOn: '2026-08-01' });
    await expectAppError(prepareClaimPack(database.db, org, { externalId: 'CL6' }, today), 'claim_refused', /CL6-1 has an open dispute \(other, opened 2026-08-01\): answer and resolve it before claiming/);
    await database.db.updateTable('disputes').set({ status: 'resolved', resolved_on: '2026-09-01', outcome: 'rejected', resolution: 'delivery note signed' }).where('invoice_id', '=', contested.id).execute();
    expect((await prepareClaimPack(database.db, org, { externalId: 'CL6' }, today)).total).toBe(900_00n);
  });

  it('an individual in England: refused until the Letter of Claim’s 30 days from service have passed', async () => {
    const person = await makeDebtor(database, org, { externalId: 'CL4', kind: 'consumer' });
    await makeInvoice(database, org.id, person.id, { number: 'CL4-1', issueDate: '2026-06-01', dueDate: '2026-06-30', total: 400_00n });
    await expectAppError(prepareClaimPack(database.db, org, { externalId: 'CL4' }, today), 'claim_refused', /no Letter of Claim has been sent/);
    // posted Friday 16 October: served Tuesday 20th; the 30 days end on 19 November
    await letterBeforeClaim(person.id, '2026-10-16T15:00:00Z');
    await expectAppError(prepareClaimPack(database.db, org, { externalId: 'CL4' }, '2026-11-19'), 'claim_refused', /a claim may be prepared from 2026-11-20/);
    const pack = await prepareClaimPack(database.db, org, { externalId: 'CL4' }, '2026-11-20');
    const first = pageTexts(writePdf(pack.pdf, 'claim-pack'))[0]!;
    expect(first).toMatch(/Posted\s+16 October 2026/);
    expect(first).toMatch(/20 October 2026/);
    expect(first).toMatch(/Time to reply ended\s+19 November 2026/);
  });

  it('a debtor outside the table is refused with what the table holds', async () => {
    const texan = await makeDebtor(database, org, { externalId: 'CL5', country: 'US' });
    await database.db.updateTable('customers').set({ region: 'TX' }).where('org_id', '=', org.id).where('id', '=', texan.id).execute();
    await makeInvoice(database, org.id, texan.id, { number: 'CL5-1', issueDate: '2026-06-01', dueDate: '2026-06-30', total: 400_00n });
    await expectAppError(prepareClaimPack(database.db, org, { externalId: 'CL5' }, today), 'claim_refused', /England and Wales, and California/);
  });
});
