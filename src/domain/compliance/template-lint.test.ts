import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintTemplate, readableText, type LintContext } from './template-lint.ts';
import { templateLintRules } from './template-lint-rules.ts';

const notEnabled: LintContext = { legalEnabled: false };
const enabled: LintContext = { legalEnabled: true };

/** For each rule: a sentence it refuses, the phrase it reports, and the context it applies in. */
const examples: Record<string, { text: string; phrase: string; context: LintContext }> = {
  'claims-earlier-contact': { text: 'The balance remains unpaid despite our earlier reminders.', phrase: 'despite our earlier reminders', context: enabled },
  'claims-no-earlier-contact': { text: 'I wanted to check before any reminders go out.', phrase: 'before any reminders', context: enabled },
  'threat-arrest-or-prison': { text: 'Pay today or you could be arrested.', phrase: 'arrested', context: enabled },
  'threat-criminal-charges': { text: 'We will consider criminal charges if this is not settled.', phrase: 'criminal charges', context: enabled },
  'threat-police': { text: 'The matter may be passed to the police.', phrase: 'police', context: enabled },
  'threat-violence': { text: 'Remember: we know where you live.', phrase: 'we know where you live', context: enabled },
  'threat-seizure': { text: 'We will seize your car and furniture.', phrase: 'seize your car', context: enabled },
  'false-lawyer': { text: 'Legal Department\nAcme Ltd', phrase: 'Legal Department', context: enabled },
  'false-court': { text: 'This is a court summons for the amount below.', phrase: 'court summons', context: enabled },
  'false-government': { text: 'This notice is issued on behalf of the Government.', phrase: 'on behalf of the Government', context: enabled },
  'false-enforcement-officer': { text: 'Our bailiffs will call next week.', phrase: 'bailiffs', context: enabled },
  'legal-action-not-enabled': { text: 'Otherwise we will take legal action.', phrase: 'legal action', context: notEnabled },
  'legal-action-time-barred': { text: 'Otherwise we will take legal action.', phrase: 'legal action', context: { legalEnabled: true, timeBarred: true } },
  'abusive-language': { text: 'Stop acting like a deadbeat and pay.', phrase: 'deadbeat', context: enabled },
  'shaming-third-parties': { text: 'If you do not pay we will tell your employer.', phrase: 'tell your employer', context: enabled },
};

describe('lintTemplate: one example per rule', () => {
  it('every rule has an example here', () => {
    expect(templateLintRules.map((rule) => rule.id).sort()).toEqual(Object.keys(examples).sort());
  });

  for (const rule of templateLintRules) {
    it(`${rule.id} (${rule.citation})`, () => {
      const example = examples[rule.id]!;
      const problems = lintTemplate(example.text, example.context);
      const index = example.text.indexOf(example.phrase);
      const line = example.text.slice(0, index).split('\n').length;
      const column = index - example.text.lastIndexOf('\n', index - 1);
      expect(problems).toContainEqual({ ruleId: rule.id, citation: rule.citation, reason: rule.reason, phrase: example.phrase, line, column });
    });
  }
});

