// The longest text each stored field takes, in characters. One list for the API's schemas, the
// imports and the use cases, so that a value the API refuses cannot come in through a file instead,
// and the API's contract promises exactly what the use case accepts.
export const textLimits = {
  /** An accounting system's id: of a customer, invoice, payment or credit note. */
  externalId: 100,
  customerName: 200,
  region: 100,
  /** One segment tag; a customer has at most maxTags. */
  tag: 60,
  maxTags: 50,
  contactName: 200,
  email: 254,
  /** The API's phone pattern allows "+", a digit and 30 more characters. */
  phone: 32,
  addressLine: 200,
  city: 100,
  postalCode: 20,
  /** Invoice and credit note numbers. */
  documentNumber: 100,
  terms: 5000,
  creditNoteReason: 1000,
  paymentMethod: 60,
  paymentReference: 200,
  /**
   * Why a person did something, kept on the timeline: a hold and its release, an exclusion, a
   * cancelled send or promise, a contact flag, an override of a contact rule, an erasure.
   */
  reason: 500,
  /** A dispute's reason, and its resolution. */
  disputeText: 1000,
  promiseNote: 1000,
  /** A note on a call's outcome or on a review's decision. */
  taskNote: 2000,
  /** The creditor an agency collects for (its client). */
  creditorName: 200,
} as const;
