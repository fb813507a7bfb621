// SMS through a Twilio-compatible HTTP API (Twilio itself, or any provider or test double that
// speaks its Messages resource). Every failure becomes a SendError: the network, a timeout, a rate
// limit or the provider's own trouble is temporary (try again later); any other refusal is
// permanent, and a refusal because of the number itself also marks the number as unusable.
import type { SmsConfig } from '../../config.ts';
import { SendError } from '../send-error.ts';
import type { SmsMessage, SmsProvider } from './sms-provider.ts';

/** How long a send may take before it is given up (and retried later: it may or may not have gone). */
export const smsSendTimeoutMs = 15_000;

/** Provider error codes (https://www.twilio.com/docs/api/errors) that mean the number cannot take our texts. */
const invalidToNumber = 21211;
const notAMobileNumber = 21614;
const unsubscribedRecipient = 21610;
const badNumberCodes = new Set([invalidToNumber, notAMobileNumber]);

export interface TwilioSmsOptions {
  /** Milliseconds before a send is abandoned as a temporary failure; 15 s unless set. */
  timeoutMs?: number;
}

export function createTwilioSmsProvider(config: SmsConfig, options: TwilioSmsOptions = {}): SmsProvider {
  const endpoint = `${config.baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`;
  const timeoutMs = options.timeoutMs ?? smsSendTimeoutMs;
  const provider = new URL(config.baseUrl).host;

  return {
    async send(message: SmsMessage) {
      let response: Response;
      let text: string;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({ To: message.to, From: message.from, Body: message.body }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
      } catch (error) {
        throw unreachable(error, provider, timeoutMs);
      }
      const reply = parseJson(text);
      if (response.ok) {
        const sid = typeof reply?.sid === 'string' ? reply.sid : undefined;
        // Accepted but unidentifiable: retrying could text the debtor twice, so do not.
        if (!sid) throw new SendError(`the SMS provider (${provider}) accepted the message to ${message.to} but returned no message sid; check the provider's log before sending again`, true);
        return { providerReference: sid };
      }
      throw refusal(response.status, reply, message.to, provider);
    },
  };
}

interface ProviderError {
  code?: unknown;
  message?: unknown;
  sid?: unknown;
}

function parseJson(text: string): ProviderError | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as ProviderError) : undefined;
  } catch {
    return undefined;
  }
}

function unreachable(error: unknown, provider: string, timeoutMs: number): SendError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new SendError(`the SMS provider (${provider}) did not answer within ${timeoutMs / 1000} s; the message will be tried again`, false);
  }
  // fetch reports the network failure itself (refused, reset, DNS) as the cause of a TypeError.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
  return new SendError(`could not reach the SMS provider (${provider}): ${cause}; the message will be tried again`, false);
}

function refusal(status: number, reply: ProviderError | undefined, to: string, provider: string): SendError {
  const code = typeof reply?.code === 'number' ? reply.code : typeof reply?.code === 'string' ? Number(reply.code) : undefined;
  const said = [code, typeof reply?.message === 'string' ? reply.message : undefined].filter((part) => part !== undefined && part !== '').join(' ');
  const detail = `HTTP ${status}${said ? `, error ${said}` : ''}`;
  if (status === 429 || status >= 500) {
    return new SendError(`the SMS provider (${provider}) could not take the message to ${to} now (${detail}); it will be tried again`, false);
  }
  if (code === unsubscribedRecipient) {
    return new SendError(`the number ${to} has opted out of texts from this sender (it replied STOP) (${detail}); texts to it stay blocked until it replies START`, true, true);
  }
  if (code !== undefined && badNumberCodes.has(code)) {
    return new SendError(`the SMS provider refused the number ${to} (${detail}); correct the contact's phone number or use another channel`, true, true);
  }
  if (status === 401 || status === 403) {
    return new SendError(`the SMS provider (${provider}) refused our credentials (${detail}); check SMS_ACCOUNT_SID and SMS_AUTH_TOKEN`, true);
  }
  return new SendError(`the SMS provider (${provider}) refused the message to ${to} (${detail})`, true);
}