describe('lintTemplate: what it lets through', () => {
  const friendly = `Hello {{customer.name}},

I hope all is well. Invoice {{invoice.number}} for {{invoice.amount}} was due on {{invoice.dueDate}};
it may simply have been missed. Could you let me know when we can expect payment?
If there is an issue with the invoice, just reply and we will sort it out.

Thank you,
{{sender.name}}`;
  const firm = `<p>Dear {{customer.name}},</p>
<p>Our records show that invoice <strong>{{invoice.number}}</strong> is now 30 days overdue.
Please pay <b>{{invoice.amount}}</b> by {{payBy}} or call us to agree a payment plan.</p>
<p>If we do not hear from you, we will pursue the balance and late payment charges may apply.</p>`;

  it('passes a friendly reminder and a firm one', () => {
    expect(lintTemplate(friendly, notEnabled)).toEqual([]);
    expect(lintTemplate(firm, notEnabled)).toEqual([]);
  });

  it('does not read "sue" inside issue, pursue or tissue, nor Sue the person', () => {
    const text = 'An issue we pursue. A tissue. Issues were pursued. Sue from accounts will call; please ask Sue for a copy.';
    expect(lintTemplate(text, notEnabled)).toEqual([]);
    expect(lintTemplate('If not, we may sue.', notEnabled).map((p) => p.phrase)).toEqual(['may sue']);
  });

  it('allows "legal action" when legal steps are enabled and the debt is not time-barred', () => {
    const text = 'If the balance is not paid within 14 days we will start legal action and court proceedings.';
    expect(lintTemplate(text, { legalEnabled: true })).toEqual([]);
    expect(lintTemplate(text, { legalEnabled: true, timeBarred: false })).toEqual([]);
    expect(lintTemplate(text, notEnabled).map((p) => [p.ruleId, p.phrase])).toEqual([
      ['legal-action-not-enabled', 'legal action'],
      ['legal-action-not-enabled', 'court proceedings'],
    ]);
    // Time-barred wins over the settings, and is reported once, not twice.
    expect(lintTemplate(text, { legalEnabled: false, timeBarred: true }).map((p) => p.ruleId)).toEqual(['legal-action-time-barred', 'legal-action-time-barred']);
  });

  it('ignores what is inside {{…}} and HTML tags, but reads the words around them', () => {
    expect(lintTemplate('Status: {{#if jail}}{{police.report}}{{/if}} <a href="/prison" title="arrest">pay</a>', notEnabled)).toEqual([]);
    // A tag between two words still reads as one phrase; a placeholder does not.
    expect(lintTemplate('we will take <em>legal</em> action', notEnabled).map((p) => p.phrase)).toEqual(['legal</em> action']);
    expect(lintTemplate('legal {{step}} action', notEnabled)).toEqual([]);
  });

  it('matches whole words in any case, and reports the phrase as written', () => {
    expect(lintTemplate('Arrears are not an ARREST.', enabled).map((p) => p.phrase)).toEqual(['ARREST']);
    expect(lintTemplate('The classic assessment was a scrapped draft.', enabled)).toEqual([]);
    expect(lintTemplate('Our warranty policy covers skills and classes in Scunthorpe.', enabled)).toEqual([]);
  });
});

