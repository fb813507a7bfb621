// The channels as configured: SMTP (SMTP_URL, or an organisation's own server) or the .eml outbox
// under <data>/outbox/, and the SMS provider when its settings are given.
import { join } from 'node:path';
import { createEmailTransport, type EmailTransport } from '../../channels/email/email-transport.ts';
import { createTwilioSmsProvider } from '../../channels/sms/twilio-provider.ts';
import type { Config } from '../../config.ts';
import type { Org } from '../../db/schema.ts';
import type { SendChannel } from '../../domain/playbooks/playbook.ts';
import { SendError } from '../../channels/send-error.ts';
import { openSmtpUrl } from '../orgs/stored-secrets.ts';
import type { ChannelSenders } from './deliver.ts';

export function outboxDir(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'outbox');
}

/** The channels this installation cannot send on: SMS until a provider is configured. The cycle plans around them. */
export function channelsOff(config: Pick<Config, 'sms'>): SendChannel[] {
  return config.sms ? [] : ['sms'];
}

export function createChannelSenders(config: Pick<Config, 'smtpUrl' | 'dataDir' | 'sms'> & { secretKey?: Buffer | null }): ChannelSenders & { close(): void } {
  const email = createEmailTransport({ smtpUrl: config.smtpUrl, outboxDir: outboxDir(config) });
  // Organisations with their own SMTP server: one pooled transport per server, opened on first use.
  const own = new Map<string, EmailTransport>();
  const emailVia = (smtpUrl: string) => {
    let transport = own.get(smtpUrl);
    if (!transport) {
      // The stored URL's password is encrypted (ARREARS_SECRET_KEY); opened only to connect.
      let url: string;
      try {
        url = openSmtpUrl(smtpUrl, config.secretKey ?? null);
      } catch (error) {
        // a setting to fix, after which `arrears outbox retry` sends it
        throw new SendError((error as Error).message, true);
      }
      transport = createEmailTransport({ smtpUrl: url, outboxDir: outboxDir(config), maxConnections: 2 });
      own.set(smtpUrl, transport);
    }
    return transport;
  };
  return {
    email,
    emailVia,
    sms: config.sms ? { provider: createTwilioSmsProvider(config.sms), from: config.sms.from } : null,
    close: () => {
      email.close();
      for (const transport of own.values()) transport.close();
    },
  };
}

/**
 * The transport an organisation's emails from the app go by (invitations, a test email): its own
 * SMTP server, or the installation's SMTP_URL; null when neither is set (the .eml outbox is for
 * debtors' messages, not for these).
 */
export function orgEmailTransport(senders: Pick<ChannelSenders, 'email' | 'emailVia'>, config: Pick<Config, 'smtpUrl'>): (org: Pick<Org, 'smtp_url'>) => EmailTransport | null {
  return (org) => (org.smtp_url && senders.emailVia ? senders.emailVia(org.smtp_url) : config.smtpUrl ? senders.email : null);
}
