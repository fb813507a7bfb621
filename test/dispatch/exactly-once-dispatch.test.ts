// Several dispatchers share the outbox without sending anything twice; a dispatcher killed
// mid-send loses nothing, and the repeated send carries the Message-ID recorded before the first.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { openDatabase, type Database } from '../../src/db/engine.ts';
import { claimSends, leaseSeconds, wakeDispatchers } from '../../src/db/queries/outbox.ts';
import { startDispatcher } from '../../src/jobs/dispatcher.ts';
import { createPostgresDatabase, describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { dispatchAll, makeDebtor, makeReadySend, makeSenderOrg, overdueInvoices, silentLogger, startSmtpSenders, stopSmtpSenders, type SmtpSenders } from '../support/outbox-fixtures.ts';
import { type SmtpSink } from '../support/smtp-sink.ts';

describeEachEngine('dispatch exactly once', (engine) => {
  let database: Database;
  let smtp: SmtpSink;
  let senders: SmtpSenders['senders'];
  const extra: Database[] = [];
  let drop: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    if (engine === 'postgres') {
      // three processes' worth of connection pools on one database
      const created = await createPostgresDatabase();
      drop = created.drop;
      database = await openDatabase({ engine: 'postgres', url: created.url, migrate: false });
      for (let i = 0; i < 2; i++) extra.push(await openDatabase({ engine: 'postgres', url: created.url, migrate: false }));
    } else {
      database = await openTestDatabase(engine);
    }
    ({ smtp, senders } = await startSmtpSenders());
  });
  afterAll(async () => {
    await stopSmtpSenders({ smtp, senders });
    for (const other of extra) await other.close();
    await database.close();
    await drop?.();
  });

  it('three dispatchers at once send each of 60 emails exactly once', async () => {
    smtp.received.length = 0;
    const org = await makeSenderOrg(database);
    const ids: bigint[] = [];
    for (let i = 0; i < 60; i++) {
      const customer = await makeDebtor(database, org, { externalId: `EO-${i}` });
      ids.push(await makeReadySend(database, org, customer.id, await overdueInvoices(database, org, customer.id, `EO${i}`)));
    }
    const pools = engine === 'postgres' ? [database, ...extra] : [database, database, database];
    const summaries = await Promise.all(pools.map((pool, index) => dispatchAll(pool, senders, '2026-11-23T10:00:00Z', `worker-${index}`)));

    expect(summaries.reduce((sum, s) => sum + s.sent, 0)).toBe(60);
    expect(summaries.reduce((sum, s) => sum + s.claimed, 0)).toBe(60);
    expect(smtp.received).toHaveLength(60);
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(60);
    const copies = await database.db.selectFrom('communications').select(['action_id', 'message_id']).where('org_id', '=', org.id).execute();
    expect(copies.map((c) => c.action_id).sort()).toEqual([...ids].sort());
    const statuses = await database.db.selectFrom('actions').select('status').where('org_id', '=', org.id).execute();
    expect(statuses.every((row) => row.status === 'sent')).toBe(true);
  });

  it('a dispatcher killed after claiming: nothing is lost, and the send is repeated with its recorded Message-ID', async () => {
    smtp.received.length = 0;
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'CRASH-1' });
    const id = await makeReadySend(database, org, customer.id, await overdueInvoices(database, org, customer.id, 'CRASH1'));
    const now = Temporal.Instant.from('2026-11-23T10:00:00Z');

    // the dead dispatcher: it claimed (and may have sent) but never recorded anything
    const [claimed] = (await claimSends(database.db, 'dead-worker', 10, now.toString())).sends;
    expect(claimed).toMatchObject({ id, attempts: 1 });
    const recorded = (await database.db.selectFrom('actions').select(['status', 'message_id']).where('org_id', '=', org.id).where('id', '=', id).executeTakeFirstOrThrow());
    expect(recorded).toEqual({ status: 'sending', message_id: claimed!.messageId });

    // within the lease nobody else touches it
    expect((await dispatchAll(database, senders, now.add({ seconds: leaseSeconds - 1 }).toString())).claimed).toBe(0);
    // after it, another dispatcher sends it, with the same Message-ID
    expect(await dispatchAll(database, senders, now.add({ seconds: leaseSeconds + 1 }).toString())).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received.map((mail) => mail.messageId)).toEqual([claimed!.messageId]);
    const after = await database.db.selectFrom('actions').select(['status', 'attempts', 'message_id']).where('org_id', '=', org.id).where('id', '=', id).executeTakeFirstOrThrow();
    expect(after).toEqual({ status: 'sent', attempts: 2, message_id: claimed!.messageId });
    const copies = await database.db.selectFrom('communications').select('message_id').where('org_id', '=', org.id).where('action_id', '=', id).execute();
    expect(copies).toEqual([{ message_id: claimed!.messageId }]);
  });

  it('the running dispatcher wakes on NOTIFY instead of waiting for its polling interval', async () => {
    smtp.received.length = 0;
    const dispatcher = await startDispatcher(database, { senders, logger: silentLogger, now: () => Temporal.Instant.from('2026-11-23T10:00:00Z') }, { pollMs: 60_000 });
    try {
      // let its first (empty) pass finish, so only a wake-up can start the next within the test
      await new Promise((resolve) => setTimeout(resolve, 300));
      const org = await makeSenderOrg(database);
      const customer = await makeDebtor(database, org, { externalId: 'WAKE-1' });
      await makeReadySend(database, org, customer.id, await overdueInvoices(database, org, customer.id, 'WAKE1'));
      await wakeDispatchers(database.db);
      const deadline = Date.now() + 10_000;
      while (smtp.received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(smtp.received).toHaveLength(1);
    } finally {
      await dispatcher.stop();
    }
  });
});