describe('lintTemplate: German, French and Spanish', () => {
  /** For each language: a sentence each rule refuses, and the phrase it reports. */
  const refused: Record<string, [ruleId: string, text: string, phrase: string][]> = {
    de: [
      ['claims-earlier-contact', 'Trotz unserer bisherigen Erinnerungen ist der Betrag offen.', 'Trotz unserer bisherigen Erinnerungen'],
      ['claims-no-earlier-contact', 'Ich wollte nachfragen, bevor Erinnerungen verschickt werden.', 'bevor Erinnerungen'],
      ['threat-arrest-or-prison', 'Zahlen Sie heute, sonst droht Ihnen ein Haftbefehl.', 'Haftbefehl'],
      ['threat-criminal-charges', 'Wir werden Strafanzeige wegen Betrug erstatten.', 'Strafanzeige'],
      ['threat-police', 'Wir schalten die Polizei ein.', 'Polizei'],
      ['threat-violence', 'Denken Sie daran: Wir wissen, wo Sie wohnen.', 'Wir wissen, wo Sie wohnen'],
      ['threat-seizure', 'Als Nächstes folgt die Lohnpfändung.', 'Lohnpfändung'],
      ['false-lawyer', 'Rechtsabteilung\nMuster GmbH', 'Rechtsabteilung'],
      ['false-court', 'Dies ist eine gerichtliche Anordnung.', 'gerichtliche Anordnung'],
      ['false-government', 'Dieses Schreiben ergeht im Auftrag der Bundesregierung.', 'im Auftrag der Bundesregierung'],
      ['false-enforcement-officer', 'Nächste Woche kommt der Gerichtsvollzieher.', 'Gerichtsvollzieher'],
      ['legal-action-not-enabled', 'Andernfalls leiten wir rechtliche Schritte ein.', 'rechtliche Schritte'],
      ['abusive-language', 'Sie sind ein Zahlungspreller.', 'Zahlungspreller'],
      ['shaming-third-parties', 'Sonst werden wir Ihren Arbeitgeber informieren.', 'Ihren Arbeitgeber informieren'],
    ],
    fr: [
      ['claims-earlier-contact', 'Le solde reste impayé malgré nos précédents rappels.', 'malgré nos précédents rappels'],
      ['claims-no-earlier-contact', 'Je voulais m’assurer que tout allait bien avant l’envoi de tout rappel.', 'avant l’envoi de tout rappel'],
      ['threat-arrest-or-prison', 'Payez aujourd’hui ou vous risquez la prison.', 'prison'],
      ['threat-criminal-charges', 'Nous allons porter plainte contre vous.', 'porter plainte'],
      ['threat-police', 'Le dossier sera transmis à la gendarmerie.', 'gendarmerie'],
      ['threat-violence', 'Vous le regretterez.', 'Vous le regretterez'],
      ['threat-seizure', 'Une saisie sur salaire sera engagée.', 'saisie sur salaire'],
      ['false-lawyer', 'Ce courrier vous est adressé au nom de notre cabinet d’avocats.', 'au nom de notre cabinet d’avocats'],
      ['false-court', 'Ceci vaut citation à comparaître.', 'citation à comparaître'],
      ['false-government', 'Avis émis au nom de l’État.', 'au nom de l’État'],
      ['false-enforcement-officer', 'Un huissier passera chez vous.', 'huissier'],
      ['legal-action-not-enabled', 'Sans règlement, nous engagerons une action en justice.', 'action en justice'],
      ['abusive-language', 'Cessez d’agir en mauvais payeur.', 'mauvais payeur'],
      ['shaming-third-parties', 'Nous allons prévenir votre employeur.', 'prévenir votre employeur'],
    ],
    es: [
      ['claims-earlier-contact', 'El saldo sigue pendiente a pesar de nuestros recordatorios anteriores.', 'a pesar de nuestros recordatorios anteriores'],
      ['claims-no-earlier-contact', 'Quería comprobar que todo va bien antes de enviar ningún recordatorio.', 'antes de enviar ningún recordatorio'],
      ['threat-arrest-or-prison', 'Pague hoy o podría acabar en la cárcel.', 'cárcel'],
      ['threat-criminal-charges', 'Presentaremos cargos penales.', 'cargos penales'],
      ['threat-police', 'Avisaremos a la Guardia Civil.', 'Guardia Civil'],
      ['threat-violence', 'Recuerde que sabemos dónde vive.', 'sabemos dónde vive'],
      ['threat-seizure', 'Procederemos al embargo de su vivienda.', 'embargo'],
      ['false-lawyer', 'Le escribimos en nombre de nuestros abogados.', 'en nombre de nuestros abogados'],
      ['false-court', 'Esta carta es una orden judicial.', 'orden judicial'],
      ['false-government', 'Aviso de la Agencia Tributaria.', 'Agencia Tributaria'],
      ['false-enforcement-officer', 'Enviaremos al cobrador del frac.', 'cobrador del frac'],
      ['legal-action-not-enabled', 'De lo contrario, emprenderemos acciones legales.', 'acciones legales'],
      ['abusive-language', 'Es usted un sinvergüenza.', 'sinvergüenza'],
      ['shaming-third-parties', 'Le incluiremos en la lista de morosos.', 'lista de morosos'],
    ],
  };

  for (const [language, examples] of Object.entries(refused)) {
    it(`refuses a threatening, false or abusive ${language} sentence for every rule`, () => {
      expect(examples.map(([ruleId]) => ruleId).sort()).toEqual(templateLintRules.map((rule) => rule.id).filter((id) => id !== 'legal-action-time-barred').sort());
      for (const [ruleId, text, phrase] of examples) {
        const problems = lintTemplate(text, ruleId === 'legal-action-not-enabled' ? notEnabled : enabled);
        expect(problems.map((p) => [p.ruleId, p.phrase]), text).toContainEqual([ruleId, phrase]);
      }
    });
  }

  it('lets courteous German, French and Spanish reminders through, and court wording only with legal steps enabled', () => {
    const courteous = [
      'Sehr geehrte Damen und Herren,\n\nsicher ist es Ihrer Aufmerksamkeit entgangen: Die Rechnung {{invoiceNumbers}} über {{total}} ist noch offen. Bitte überweisen Sie den Betrag bis zum {{deadline.on}}.\n\nMit freundlichen Grüßen',
      'Madame, Monsieur,\n\nsauf erreur de notre part, la facture {{invoiceNumbers}} d’un montant de {{total}} reste impayée. Les pénalités de retard prévues par nos conditions peuvent s’appliquer. Nous vous remercions de bien vouloir la régler avant le {{deadline.on}}.',
      'Estimado/a {{contact.name}}:\n\nLe recordamos que la factura {{invoiceNumbers}} por {{total}} sigue pendiente. Si ya ha realizado el pago, le rogamos que no tenga en cuenta este mensaje.\n\nUn cordial saludo,',
    ];
    for (const text of courteous) expect(lintTemplate(text, notEnabled), text).toEqual([]);
    const court = ['Andernfalls beantragen wir einen Mahnbescheid beim zuständigen Gericht.', 'À défaut, nous saisirons le tribunal de commerce.', 'En caso contrario, iniciaremos un procedimiento monitorio.'];
    for (const text of court) {
      expect(lintTemplate(text, enabled), text).toEqual([]);
      expect(lintTemplate(text, notEnabled).map((p) => p.ruleId), text).toContain('legal-action-not-enabled');
    }
  });
});

