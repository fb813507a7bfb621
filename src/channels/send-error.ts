// How a channel says a send failed, so the dispatcher knows what to do next: retry later
// (temporary: a timeout, a 4xx SMTP reply, a provider's 5xx or rate limit) or stop (permanent).
// A permanent failure that means the address itself is bad (a hard bounce, an invalid number)
// also marks the address, so the next step switches channel.
export class SendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    /** The recipient's address or number is unusable (hard bounce, invalid number). */
    readonly badAddress = false,
  ) {
    super(message);
    this.name = 'SendError';
  }
}
