// The channels as configured: SMTP (SMTP_URL) or the .eml outbox under <data>/outbox/, and the SMS
// provider when its four settings are given.
import { join } from 'node:path';
import { createEmailTransport } from '../../channels/email/email-transport.ts';
import { createTwilioSmsProvider } from '../../channels/sms/twilio-provider.ts';
import type { Config } from '../../config.ts';
import type { ChannelSenders } from './deliver.ts';

export function outboxDir(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'outbox');
}

export function createChannelSenders(config: Pick<Config, 'smtpUrl' | 'dataDir' | 'sms'>): ChannelSenders {
  return {
    email: createEmailTransport({ smtpUrl: config.smtpUrl, outboxDir: outboxDir(config) }),
    sms: config.sms ? { provider: createTwilioSmsProvider(config.sms), from: config.sms.from } : null,
  };
}
