// `arrears start`: the server. Opens (and migrates) the database, creates the first organisation
// on an empty database and prints its secrets once — loading the demo portfolio into it unless
// ARREARS_DEMO=0 — then serves HTTP, runs each organisation's daily cycle at its local morning
// (unless ARREARS_SCHEDULER=0) and sends what is due (unless ARREARS_DISPATCH=0) until stopped.
import type { Command } from 'commander';
import { ensureFirstOrg } from '../../app/orgs/ensure-first-org.ts';
import { loadDemoPortfolio } from '../../app/demo/load-demo-portfolio.ts';
import { startHttpServer } from '../../http/server.ts';
import { channelsOff, createChannelSenders, orgEmailTransport, outboxDir } from '../../app/dispatch/channel-senders.ts';
import { startDispatcher } from '../../jobs/dispatcher.ts';
import { postgresSchedulerConcurrency, startScheduler } from '../../jobs/scheduler.ts';
import { createLogger } from '../../logger.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/engine.ts';
import type { Org } from '../../db/schema.ts';
import { configFor, openConfiguredDatabase } from '../context.ts';
import { currentInstant } from '../dates.ts';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('run the server (HTTP API) on the configured database')
    .action(async (_options, command: Command) => {
      const config = configFor(command);
      const logger = createLogger(config);
      const database = await openConfiguredDatabase(config, { server: true });
      const created = await ensureFirstOrg(database.db, config);
      if (created) {
        process.stdout.write(
          [
            '',
            `Created the organisation "${created.org.name}" (slug ${created.org.slug}).`,
            `  owner:    ${created.ownerEmail}`,
            `  password: ${created.ownerPassword}`,
            `  API key:  ${created.apiKey}`,
            'These are shown once and stored only as hashes: keep them now.',
            '',
            ...whatToSet(created.org),
          ].join('\n'),
        );
        await loadDemoOnFirstStart(database, created.org, config);
      }
      const now = () => (config.fixedNow ? new Date(config.fixedNow) : new Date());
      const senders = createChannelSenders(config);
      // Invitations and test emails go by real email only: the organisation's own SMTP server, or SMTP_URL.
      const orgMail = orgEmailTransport(senders, config);
      const { server, port } = await startHttpServer(
        { database, logger, now, sms: config.sms, bodyLimits: { importStream: config.maxImportBytes }, sessions: config.sessions, trustProxy: config.trustProxy, orgMail, secretKey: config.secretKey },
        config.host,
        config.port,
      );
      const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded database in ${config.dataDir}`;
      process.stdout.write(`Arrears is running on http://localhost:${port} with the ${where}. Ctrl-C stops it.\n`);
      const scheduler = config.scheduler ? startScheduler({ db: database.db, logger, now: () => currentInstant(config), channelsOff: channelsOff(config), concurrency: database.engine === 'postgres' ? postgresSchedulerConcurrency : 1 }) : undefined;
      const dispatcher = config.dispatch ? await startDispatcher(database, { senders, logger, now: () => currentInstant(config) }) : undefined;
      if (dispatcher && !config.smtpUrl) process.stdout.write(`No SMTP_URL: emails are written to ${outboxDir(config)} as .eml files and marked not delivered.\n`);
      const stop = async () => {
        scheduler?.stop();
        await dispatcher?.stop();
        senders.close();
        server.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

/**
 * What the organisation must set before its messages are fit to send: letters are held back
 * without a return address, and a message signed with the business name twice reads as a form.
 */
export function whatToSet(org: Pick<Org, 'name' | 'sender_name' | 'sender_email' | 'postal_address'>): string[] {
  const missing = [
    ...(org.postal_address.length === 0 ? ['  the postal address (letterhead and return address; letters wait until it is set):  arrears org set --address "1 Quay Street" --address "Bristol BS1 4DJ"'] : []),
    ...(!org.sender_name || org.sender_name === org.name ? ['  the name messages are signed with (a person or a team):  arrears org set --sender-name "Sarah Collins"'] : []),
    ...(!org.sender_email ? ['  the address emails come from, on your own domain:  arrears org set --sender-email accounts@your-domain.com'] : []),
    '  how debtors pay you (bank details or a payment link) and the paper letters are printed on (A4 or Letter): see arrears org set --help',
  ];
  return ['Before the first messages go out, set:', ...missing, ''];
}

/**
 * Only into the organisation this start created, and only while it has no invoices: a user who
 * once started empty (ARREARS_DEMO=0) and restarts later never gets demo data mixed into theirs.
 */
async function loadDemoOnFirstStart(database: Database, org: Org, config: Config): Promise<void> {
  if (!config.firstStart.loadDemo) return;
  const invoice = await database.db.selectFrom('invoices').select('id').where('org_id', '=', org.id).limit(1).executeTakeFirst();
  if (invoice) return;
  const started = performance.now();
  const counts = await loadDemoPortfolio(database.db, org, currentInstant(config));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const empty = config.databaseUrl
    ? 'start on an empty database with ARREARS_DEMO=0'
    : `stop, delete ${config.dataDir} and start with ARREARS_DEMO=0`;
  process.stdout.write(
    `Loaded the demo portfolio (${counts.customers} customers, ${counts.invoices} invoices, ${counts.disputes} open disputes) in ${seconds} s. ` +
      `To start empty instead: ${empty}.\n`,
  );
}
