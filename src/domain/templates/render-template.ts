// A template and a message model in, the exact words to send out: subject, text, HTML for an email,
// the voicemail script for a call. Templates are Handlebars in strict mode, checked against the
// message view before their first use and compiled once per source hash.
import { AppError } from '../../errors.ts';
import type { IsoDate } from '../calendar.ts';
import type { MessageModel } from '../messages/message-model.ts';
import type { MessageChannel } from '../playbooks/playbook.ts';
import { emailHtml, emailText, tableMarker } from './email-layout.ts';
import { fixedWording } from './fixed-wording.ts';
import { compileOptions, handlebars, invoiceTablePartial } from './handlebars-env.ts';
import { invoiceTableText } from './invoice-table.ts';
import { messageView, type MessageView } from './message-view.ts';
import { parseTemplate, position, structureProblems, type StructureProblem, type StructureRules } from './template-structure.ts';
import type { TemplateSource } from './template-source.ts';

export interface RenderedMessage {
  /** Email only. */
  subject: string | null;
  /** The message as plain text: the email's text part, the SMS, the call script, the letter's body. */
  text: string;
  /** Email only. */
  html: string | null;
  /** Call only: the limited-content voicemail script. */
  voicemail: string | null;
  /** The payment deadline the message gives, as a plain date (stored with the action); null when it gives none. */
  deadlineOn: IsoDate | null;
  template: Pick<TemplateSource, 'name' | 'channel' | 'language' | 'version' | 'hash'>;
}

export type TemplatePart = 'subject' | 'body' | 'voicemail';

export const smsCollectorDisclosure = 'This communication is from a debt collector.';

/** Variables a voicemail may use: nothing that says who owes what (12 CFR 1006.2(j)). */
const voicemailVariables = new Set(['org.name', 'org.senderName', 'org.phone', 'agency', 'consumer', 'date']);

export const limitedContentRule =
  'a voicemail must be a limited-content message (12 CFR 1006.2(j)): the caller’s name, a request to call back, a phone number and the business name — nothing about the debt, the invoices or the amounts';

/** What each part of a template may contain, by channel. */
export function structureRules(channel: MessageChannel, part: TemplatePart): StructureRules {
  if (part === 'voicemail') {
    return { invoiceTable: `the voicemail cannot contain the invoice table: ${limitedContentRule}`, onlyVariables: { names: voicemailVariables, why: limitedContentRule } };
  }
  if (part === 'subject') return { invoiceTable: 'the subject is one line: put {{> invoice_table}} in the body' };
  switch (channel) {
    case 'email':
      return { invoiceTable: true };
    case 'letter':
      return { invoiceTable: 'the letter layout adds the invoice table itself: remove {{> invoice_table}} from the letter' };
    case 'sms':
      return { invoiceTable: 'an SMS is too short for the invoice table: use {{total}} and {{oldestDueDate}}' };
    case 'call':
      return { invoiceTable: 'a call script has no invoice table: use {{#each invoices}} … {{/each}} to list them' };
  }
}

/** The parts of a source that hold text, with the text. */
export function templateParts(source: Pick<TemplateSource, 'subject' | 'body' | 'voicemail'>): [TemplatePart, string][] {
  return [
    ...(source.subject !== null ? [['subject', source.subject] as [TemplatePart, string]] : []),
    ['body', source.body],
    ...(source.voicemail !== null ? [['voicemail', source.voicemail] as [TemplatePart, string]] : []),
  ];
}

export interface LocatedProblem extends StructureProblem {
  part: TemplatePart;
}

/** Syntax and structure problems of every part: empty when the source can be compiled. */
export function sourceProblems(source: TemplateSource): LocatedProblem[] {
  return templateParts(source).flatMap(([part, text]) => {
    const parsed = parseTemplate(text);
    if (!parsed.ok) return [{ ...parsed.problem, part }];
    return structureProblems(text, parsed.program, structureRules(source.channel, part)).map((problem) => ({ ...problem, part }));
  });
}

type Delegate = HandlebarsTemplateDelegate<MessageView>;

interface Compiled {
  subject: string | null;
  body: string;
  voicemail: string | null;
  render: Record<TemplatePart, Delegate | null>;
}

// Bounded: a long-running worker sees every version of every organisation's templates.
const compiledTemplates = new Map<string, Compiled>();
const cacheLimit = 500;

