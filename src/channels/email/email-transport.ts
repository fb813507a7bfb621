// Sends emails over SMTP (SMTP_URL, a pooled connection), or — with no SMTP configured, the
// embedded default — writes each one as an .eml file under <data>/outbox/, reported as not
// delivered so nobody mistakes it for sent. Transport errors become SendErrors: a 5xx reply to a
// recipient is a hard bounce, other 5xx are permanent, 4xx and connection trouble are retried.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { SendError } from '../send-error.ts';
import type { EmailMessage } from './email-message.ts';

export interface EmailSendResult {
  transport: 'smtp' | 'outbox-file';
  delivered: boolean;
  /** The recipients the server accepted (all of them for a file). */
  accepted: string[];
  /** Recipients the server refused while accepting others: their addresses bounced. */
  rejected: string[];
  /** Where the copy went: the SMTP server's reply, or the .eml file's path. */
  reference: string;
}

export interface EmailTransport {
  send(message: EmailMessage): Promise<EmailSendResult>;
  close(): void;
}

export function createEmailTransport(options: { smtpUrl?: string; outboxDir: string; maxConnections?: number }): EmailTransport {
  return options.smtpUrl ? smtpTransport(options.smtpUrl, options.maxConnections ?? 5) : fileTransport(options.outboxDir);
}

function mailOptions(message: EmailMessage) {
  return {
    from: message.from,
    replyTo: message.replyTo ?? undefined,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    headers: message.headers,
    attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) })),
  };
}

function smtpTransport(smtpUrl: string, maxConnections: number): EmailTransport {
  const url = new URL(smtpUrl);
  const transporter = nodemailer.createTransport({
    pool: true,
    maxConnections,
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    // ?tls=insecure accepts a self-signed certificate (a relay on the same machine)
    tls: url.searchParams.get('tls') === 'insecure' ? { rejectUnauthorized: false } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  });
  return {
    async send(message) {
      try {
        const info = await transporter.sendMail(mailOptions(message));
        const rejected = (info.rejected ?? []).map(String);
        return { transport: 'smtp', delivered: true, accepted: (info.accepted ?? []).map(String), rejected, reference: info.response ?? '' };
      } catch (error) {
        throw smtpSendError(error as SmtpError);
      }
    },
    close: () => transporter.close(),
  };
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
}

function smtpSendError(error: SmtpError): SendError {
  const reply = error.response ?? error.message;
  const code = error.responseCode;
  if (code !== undefined && code >= 500) {
    // A refused recipient (RCPT TO, or every recipient refused) is a hard bounce of the address.
    const badAddress = error.code === 'EENVELOPE' || error.command === 'RCPT TO';
    return new SendError(`SMTP ${code}: ${reply}`, true, badAddress);
  }
  if (code !== undefined) return new SendError(`SMTP ${code} (temporary): ${reply}`, false);
  return new SendError(`SMTP connection failed (${error.code ?? 'error'}): ${error.message}`, false);
}

function fileTransport(outboxDir: string): EmailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transporter.sendMail(mailOptions(message));
      mkdirSync(outboxDir, { recursive: true });
      // Named by the Message-ID: a send repeated after a crash overwrites its own file.
      const path = join(outboxDir, `${message.messageId.replace(/[^A-Za-z0-9.@_-]/g, '')}.eml`);
      const temporary = `${path}.tmp`;
      writeFileSync(temporary, info.message as Buffer);
      renameSync(temporary, path);
      return { transport: 'outbox-file', delivered: false, accepted: [...message.to], rejected: [], reference: path };
    },
    close: () => {},
  };
}
