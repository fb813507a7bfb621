// A reminder planned before a payment plan was accepted is not sent once the plan runs: the
// dispatcher's last look applies the one rule of what may be chased, and says why.
import { instantOn } from '../support/fixtures.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { acceptPlan } from '../../src/app/arrangements/accept-plan.ts';
import { proposePlan } from '../../src/app/arrangements/propose-plan.ts';
import type { ChannelSenders } from '../../src/app/dispatch/deliver.ts';
import { createEmailTransport } from '../../src/channels/email/email-transport.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { dispatchAll, makeDebtor, makeReadySend, makeSenderOrg, overdueInvoices } from '../support/outbox-fixtures.ts';

describeEachEngine('a send about invoices under a payment plan', (engine) => {
  let database: Database;
  const outbox = mkdtempSync(join(tmpdir(), 'arrears-outbox-'));
  let senders: ChannelSenders;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    senders = { email: createEmailTransport({ outboxDir: outbox }), sms: null };
  });
  afterAll(async () => {
    senders.email.close();
    await database.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  it('is cancelled at the last look, with the reason', async () => {
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'PLAN-SEND' });
    const invoices = await overdueInvoices(database, org, customer.id, 'PLAN-SEND');
    const send = await makeReadySend(database, org, customer.id, invoices);
    const { plan } = await proposePlan(database.db, org.id, { customerId: customer.id, invoiceIds: invoices.map((i) => i.id), schedule: { kind: 'equal', instalments: 3, first: '2026-12-01', every: 'month' }, today: '2026-11-23', now: instantOn('2026-11-23'), actor: 'test' });
    await acceptPlan(database.db, org.id, { planId: plan.id, role: 'owner', today: '2026-11-23', now: instantOn('2026-11-23'), actor: 'test' });
    const summary = await dispatchAll(database, senders, '2026-11-23T12:00:00Z');
    expect(summary.sent).toBe(0);
    const action = await database.db.selectFrom('actions').select(['status', 'rule', 'reason']).where('org_id', '=', org.id).where('id', '=', send).executeTakeFirstOrThrow();
    expect(action).toMatchObject({ status: 'cancelled', rule: 'nothing-owed', reason: expect.stringMatching(/put under a payment plan or a settlement offer/) });
  });
});
