// The messages of a payment plan's instalments, from the daily cycle to the outbox: a reminder
// a few days before each instalment, a receipt when one is paid, one reminder of a missed one;
// each created once, sent by the dispatcher with the plan's figures, and on the timeline. One
// no longer true when it would leave is not sent. They are written in the customer's language,
// and go by email, letter or SMS as the playbook's instalment reminder step and the customer's
// addresses allow, as any step does.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { acceptPlan } from '../../src/app/arrangements/accept-plan.ts';
import { proposePlan } from '../../src/app/arrangements/propose-plan.ts';
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import type { ChannelSenders } from '../../src/app/dispatch/deliver.ts';
import { importPlaybook } from '../../src/app/playbooks/import-playbook.ts';
import { createEmailTransport } from '../../src/channels/email/email-transport.ts';
import { createTwilioSmsProvider } from '../../src/channels/sms/twilio-provider.ts';
import type { Database } from '../../src/db/engine.ts';
import type { Org } from '../../src/db/schema.ts';
import type { MessageLanguage } from '../../src/domain/messages/message-model.ts';
import { builtInPlaybooks } from '../../src/domain/playbooks/default-playbooks.ts';
import type { SendChannel } from '../../src/domain/playbooks/playbook.ts';
import { formatAmount, formatDate } from '../../src/domain/templates/format.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { startFakeSmsProvider, type FakeSmsProvider } from '../support/fake-sms-provider.ts';
import { instantOn, makePayment } from '../support/fixtures.ts';
import { dispatchAll, makeDebtor, makeSenderOrg, overdueInvoices } from '../support/outbox-fixtures.ts';

