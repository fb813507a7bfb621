// The words Arrears itself adds around a template's text, in each message language: the invoice
// table's headings, the opt-out lines, the closings. Organisations cannot edit these, so each
// language needs its own here, or a German email would end in an English opt-out line.
import type { MessageLanguage } from '../messages/message-model.ts';

export interface FixedWording {
  /** Invoice, issued, due, days overdue, balance. */
  tableHeaders: readonly [string, string, string, string, string];
  /** The total row of the invoice table; with the currency when there are several. */
  total: (currency: string | null) => string;
  /** The days-overdue cell of an invoice not yet due. */
  notYetDue: string;
  /**
   * Said under the invoice table for each invoice part of which is disputed: the table asks only
   * for the undisputed part, and the reader must see why the figures differ from their invoice.
   */
  underReview: (amount: string, invoiceNumber: string) => string;
  /** The opt-out line of every email to a consumer; `where` is an address or email address. */
  emailOptOut: (where: string) => string;
  /** The opt-out every SMS to a consumer ends with; the keyword stays STOP in every language. */
  smsOptOut: string;
  /**
   * Sign-offs written without a comma in this language ("Mit freundlichen Grüßen", DIN 5008), so
   * the email layout still keeps them on the line above the sender's name.
   */
  signOffs: readonly string[];
  /**
   * The closing line a letter layout prints above the signature; null where the language closes
   * a letter with a sentence inside the body (the French "formule de politesse").
   */
  letterClosing: string | null;
  /** The heading of each kind of letter (the layouts of src/channels/letters). */
  letterTitles: Readonly<Record<LetterTitle, string>>;
  /** A letter's invoice table adds these columns: the invoice's amount, charges and what was paid. */
  letterAmountHeaders: readonly [string, string, string];
  /** The word before the customer's reference beside the date and in the footer. */
  reference: string;
  /** The footer's page count. */
  page: (current: number, count: number) => string;
}

export type LetterTitle = 'reminder' | 'statement-of-account' | 'demand' | 'final-notice' | 'satisfaction-verification' | 'validation-notice' | 'letter-of-claim' | 'account-notice' | 'payment-plan';

const english = {
  tableHeaders: ['Invoice', 'Issued', 'Due', 'Days overdue', 'Balance'],
  total: (currency: string | null) => (currency ? `Total ${currency}` : 'Total'),
  notYetDue: 'not yet due',
  underReview: (amount: string, invoiceNumber: string) => `${amount} of invoice ${invoiceNumber} is under review and is not included.`,
  emailOptOut: (where: string) => `To stop receiving emails about this account, reply with the word STOP or write to us at ${where}.`,
  smsOptOut: 'Reply STOP to opt out.',
  signOffs: [],
  letterAmountHeaders: ['Amount', 'Charges', 'Paid'],
  reference: 'Reference',
  page: (current: number, count: number) => `Page ${current} of ${count}`,
} as const;

const englishTitles = {
  reminder: 'Payment reminder',
  'statement-of-account': 'Statement of account',
  demand: 'Demand for payment',
  'final-notice': 'Final notice',
  'satisfaction-verification': 'Your invoice: please check everything is in order',
  'validation-notice': 'Validation notice',
  'account-notice': 'About your account',
  'payment-plan': 'Your payment plan',
} as const;

