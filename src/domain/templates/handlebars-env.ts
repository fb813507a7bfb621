// The one Handlebars environment templates are compiled in: its own instance, so nothing another
// part of the program registers (helpers, partials) can change what a template does, and the
// options that make a template fail loudly instead of printing a blank.
import Handlebars from 'handlebars';

export const handlebars = Handlebars.create();

export const compileOptions: CompileOptions = {
  /** An unknown variable throws instead of printing nothing. */
  strict: true,
  /** Output is text; the HTML part of an email is escaped as a whole by the email layout. */
  noEscape: true,
  /** #if, #unless, #each and #with only: a template cannot call code. */
  knownHelpersOnly: true,
  knownHelpers: { log: false, lookup: false },
};

export const blockHelpers = ['if', 'unless', 'each', 'with'] as const;

/** The only partial: the invoice table, which only emails show (letters add their own). */
export const invoiceTablePartial = 'invoice_table';