describe('readableText', () => {
  it('keeps length and line breaks, so positions stay those of the template', () => {
    const text = '<p>Hi {{name\n}}</p>\n&nbsp;bye';
    const readable = readableText(text);
    expect(readable).toHaveLength(text.length);
    expect([...readable].map((c, i) => (c === '\n') === (text[i] === '\n'))).not.toContain(false);
  });
});

describe('lintTemplate: properties', () => {
  const cleanWords = ['please', 'pay', 'invoice', 'thank', 'you', 'kind', 'regards', 'today', 'amount', 'due', 'we', 'are', 'here', 'to', 'help', 'Café', '😀', '{{customer.name}}', '<p>', '</p>', '—', '1,250.00'];
  const forbidden = [
    { phrase: 'arrested', ruleId: 'threat-arrest-or-prison' },
    { phrase: 'criminal prosecution', ruleId: 'threat-criminal-charges' },
    { phrase: 'police', ruleId: 'threat-police' },
    { phrase: 'break your legs', ruleId: 'threat-violence' },
    { phrase: 'repossess your home', ruleId: 'threat-seizure' },
    { phrase: 'law firm', ruleId: 'false-lawyer' },
    { phrase: 'court order', ruleId: 'false-court' },
    { phrase: 'HMRC', ruleId: 'false-government' },
    { phrase: 'enforcement agents', ruleId: 'false-enforcement-officer' },
    { phrase: 'legal action', ruleId: 'legal-action-not-enabled' },
    { phrase: 'scumbag', ruleId: 'abusive-language' },
    { phrase: 'tell your neighbours', ruleId: 'shaming-third-parties' },
  ];
  const separator = fc.constantFrom(' ', ' ', '\n', '  ', '\r\n', ', ');
  const token = fc.record({ word: fc.constantFrom(...cleanWords), after: separator });
  const cleanText = fc.array(token, { maxLength: 40 });
  const join = (tokens: { word: string; after: string }[]) => tokens.map((t) => t.word + t.after).join('');

  it('finds nothing in text made of clean words', () => {
    fc.assert(fc.property(cleanText, (tokens) => lintTemplate(join(tokens), notEnabled).length === 0));
  });

  it('reports a forbidden phrase put anywhere in clean text, in any case, at its line and column', () => {
    fc.assert(
      fc.property(cleanText, fc.nat(), fc.constantFrom(...forbidden), fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }), separator, (tokens, at, entry, upper, after) => {
        const phrase = [...entry.phrase].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join('');
        const cut = at % (tokens.length + 1);
        const before = join(tokens.slice(0, cut));
        const text = before + phrase + after + join(tokens.slice(cut));
        const lines = before.split('\n');
        const line = lines.length;
        const column = Array.from(lines[lines.length - 1]!).length + 1;
        const found = lintTemplate(text, notEnabled).filter((p) => p.ruleId === entry.ruleId);
        expect(found).toHaveLength(1);
        expect(found[0]).toMatchObject({ phrase, line, column });
      }),
    );
  });
});