describeEachEngine('payment plan instalment messages', (engine) => {
  let database: Database;
  const outbox = mkdtempSync(join(tmpdir(), 'arrears-outbox-'));
  let senders: ChannelSenders;
  let sms: FakeSmsProvider;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    sms = await startFakeSmsProvider();
    senders = { email: createEmailTransport({ outboxDir: outbox }), sms: { provider: createTwilioSmsProvider(sms.config), from: sms.config.from } };
  });
  afterAll(async () => {
    senders.email.close();
    await sms.close();
    await database.close();
    rmSync(outbox, { recursive: true, force: true });
  });

  /**
   * A customer owing £1,349.99 on a plan of three monthly instalments from 2026-12-10: £449.99,
   * £449.99, £450.01. By default reachable by email, text and post, and reading en-GB; `reach`
   * keeps only the addresses named.
   */
  async function planned(externalId: string, options: { language?: MessageLanguage; reach?: SendChannel[]; instalmentChannels?: SendChannel[] } = {}) {
    const org = await makeSenderOrg(database);
    await database.db.updateTable('orgs').set({ payment_instructions: 'Bank transfer to Acme Supplies Ltd, sort code 20-00-00, account 55779911.' }).where('id', '=', org.id).execute();
    if (options.instalmentChannels) {
      const standard = builtInPlaybooks.find((p) => p.name === 'standard')!;
      const instalmentReminder = { kind: 'instalment_reminder', name: 'Instalment reminder', daysBefore: 3, channels: options.instalmentChannels, template: 'instalment-reminder' } as const;
      await importPlaybook(database.db, org.id, { ...standard, instalmentReminder }, 'test', instantOn('2026-12-07'));
    }
    const customer = await makeDebtor(database, org, { externalId, language: options.language });
    if (options.reach) {
      const reach = options.reach;
      await database.db
        .updateTable('contacts')
        .set({ ...(reach.includes('email') ? {} : { email: null }), ...(reach.includes('sms') ? {} : { phone: null }), ...(reach.includes('letter') ? {} : { address_line1: null }) } as never)
        .where('org_id', '=', org.id)
        .where('customer_id', '=', customer.id)
        .execute();
    }
    const invoices = await overdueInvoices(database, org, customer.id, externalId);
    const { plan } = await proposePlan(database.db, org.id, { customerId: customer.id, invoiceIds: invoices.map((i) => i.id), schedule: { kind: 'equal', instalments: 3, first: '2026-12-10', every: 'month' }, today: '2026-11-23', now: instantOn('2026-11-23'), actor: 'test' });
    await acceptPlan(database.db, org.id, { planId: plan.id, role: 'owner', today: '2026-11-23', now: instantOn('2026-11-23'), actor: 'test' });
    const current = await database.db.selectFrom('orgs').selectAll().where('id', '=', org.id).executeTakeFirstOrThrow();
    return { org: current, customer, invoices, planId: plan.id };
  }

  const planActions = (org: Org) =>
    database.db.selectFrom('actions').select(['id', 'idempotency_key', 'step_key', 'template', 'status', 'rule', 'reason', 'cycle_date']).where('org_id', '=', org.id).where('idempotency_key', 'like', 'plan:%').orderBy('id').execute();

  const sentCopy = (org: Org, actionId: bigint) =>
    database.db.selectFrom('communications').select(['subject', 'body_text', 'template_name']).where('org_id', '=', org.id).where('action_id', '=', actionId).executeTakeFirstOrThrow();

  it('reminds of each instalment once, sends a receipt when it is paid and one reminder when one is missed', async () => {
    const { org, customer, invoices, planId } = await planned('INST-1');

    // nothing before the window (3 days before the date), the reminder on its first day, once
    await runCycle(database.db, org, '2026-12-06');
    expect(await planActions(org)).toEqual([]);
    let report = await runCycle(database.db, org, '2026-12-07');
    expect(report.actions.filter((a) => a.step === 'instalment-reminder')).toEqual([expect.objectContaining({ created: true, status: 'ready', channel: 'email', customerExternalId: 'INST-1', amounts: { GBP: 449_99n } })]);
    report = await runCycle(database.db, org, '2026-12-08');
    expect(report.actions.filter((a) => a.step === 'instalment-reminder')).toEqual([expect.objectContaining({ created: false })]);
    expect((await planActions(org)).map((a) => a.idempotency_key)).toEqual([`plan:${planId}:instalment:1:reminder`]);

    // written to the outbox folder: no SMTP server in this test
    expect((await dispatchAll(database, senders, '2026-12-08T12:00:00Z')).notDelivered).toBe(1);
    const [reminder] = await planActions(org);
    expect(reminder!.status).toBe('written');
    const reminderCopy = await sentCopy(org, reminder!.id);
    expect(reminderCopy.subject).toBe('Instalment 1 of your payment plan: £449.99 due on 10 December 2026');
    expect(reminderCopy.body_text).toContain('instalment 1 of 3 of your payment plan, £449.99, is due on 10 December 2026');
    expect(reminderCopy.body_text).toContain('£1,349.99 is left to pay on the plan in all');
    expect(reminderCopy.body_text).toContain('How to pay: Bank transfer to Acme Supplies Ltd');

    // the first instalment paid: a receipt, with what is left and the next date
    await makePayment(database, { org_id: org.id, id: invoices[0]!.id, customer_id: customer.id, currency: 'GBP' }, 449_99n, '2026-12-09');
    report = await runCycle(database.db, org, '2026-12-10');
    expect(report.summary.plans.instalmentsPaid).toBe(1);
    expect(report.actions.filter((a) => a.step === 'instalment-receipt')).toEqual([expect.objectContaining({ created: true, status: 'ready' })]);
    await runCycle(database.db, org, '2026-12-11');
    expect((await dispatchAll(database, senders, '2026-12-11T12:00:00Z')).notDelivered).toBe(1);
    const receipt = (await planActions(org)).find((a) => a.step_key === 'instalment-receipt')!;
    const receiptCopy = await sentCopy(org, receipt.id);
    expect(receiptCopy.subject).toBe('Thank you: instalment 1 of your payment plan is paid');
    expect(receiptCopy.body_text).toContain('we have received £449.99 for instalment 1 of 3 of your payment plan');
    expect(receiptCopy.body_text).toContain('£900.00 is left to pay on the plan. The next instalment, £449.99, is due on 10 January 2027.');
    const timeline = await database.db.selectFrom('activities').select(['summary']).where('org_id', '=', org.id).where('customer_id', '=', customer.id).execute();
    expect(timeline.map((a) => a.summary)).toEqual(expect.arrayContaining([expect.stringMatching(/^Email "Instalment receipt" to inst-1@customer\.test/), expect.stringMatching(/^Email "Instalment reminder" to/)]));

    // the second is not paid: its reminder, then once it is missed (5 grace days) one reminder of it, however many days it stays broken
    await runCycle(database.db, org, '2027-01-08');
    expect((await dispatchAll(database, senders, '2027-01-08T12:00:00Z')).notDelivered).toBe(1);
    await runCycle(database.db, org, '2027-01-16');
    report = await runCycle(database.db, org, '2027-01-17');
    expect(report.actions.filter((a) => a.step === 'instalment-missed')).toEqual([expect.objectContaining({ created: false })]);
    expect((await planActions(org)).map((a) => [a.idempotency_key, a.cycle_date])).toEqual([
      [`plan:${planId}:instalment:1:reminder`, '2026-12-07'],
      [`plan:${planId}:instalment:1:receipt`, '2026-12-10'],
      [`plan:${planId}:instalment:2:reminder`, '2027-01-08'],
      [`plan:${planId}:instalment:2:missed`, '2027-01-16'],
    ]);
    expect((await dispatchAll(database, senders, '2027-01-17T12:00:00Z')).notDelivered).toBe(1);
    const missed = (await planActions(org)).find((a) => a.step_key === 'instalment-missed')!;
    const missedCopy = await sentCopy(org, missed.id);
    expect(missedCopy.subject).toBe('Instalment 2 of your payment plan has not been paid');
    expect(missedCopy.body_text).toContain('instalment 2 of your payment plan, due on 10 January 2027, has not been paid in full: £449.99 of it is still unpaid');

    // a second grace period later the plan defaults: no more instalment messages; the case resumes, firmer, with a call
    report = await runCycle(database.db, org, '2027-01-21');
    expect(report.summary.plans.defaulted).toBe(1);
    expect(report.actions.filter((a) => a.step.startsWith('instalment-'))).toEqual([]);
    expect(report.actions.map((a) => [a.channel, a.kind])).toContainEqual(['call', 'task']);
  });

  it('does not send a reminder whose instalment was paid before it went out', async () => {
    const { org, customer, invoices } = await planned('INST-2');
    await runCycle(database.db, org, '2026-12-08');
    await makePayment(database, { org_id: org.id, id: invoices[0]!.id, customer_id: customer.id, currency: 'GBP' }, 449_99n, '2026-12-08');
    await runCycle(database.db, org, '2026-12-08');
    await dispatchAll(database, senders, '2026-12-08T12:00:00Z');
    const [reminder] = await planActions(org);
    expect(reminder).toMatchObject({ step_key: 'instalment-reminder', status: 'cancelled', rule: 'instalment-message-stale', reason: 'The instalment was paid since this reminder was planned.' });
    expect(await database.db.selectFrom('communications').select('id').where('org_id', '=', org.id).where('action_id', '=', reminder!.id).execute()).toEqual([]);
  });
  /** The text of the PDF the dispatcher kept for a letter, lines joined. */
  async function letterText(org: Org, actionId: bigint) {
    const file = await database.db
      .selectFrom('communication_files')
      .innerJoin('communications', (join) => join.onRef('communications.org_id', '=', 'communication_files.org_id').onRef('communications.id', '=', 'communication_files.communication_id'))
      .select('communication_files.bytes')
      .where('communications.org_id', '=', org.id)
      .where('communications.action_id', '=', actionId)
      .executeTakeFirstOrThrow();
    const path = join(mkdtempSync(join(tmpdir(), 'arrears-plan-letter-')), 'letter.pdf');
    writeFileSync(path, file.bytes);
    return execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  }

  // What each language's reminder of the first instalment says (the amounts and dates as that language writes them).
  const reminderWording: Record<'de-DE' | 'fr-FR' | 'es-ES', { subject: (amount: string, on: string) => string; body: (amount: string, on: string, left: string) => string[] }> = {
    'de-DE': {
      subject: (amount, on) => `Rate 1 Ihrer Ratenzahlung: ${amount} fällig am ${on}`,
      body: (amount, on, left) => ['Guten Tag Pat Jones,', `dass Rate 1 von 3 Ihrer Ratenzahlung über ${amount} am ${on} fällig ist.`, `insgesamt noch ${left} offen`, 'Zahlungsinformationen: Bank transfer', 'Mit freundlichen Grüßen'],
    },
    'fr-FR': {
      subject: (amount, on) => `Échéance 1 de votre échéancier\u00a0: ${amount} à régler le ${on}`,
      body: (amount, on, left) => ['Bonjour Pat Jones,', `l’échéance 1 sur 3 de votre échéancier, d’un montant de ${amount}, est à régler le ${on}.`, `il vous reste ${left} à régler au total`, 'Modalités de paiement\u00a0: Bank transfer', 'Cordialement,'],
    },
    'es-ES': {
      subject: (amount, on) => `Cuota 1 de su plan de pagos: ${amount} con vencimiento el ${on}`,
      body: (amount, on, left) => ['Estimado/a Pat Jones:', `la cuota 1 de 3 de su plan de pagos, por importe de ${amount}, vence el ${on}.`, `le quedan en total ${left} por pagar del plan`, 'Datos para el pago: Bank transfer', 'Un cordial saludo,'],
    },
  };

  it.each(Object.keys(reminderWording) as Array<keyof typeof reminderWording>)('writes a %s customer’s instalment reminder in their language', async (language) => {
    const { org } = await planned(`INST-${language}`, { language });
    await runCycle(database.db, org, '2026-12-07');
    expect((await dispatchAll(database, senders, '2026-12-07T12:00:00Z')).notDelivered).toBe(1);
    const [reminder] = await planActions(org);
    const copy = await database.db.selectFrom('communications').select(['subject', 'body_text', 'language', 'channel']).where('org_id', '=', org.id).where('action_id', '=', reminder!.id).executeTakeFirstOrThrow();
    const amount = formatAmount(language, 449_99n, 'GBP');
    const on = formatDate(language, '2026-12-10');
    // spaces compared as spaces: an email's subject line turns the no-break ones of amounts and French punctuation into plain ones
    const spaced = (text: string | null) => text?.replace(/\s+/g, ' ');
    expect(copy).toMatchObject({ language, channel: 'email' });
    expect(spaced(copy.subject)).toBe(spaced(reminderWording[language].subject(amount, on)));
    for (const phrase of reminderWording[language].body(amount, on, formatAmount(language, 1_349_99n, 'GBP'))) expect(spaced(copy.body_text)).toContain(spaced(phrase));
    expect(copy.body_text).not.toMatch(/instalment|payment plan/i);
  });

  it('sends them as letters when the playbook’s instalment reminder step is a letter step: a PDF in the payment plan layout, the receipt too', async () => {
    const { org, customer, invoices } = await planned('INST-LTR', { instalmentChannels: ['letter'] });
    let report = await runCycle(database.db, org, '2026-12-07');
    expect(report.actions.filter((a) => a.step === 'instalment-reminder')).toEqual([expect.objectContaining({ created: true, status: 'ready', channel: 'letter' })]);
    expect(await dispatchAll(database, senders, '2026-12-07T12:00:00Z')).toMatchObject({ printed: 1 });
    const [reminder] = await planActions(org);
    expect(reminder!.status).toBe('printed');
    const reminderLetter = await letterText(org, reminder!.id);
    expect(reminderLetter).toContain('Your payment plan');
    expect(reminderLetter).toContain('Dear Pat Jones, This is a friendly reminder that instalment 1 of 3 of your payment plan, £449.99, is due on 10 December 2026.');
    expect(reminderLetter).toContain('How to pay: Bank transfer to Acme Supplies Ltd');
    // about the instalment, not the invoices the plan covers: no invoice table
    expect(reminderLetter).not.toContain('Days overdue');
    expect(reminderLetter).not.toContain('INST-LTR-1');

    await makePayment(database, { org_id: org.id, id: invoices[0]!.id, customer_id: customer.id, currency: 'GBP' }, 449_99n, '2026-12-09');
    report = await runCycle(database.db, org, '2026-12-10');
    expect(report.actions.filter((a) => a.step === 'instalment-receipt')).toEqual([expect.objectContaining({ created: true, channel: 'letter' })]);
    expect(await dispatchAll(database, senders, '2026-12-10T12:00:00Z')).toMatchObject({ printed: 1 });
    const receipt = (await planActions(org)).find((a) => a.step_key === 'instalment-receipt')!;
    const receiptLetter = await letterText(org, receipt.id);
    expect(receiptLetter).toContain('we have received £449.99 for instalment 1 of 3 of your payment plan');
    expect(receiptLetter).toContain('Please keep this letter as your receipt.');
  });

  it('texts a customer with only a phone and writes to one with only a postal address (the step’s channels in order); one with neither is blocked', async () => {
    const phone = await planned('INST-SMS', { reach: ['sms'] });
    expect((await runCycle(database.db, phone.org, '2026-12-07')).actions.filter((a) => a.step === 'instalment-reminder')).toEqual([expect.objectContaining({ channel: 'sms', status: 'ready' })]);
    const before = sms.messages.length;
    expect(await dispatchAll(database, senders, '2026-12-07T12:00:00Z')).toMatchObject({ sent: 1 });
    const [text] = sms.messages.slice(before);
    expect(text!.to).toBe('+447700900123');
    expect(text!.body).toMatch(/^Acme Supplies Ltd: /);
    expect(text!.body).toContain('a friendly reminder that instalment 1 of 3 of your payment plan, £449.99, is due on 10 December 2026.');
    expect(text!.body.length).toBeLessThanOrEqual(320);

    const post = await planned('INST-POST', { reach: ['letter'] });
    expect((await runCycle(database.db, post.org, '2026-12-07')).actions.filter((a) => a.step === 'instalment-reminder')).toEqual([expect.objectContaining({ channel: 'letter', status: 'ready' })]);

    // an installation that cannot send SMS passes over it for the step's next channel, as for a case's step
    const noSms = await planned('INST-NOSMS', { reach: ['sms', 'letter'] });
    expect((await runCycle(database.db, noSms.org, '2026-12-07', { channelsOff: ['sms'] })).actions.filter((a) => a.step === 'instalment-reminder')).toEqual([expect.objectContaining({ channel: 'letter' })]);

    const none = await planned('INST-NONE', { reach: [] });
    await runCycle(database.db, none.org, '2026-12-07');
    expect(await planActions(none.org)).toEqual([
      expect.objectContaining({ status: 'blocked', rule: 'no-channel', reason: 'No way to reach the customer for "Instalment reminder": no usable email or sms or letter address on file (missing, opted out or bounced).' }),
    ]);
  });
});
