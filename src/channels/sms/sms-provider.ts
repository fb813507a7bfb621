// What sending an SMS needs from a provider, whichever it is. A failure is thrown as a SendError
// (src/channels/send-error.ts) so the dispatcher knows whether to retry, stop, or switch channel.

export interface SmsMessage {
  /** E.164, e.g. '+14155550100' (see toE164 in phone-number.ts). */
  to: string;
  /** The sending number or sender id registered with the provider. */
  from: string;
  body: string;
}

export interface SmsProvider {
  /** Hands the message to the provider; resolves with the provider's id of it once accepted. */
  send(message: SmsMessage): Promise<{ providerReference: string }>;
}