function compiled(source: TemplateSource): Compiled {
  // What a template may contain depends on its channel, so the same text is checked per channel.
  const key = `${source.channel}:${source.hash}`;
  const cached = compiledTemplates.get(key);
  // A source is only trusted to be what its hash says if its text matches.
  if (cached && cached.subject === source.subject && cached.body === source.body && cached.voicemail === source.voicemail) {
    compiledTemplates.delete(key);
    compiledTemplates.set(key, cached);
    return cached;
  }
  const problems = sourceProblems(source);
  if (problems.length > 0) {
    const shown = problems.slice(0, 3).map(describeProblem).join('; ');
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
    throw new AppError('invalid_input', `${describeTemplate(source)} cannot be used: ${shown}${more}. Correct the template and save it again.`, { problems });
  }
  const compile = (text: string | null) => (text === null ? null : handlebars.compile<MessageView>(text, compileOptions));
  const entry: Compiled = {
    subject: source.subject,
    body: source.body,
    voicemail: source.voicemail,
    render: { subject: compile(source.subject), body: compile(source.body), voicemail: compile(source.voicemail) },
  };
  compiledTemplates.set(key, entry);
  if (compiledTemplates.size > cacheLimit) compiledTemplates.delete(compiledTemplates.keys().next().value!);
  return entry;
}

export function renderTemplate(source: TemplateSource, model: MessageModel): RenderedMessage {
  if (source.language !== model.language) {
    throw new AppError('invalid_input', `${describeTemplate(source)} is written in ${source.language} but the message is in ${model.language}: choose the ${model.language} template.`);
  }
  const template = compiled(source);
  const view = messageView(model);
  const run = (part: TemplatePart, table?: string) => {
    const delegate = template.render[part];
    if (!delegate) return null;
    try {
      return delegate(view, { partials: table === undefined ? {} : { [invoiceTablePartial]: () => `${table}\n` } });
    } catch (error) {
      throw renderError(source, part, template[part] ?? '', error);
    }
  };
  const consumer = model.customer.kind === 'consumer';
  const deadlineOn = model.deadline?.on ?? null;
  const info = { name: source.name, channel: source.channel, language: source.language, version: source.version, hash: source.hash };
  switch (source.channel) {
    case 'email': {
      const subject = oneLine(run('subject') ?? '');
      const body = tidy(run('body', invoiceTableText(model))!);
      const htmlBody = tidy(run('body', tableMarker)!);
      return { subject, text: emailText(body, model), html: emailHtml(htmlBody, subject, model), voicemail: null, deadlineOn, template: info };
    }
    case 'sms': {
      // Every text to a consumer ends with the opt-out (DESIGN §6), in the message's language.
      const notices = [...(consumer && model.agency ? [smsCollectorDisclosure] : []), ...(consumer ? [fixedWording[model.language].smsOptOut] : [])];
      const text = [`${model.org.name}: ${oneLine(run('body')!)}`, ...notices].join(' ');
      return { subject: null, text, html: null, voicemail: null, deadlineOn, template: info };
    }
    case 'call': {
      const voicemail = run('voicemail');
      return { subject: null, text: tidy(run('body')!), html: null, voicemail: voicemail === null ? null : tidy(voicemail), deadlineOn, template: info };
    }
    case 'letter':
      return { subject: null, text: tidy(run('body')!), html: null, voicemail: null, deadlineOn, template: info };
  }
}

export function describeTemplate(source: Pick<TemplateSource, 'name' | 'channel' | 'language' | 'version'>): string {
  const version = source.version === 0 ? 'as shipped' : `version ${source.version}`;
  return `Template "${source.name}" (${source.channel}, ${source.language}, ${version})`;
}

export function describeProblem(problem: LocatedProblem): string {
  const where = problem.line === null ? problem.part : `${problem.part} line ${problem.line}${problem.column === null ? '' : `, column ${problem.column}`}`;
  return `${where}: ${problem.message}`;
}

/** Strict mode says `"nmae" not defined in [object Object] - 1:5`; say which template and where. */
function renderError(source: TemplateSource, part: TemplatePart, text: string, error: unknown): AppError {
  const message = error instanceof Error ? error.message : String(error);
  const strict = /^"(.+)" not defined in .*? - (\d+):(\d+)$/s.exec(message);
  if (strict) {
    const at = position(text, Number(strict[2]), Number(strict[3]));
    const written = text.split('\n')[at.line - 1]?.slice(Number(strict[3])).match(/^[\w.@/-]+/)?.[0] ?? strict[1]!;
    return new AppError('invalid_input', `${describeTemplate(source)} uses "${written}", which is not defined (${part} line ${at.line}, column ${at.column}).`, {
      part,
      variable: written,
      line: at.line,
      column: at.column,
    });
  }
  return new AppError('invalid_input', `${describeTemplate(source)} cannot be rendered (${part}): ${message}`, { part });
}

/** Blocks that render nothing leave blank lines behind; a message has at most one between paragraphs. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .trimEnd();
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
