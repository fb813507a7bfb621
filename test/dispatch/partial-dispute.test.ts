// A partly disputed invoice is chased for its undisputed part, end to end: the cycle plans the
// day's message for what may be chased, and the dispatcher's last look — working from the same
// amounts — sends it for that part, saying the rest is under review (not cancelling it as if
// nothing were owed, which spent the step's key for good).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import type { Database } from '../../src/db/engine.ts';
import { formatAmount } from '../../src/domain/templates/format.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeDispute, makeInvoice } from '../support/fixtures.ts';
import { dispatchAll, makeDebtor, makeSenderOrg, startSmtpSenders, stopSmtpSenders, type SmtpSenders } from '../support/outbox-fixtures.ts';
import { type SmtpSink } from '../support/smtp-sink.ts';

describeEachEngine('a partly disputed invoice', (engine) => {
  let database: Database;
  let smtp: SmtpSink;
  let senders: SmtpSenders['senders'];
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    ({ smtp, senders } = await startSmtpSenders());
  });
  afterAll(async () => {
    await stopSmtpSenders({ smtp, senders });
    await database.close();
  });

  it('is chased for its undisputed part: planned, sent for £900.00, saying £100.00 is under review', async () => {
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'PART-1' });
    const invoice = await makeInvoice(database, org.id, customer.id, { number: 'PD-1', issueDate: '2026-10-24', dueDate: '2026-11-23', total: 1_000_00n });
    await makeDispute(database, invoice, { amount: 100_00n, openedOn: '2026-11-10' });

    // the day after the due date (a Tuesday): the standard playbook's "it may have been missed"
    await runCycle(database.db, org, '2026-11-24');
    const planned = await database.db
      .selectFrom('actions')
      .select(['id', 'status', 'step_key', 'channel'])
      .where('org_id', '=', org.id)
      .where('customer_id', '=', customer.id)
      .where('kind', '=', 'send')
      .execute();
    expect(planned).toHaveLength(1);
    expect(planned[0]).toMatchObject({ status: 'ready', step_key: 'reminder-missed', channel: 'email' });

    smtp.received.length = 0;
    const summary = await dispatchAll(database, senders, '2026-11-24T12:00:00Z');
    expect(summary).toMatchObject({ sent: 1, stopped: 0 });
    expect(smtp.received).toHaveLength(1);

    const action = await database.db.selectFrom('actions').select(['status', 'rule']).where('org_id', '=', org.id).where('id', '=', planned[0]!.id).executeTakeFirstOrThrow();
    expect(action.status).toBe('sent');
    const copy = await database.db.selectFrom('communications').selectAll().where('org_id', '=', org.id).where('action_id', '=', planned[0]!.id).executeTakeFirstOrThrow();
    const text = copy.body_text!.replace(/\s+/g, ' ');
    expect(text).toContain(formatAmount('en-GB', 900_00n, 'GBP'));
    expect(text).not.toContain(formatAmount('en-GB', 1_000_00n, 'GBP'));
    expect(text).toContain(`${formatAmount('en-GB', 100_00n, 'GBP')} of invoice PD-1 is under review and is not included.`);
    expect((smtp.received[0]!.html as string).replace(/\s+/g, ' ')).toContain('is under review and is not included.');
  });
});