describe('lintTemplate: earlier contact only where the history says so', () => {
  const earlier = (text: string) => lintTemplate(text, enabled).filter((problem) => problem.ruleId === 'claims-earlier-contact');
  const none = (text: string) => lintTemplate(text, enabled).filter((problem) => problem.ruleId === 'claims-no-earlier-contact');

  it('refuses a claim of earlier contact outside a guard, in any of its usual wordings', () => {
    for (const [text, phrase] of [
      ['I am following up on our reminder about invoice {{invoiceNumbers}}.', 'following up on our reminder'],
      ['The balance remains unpaid despite our earlier reminders.', 'despite our earlier reminders'],
      ['As we wrote on {{date}}, the invoice is overdue.', 'As we wrote'],
      ['Further to our previous letter, please pay.', 'our previous letter'],
      ['We have written to you twice.', 'We have written'],
      ["We've reminded you before.", "We've reminded"],
      ['You have already been reminded.', 'have already been reminded'],
      ['We have not heard from you.', 'not heard from you'],
    ] as const) {
      expect(earlier(text).map((problem) => problem.phrase)).toEqual([phrase]);
    }
  });

  it('allows it inside {{#if history.messagesSent}}, {{#if history.lastMessage}}, {{#with history.lastMessage}} or {{#if history.spokenWith}}', () => {
    expect(earlier('{{#if history.messagesSent}}Despite our earlier reminders, {{total}} is unpaid.{{else}}{{total}} is unpaid.{{/if}}')).toEqual([]);
    expect(earlier('{{#if history.lastMessage}}As we wrote in our last {{history.lastMessage.channel}}, …{{/if}}')).toEqual([]);
    expect(earlier('{{#with history.lastMessage}}Further to our previous letter of {{on}}, …{{/with}}')).toEqual([]);
    expect(earlier('{{#if history.spokenWith}}As we discussed when we spoke, …{{/if}}')).toEqual([]);
    expect(earlier('{{#if multipleInvoices}}x{{/if}}{{#if @root.history.messagesSent}}{{#each invoices}}{{number}}{{/each}} despite our reminders{{/if}}')).toEqual([]);
  });

  it('refuses it in the {{else}} of the guard, after the guard closes, and inside a guard on something else', () => {
    expect(earlier('{{#if history.messagesSent}}Hello.{{else}}Despite our earlier reminders, …{{/if}}')).toHaveLength(1);
    expect(earlier('{{#if history.messagesSent}}Hello.{{/if}} Despite our earlier reminders, …')).toHaveLength(1);
    expect(earlier('{{#if multipleInvoices}}Despite our earlier reminders, …{{/if}}')).toHaveLength(1);
    expect(earlier('{{#unless history.messagesSent}}Despite our earlier reminders, …{{/unless}}')).toHaveLength(1);
    expect(earlier('{{#if history.messagesSent}}a{{else if multipleInvoices}}As we wrote, …{{/if}}')).toHaveLength(1);
  });

  it('does not mistake ordinary words for a claim', () => {
    expect(earlier('This is a friendly reminder that invoice {{invoiceNumbers}} was due on {{oldestDueDate}}. If you have already paid, thank you.')).toEqual([]);
  });

  it('refuses German, French and Spanish claims of earlier contact outside a guard, in their usual wordings', () => {
    for (const [text, phrase] of [
      ['Trotz unserer Mahnungen ist die Rechnung offen.', 'Trotz unserer Mahnungen'],
      ['Wie bereits mitgeteilt, ist die Rechnung überfällig.', 'Wie bereits mitgeteilt'],
      ['Wie wir Ihnen bereits geschrieben haben, …', 'Wie wir Ihnen bereits geschrieben'],
      ['Malgré nos rappels précédents, la facture reste impayée.', 'Malgré nos rappels précédents'],
      ['Unsere bisherigen Erinnerungen blieben unbeantwortet.', 'Unsere bisherigen Erinnerungen'],
      ['Leider haben wir auf unser Schreiben keine Antwort erhalten.', 'auf unser Schreiben keine Antwort'],
      ['Auf unsere Erinnerungen haben Sie nicht reagiert.', 'Auf unsere Erinnerungen haben Sie nicht reagiert'],
      ['Wir haben Ihnen bereits zwei Erinnerungen geschickt.', 'Wir haben Ihnen bereits zwei Erinnerungen geschickt'],
      ['Sie wurden bereits mehrfach gemahnt.', 'bereits mehrfach gemahnt'],
      ['Am 9. November haben wir Ihnen bereits geschrieben.', 'haben wir Ihnen bereits geschrieben'],
      ['Ich komme auf unsere E-Mail vom {{history.lastMessage.on}} zurück.', 'komme auf unsere'],
      ['Bei unserem Telefonat haben Sie zugesagt, zu zahlen.', 'Bei unserem Telefonat'],
      ['Bisher haben wir nichts von Ihnen gehört.', 'nichts von Ihnen gehört'],
      ['Malgré nos relances, la facture reste impayée.', 'Malgré nos relances'],
      ['Comme nous vous l’avons écrit, la facture est échue.', 'Comme nous vous l’avons écrit'],
      ['Je fais suite à notre courrier du 9 novembre.', 'fais suite à notre'],
      ['Nos rappels ne vous sont peut-être pas parvenus.', 'Nos rappels'],
      ['Nos courriers sont restés sans réponse.', 'restés sans réponse'],
      ['Nous vous avons déjà adressé plusieurs relances.', 'Nous vous avons déjà adressé plusieurs relances'],
      ['Lors de notre échange, vous vous étiez engagé à payer.', 'Lors de notre échange'],
      ['A pesar de nuestros avisos, la factura sigue pendiente.', 'A pesar de nuestros avisos'],
      ['Como ya le indicamos, la factura está vencida.', 'Como ya le indicamos'],
      ['En relación con nuestra carta del 9 de noviembre, …', 'En relación con nuestra carta'],
      ['Ya le hemos enviado varios recordatorios.', 'Ya le hemos enviado varios recordatorios'],
      ['Cuando hablamos, se comprometió a pagar.', 'Cuando hablamos'],
      ['No hemos recibido respuesta.', 'No hemos recibido respuesta'],
    ] as const) {
      expect(earlier(text).map((problem) => problem.phrase), text).toEqual([phrase]);
    }
  });

  it('allows them inside the guard, and does not mistake a final notice or a pointer to the text for a claim', () => {
    expect(earlier('{{#if history.messagesSent}}Trotz unserer bisherigen Erinnerungen ist{{else}}Auf Ihrem Kundenkonto ist{{/if}} ein Betrag offen.')).toEqual([]);
    expect(earlier('{{#with history.lastMessage}}Je fais suite à notre {{channel}} du {{on}}. {{/with}}La facture reste impayée.')).toEqual([]);
    expect(earlier('{{#if history.messagesSent}}A pesar de nuestros recordatorios anteriores, su{{else}}Su{{/if}} cuenta tiene un importe pendiente.')).toEqual([]);
    for (const text of [
      'Dies ist unsere letzte Zahlungsaufforderung zum offenen Betrag.',
      'Die Rechnungen sind unten aufgeführt; bitte antworten Sie auf diese E-Mail.',
      'Ceci est notre dernier avis concernant le solde de votre compte.',
      'Comme indiqué ci-dessous, la facture arrive à échéance. Sans règlement ni nouvelles de votre part d’ici là, nous vous contacterons.',
      'Este es nuestro último aviso sobre el saldo de su cuenta.',
      'A continuación le enviamos su extracto de cuenta. Si ya ha realizado el pago, no tenga en cuenta este mensaje.',
    ]) {
      expect(lintTemplate(text, enabled), text).toEqual([]);
    }
  });

  it('allows "before any reminders go out" in German, French and Spanish only where none went out', () => {
    for (const text of [
      'Ich wollte nachfragen, ob alles in Ordnung ist, bevor wir Ihnen eine Erinnerung schicken.',
      'Je voulais m’assurer que tout allait bien avant de vous envoyer un rappel.',
      'Quería comprobar que todo va bien antes de enviarle ningún recordatorio.',
    ]) {
      expect(none(text), text).toHaveLength(1);
      expect(none(`{{#unless history.messagesSent}}${text}{{/unless}}`), text).toEqual([]);
      expect(none(`{{#if history.messagesSent}}Gut.{{else}}${text}{{/if}}`), text).toEqual([]);
      expect(none(`{{#if history.messagesSent}}${text}{{/if}}`), text).toHaveLength(1);
    }
  });

  it('allows "before any reminders go out" only where none went out', () => {
    const text = 'I wanted to check everything is all right before any reminders go out.';
    expect(none(text)).toHaveLength(1);
    expect(none(`{{#unless history.messagesSent}}${text}{{/unless}}`)).toEqual([]);
    expect(none(`{{#if history.messagesSent}}Thanks.{{else}}${text}{{/if}}`)).toEqual([]);
    expect(none(`{{#if history.messagesSent}}${text}{{/if}}`)).toHaveLength(1);
  });
});