export const fixedWording: Readonly<Record<MessageLanguage, FixedWording>> = {
  'en-US': { ...english, letterClosing: 'Sincerely,', letterTitles: { ...englishTitles, 'letter-of-claim': 'Letter before claim' } },
  'en-GB': { ...english, letterClosing: 'Yours sincerely', letterTitles: { ...englishTitles, 'letter-of-claim': 'Letter of claim' } },
  'de-DE': {
    tableHeaders: ['Rechnung', 'Datum', 'Fällig am', 'Tage überfällig', 'Offener Betrag'],
    total: (currency) => (currency ? `Summe ${currency}` : 'Summe'),
    notYetDue: 'noch nicht fällig',
    underReview: (amount, invoiceNumber) => `${amount} der Rechnung ${invoiceNumber} werden noch geprüft und sind hier nicht enthalten.`,
    emailOptOut: (where) => `Wenn Sie zu diesem Konto keine E-Mails mehr erhalten möchten, antworten Sie mit dem Wort STOP oder schreiben Sie uns an ${where}.`,
    smsOptOut: 'Antworten Sie STOP, um keine SMS mehr zu erhalten.',
    signOffs: ['Mit freundlichen Grüßen', 'Freundliche Grüße', 'Beste Grüße', 'Viele Grüße'],
    letterClosing: 'Mit freundlichen Grüßen',
    letterAmountHeaders: ['Betrag', 'Gebühren', 'Bezahlt'],
    reference: 'Kundennummer',
    page: (current, count) => `Seite ${current} von ${count}`,
    letterTitles: {
      reminder: 'Zahlungserinnerung',
      'statement-of-account': 'Kontoauszug',
      demand: 'Zahlungsaufforderung',
      'final-notice': 'Letzte Zahlungsaufforderung',
      'satisfaction-verification': 'Ihre Rechnung: Ist alles in Ordnung?',
      'validation-notice': 'Forderungsaufstellung',
      'letter-of-claim': 'Letzte Aufforderung vor Klageerhebung',
      'account-notice': 'Zu Ihrem Kundenkonto',
      'payment-plan': 'Ihre Ratenzahlung',
    },
  },
  'fr-FR': {
    tableHeaders: ['Facture', 'Émise le', 'Échéance', 'Jours de retard', 'Solde dû'],
    total: (currency) => (currency ? `Total ${currency}` : 'Total'),
    notYetDue: 'non échue',
    underReview: (amount, invoiceNumber) => `${amount} de la facture ${invoiceNumber} sont en cours d’examen et ne sont pas inclus ici.`,
    emailOptOut: (where) => `Pour ne plus recevoir d’e-mails concernant ce compte, répondez avec le mot STOP ou écrivez-nous à ${where}.`,
    smsOptOut: 'Répondez STOP pour ne plus recevoir de SMS.',
    signOffs: ['Cordialement', 'Bien cordialement', 'Bien à vous'],
    letterClosing: null,
    letterAmountHeaders: ['Montant', 'Frais', 'Payé'],
    reference: 'Référence',
    page: (current, count) => `Page ${current} sur ${count}`,
    letterTitles: {
      reminder: 'Rappel de paiement',
      'statement-of-account': 'Relevé de compte',
      demand: 'Demande de paiement',
      'final-notice': 'Dernier rappel',
      'satisfaction-verification': 'Votre facture : tout est-il en ordre ?',
      'validation-notice': 'Avis de validation de créance',
      'letter-of-claim': 'Mise en demeure avant action en justice',
      'account-notice': 'Au sujet de votre compte',
      'payment-plan': 'Votre échéancier de paiement',
    },
  },
  'es-ES': {
    tableHeaders: ['Factura', 'Emitida', 'Vencimiento', 'Días de retraso', 'Saldo pendiente'],
    total: (currency) => (currency ? `Total ${currency}` : 'Total'),
    notYetDue: 'aún no vencida',
    underReview: (amount, invoiceNumber) => `${amount} de la factura ${invoiceNumber} están en revisión y no se incluyen aquí.`,
    emailOptOut: (where) => `Si no desea recibir más correos electrónicos sobre esta cuenta, responda con la palabra STOP o escríbanos a ${where}.`,
    smsOptOut: 'Responda STOP para no recibir más SMS.',
    signOffs: ['Atentamente', 'Un cordial saludo', 'Saludos cordiales'],
    letterClosing: 'Atentamente,',
    letterAmountHeaders: ['Importe', 'Cargos', 'Pagado'],
    reference: 'Referencia',
    page: (current, count) => `Página ${current} de ${count}`,
    letterTitles: {
      reminder: 'Recordatorio de pago',
      'statement-of-account': 'Extracto de cuenta',
      demand: 'Requerimiento de pago',
      'final-notice': 'Último aviso',
      'satisfaction-verification': 'Su factura: compruebe que todo está en orden',
      'validation-notice': 'Notificación de validación de la deuda',
      'letter-of-claim': 'Requerimiento previo a la reclamación judicial',
      'account-notice': 'Sobre su cuenta',
      'payment-plan': 'Su plan de pagos',
    },
  },
};
