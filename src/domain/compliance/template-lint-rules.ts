// What template lint refuses (DESIGN §6: no threatening or false language in templates), as data:
// each rule names the law or policy behind it and says in plain words why. The phrase lists are
// approximations written to catch what a collector might actually write, not a legal test.
// Each rule's German, French and Spanish phrases are in template-lint-translations.ts.
import { translatedPatterns } from './template-lint-translations.ts';

export type LintCategory = 'threat' | 'false-representation' | 'abusive-language' | 'shaming';

export interface LintRule {
  id: string;
  category: LintCategory;
  citation: string;
  reason: string;
  /**
   * When the rule applies; a rule without it always does. Every key given must equal the
   * template's context (a context without timeBarred counts as not time-barred).
   */
  appliesWhen?: { legalEnabled?: boolean; timeBarred?: boolean };
  /**
   * Where the words are true only for some debtors: allowed inside a block that says so — any of
   * `truthy` in an {{#if …}} (or {{#with …}}) branch, any of `falsy` in an {{#unless …}} branch or
   * the {{else}} of an {{#if …}}. Everywhere else the rule refuses them.
   */
  allowedWhere?: { truthy?: readonly string[]; falsy?: readonly string[] };
  /**
   * Regular-expression sources, matched case-insensitively and only as whole words (a match may
   * not start or end inside a word). A space stands for any run of white space, line breaks
   * included. Where two patterns could match at the same place, the longer comes first.
   */
  patterns: readonly string[];
}

/** Words that put court or lawyers in the debtor's mind: only true when legal steps are real. */
const legalActionPatterns: readonly string[] = [
  'legal (?:action|proceedings|steps|measures|recourse|remedies)',
  'court (?:action|proceedings|claim|case)',
  '(?:take|taking|took|bring|bringing|drag|dragging) (?:you|this|this matter|the matter|it) to court',
  'small claims(?: court)?',
  'county court(?: judg(?:e)?ments?)?',
  'ccjs?',
  'lawsuits?',
  'litigation',
  'judg(?:e)?ments? against you',
  '(?:issue|issuing|file|filing|start|starting|commence|commencing) (?:a )?(?:claim|proceedings|suit)',
  'letter before (?:action|claim)',
  '(?:instruct|instructing|refer|referring|pass|passing) (?:this |the |your )?(?:matter |account |debt )?(?:to )?(?:our |a |the )?(?:solicitors?|lawyers?|attorneys?)',
  '(?:our|my) (?:solicitors?|lawyers?|attorneys?)',
  // "sue" only where it is the verb: "Sue" is also a name, and "issue" or "pursue" never match.
  '(?:will|shall|may|might|could|can|would|intend to|going to|decide to|right to) sue',
  'sue(?:d|s)? (?:you|the debtor)',
  'be sued',
  'suing',
  ...translatedPatterns('legal-action'),
];

/** The message view's facts about earlier contact: a template may claim it only where they say so. */
export const earlierContactGuards = ['history.messagesSent', 'history.lastMessage', 'history.spokenWith'] as const;

const guardHint = 'put it inside {{#if history.messagesSent}} … {{else}} … {{/if}} (or history.lastMessage, history.spokenWith) and say something true for a first message';

export const templateLintRules: readonly LintRule[] = [
  {
    id: 'claims-earlier-contact',
    category: 'false-representation',
    citation: 'FDCPA 15 U.S.C. §1692e(10); FCA CONC 2.5.8G, 7.11.6R (misleading); DMCC Act 2024 s.226 (misleading actions)',
    reason: `Claims that we wrote to, reminded or spoke with the debtor before, which is false in a first message: ${guardHint}.`,
    allowedWhere: { truthy: earlierContactGuards },
    patterns: [
      '(?:our|my|the|your|an?) (?:earlier|previous|prior|last|recent|second|third) (?:reminders?|letters?|e-?mails?|messages?|notices?|correspondence|requests?|calls?|conversations?|texts?|statements?)',
      '(?:earlier|previous|prior|several|repeated|many|numerous) (?:reminders?|letters?|e-?mails?|messages?|notices?|correspondence|requests?|attempts|calls?|texts?)',
      '(?:our|my) reminders',
      '(?:following|follow) up (?:on|to|after) (?:our|my) [\\p{L}]*\\s*(?:reminders?|letters?|e-?mails?|messages?|notices?|calls?|conversations?|texts?)',
      'despite (?:our|my|the|all|several|repeated|previous|earlier) [\\p{L}]*\\s*(?:reminders?|requests?|letters?|e-?mails?|messages?|attempts?|notices?|calls?|contact)',
      'as (?:we|I) (?:wrote|mentioned|said|explained|discussed|agreed|advised|reminded you)',
      '(?:we|I)(?: have|[’\']ve)? (?:already |previously |recently )?(?:written|wrote|e-?mailed|contacted|reminded|called|phoned|spoke|spoken|sent (?:you )?(?:several |a number of |many |some )?(?:reminders?|letters?|e-?mails?|messages?|notices?))',
      'reminded you',
      '(?:have|has) (?:already )?been reminded',
      'not (?:yet )?(?:heard|had an? (?:reply|response|answer)) from you',
      '(?:no|any) (?:reply|response|answer) (?:to|from) (?:our|my)',
      ...translatedPatterns('claims-earlier-contact'),
    ],
  },
  {
    id: 'claims-no-earlier-contact',
    category: 'false-representation',
    citation: 'FDCPA 15 U.S.C. §1692e(10); FCA CONC 2.5.8G (misleading); DMCC Act 2024 s.226 (misleading actions)',
    reason:
      'Says that nothing has been sent yet, which is false once reminders went out: put it inside {{#unless history.messagesSent}} … {{/unless}} (or the {{else}} of {{#if history.messagesSent}}).',
    allowedWhere: { falsy: ['history.messagesSent', 'history.lastMessage'] },
    patterns: [
      'before (?:any|our|we send (?:any|a)|we send) (?:reminders?|letters?|e-?mails?|messages?|notices?)',
      '(?:no|not any) reminders? (?:have|has) (?:been sent|gone out)',
      '(?:we|I)(?: have|[’\']ve) not (?:yet )?(?:written|sent (?:you )?(?:a |any )?(?:reminders?|letters?|e-?mails?))',
      ...translatedPatterns('claims-no-earlier-contact'),
    ],
  },
  {
    id: 'threat-arrest-or-prison',
    category: 'threat',
    citation: 'FDCPA 15 U.S.C. §1692e(4); FCA CONC 7.11.6R; DMCC Act 2024 s.228',
    reason: 'Not paying a debt is not a crime: nobody is arrested or imprisoned for it, and saying so is a threat of something that cannot happen.',
    patterns: ['warrants? for your arrest', 'arrest(?:ed|ing|s)?', 'imprison(?:ed|ment)?', 'prison', 'jail(?:ed)?', 'gaol', 'locked up', '(?:taken|held) into custody', ...translatedPatterns('threat-arrest-or-prison')],
  },
  {
    id: 'threat-criminal-charges',
    category: 'threat',
    citation: 'FDCPA 15 U.S.C. §1692e(4), §1692e(7); FCA CONC 7.11.6R',
    reason: 'An unpaid invoice is a civil matter: a message must not threaten criminal charges or accuse the debtor of a crime.',
    patterns: [
      'criminal (?:charges?|proceedings|prosecution|case|complaint|record|offen[cs]es?)',
      'press(?:ing)? charges',
      'prosecut(?:e|ed|es|ing|ion)',
      '(?:committed|committing|guilty of) (?:a crime|fraud|theft|an offen[cs]e)',
      'criminal',
      ...translatedPatterns('threat-criminal-charges'),
    ],
  },
  {
    id: 'threat-police',
    category: 'threat',
    citation: 'FDCPA 15 U.S.C. §1692e(4), §1692e(5); FCA CONC 7.11.6R',
    reason: 'The police have no part in collecting a debt; naming them is a threat meant to frighten.',
    patterns: ['police', 'law enforcement', 'report(?:ed|ing)? you to the authorities', 'the authorities', ...translatedPatterns('threat-police')],
  },
  {
    id: 'threat-violence',
    category: 'threat',
    citation: 'FDCPA 15 U.S.C. §1692d(1); DMCC Act 2024 s.228; OFT Debt Collection Guidance',
    reason: 'Any hint of violence or harm to the debtor, their family or their property is harassment, whatever the amount owed.',
    patterns: [
      '(?:physical|bodily) harm',
      '(?:hurt|harm|kill) you',
      '(?:break|broken|smash) (?:your )?(?:legs?|arms?|bones?|windows?|face)',
      'beat (?:you )?up',
      'violen(?:ce|t)',
      'kill(?:ed|ing|s)?',
      'we know where you live',
      'watch your back',
      'you(?:[\'’]ll| will) (?:regret|be sorry)',
      ...translatedPatterns('threat-violence'),
    ],
  },
  {
    id: 'threat-seizure',
    category: 'threat',
    citation: 'FDCPA 15 U.S.C. §1692e(4), §1692f(6); FCA CONC 7.11.6R',
    reason: 'Nothing can be seized without a court judgment and its enforcement, and some property never can: a message must not say your home, car, goods or wages will be taken.',
    patterns: [
      '(?:seize|seizing|seized|repossess|repossessing) (?:your |all your |the )?(?:home|house|car|vehicle|property|belongings|goods|possessions|assets|furniture|wages|salary)',
      '(?:take|taking|remove|removing) (?:your|all your) (?:home|house|car|vehicle|property|belongings|goods|possessions|assets|furniture|wages|salary|children|pets?)',
      '(?:garnish|garnishing|garnishee) (?:your )?(?:wages|salary|pay)',
      '(?:wage|salary) garnishment',
      'repossess(?:ed|ing|ion)?',
      'seizure',
      ...translatedPatterns('threat-seizure'),
    ],
  },
  {
    id: 'false-lawyer',
    category: 'false-representation',
    citation: 'FDCPA 15 U.S.C. §1692e(3); FCA CONC 7.11.5G (Legal Services Act 2007 s.17)',
    reason: 'The message comes from the business, not a lawyer: it must not suggest that it was written by, or sent from, a lawyer, attorney, solicitor or legal department.',
    patterns: [
      '(?:i|we) (?:am|are) (?:an? |your |the )?(?:solicitors?|lawyers?|attorneys?)',
      '(?:for and )?on behalf of (?:the |a |an |our )?(?:solicitors?|lawyers?|attorneys?|law firm)',
      'this (?:letter|message|email|notice) (?:is|comes) (?:sent |written )?(?:from|by) (?:the |a |an |our )?(?:solicitors?|lawyers?|attorneys?|law firm)',
      'attorneys? at law',
      'law (?:firm|offices?)',
      'legal (?:department|dept\\.?|division|team)',
      'esq(?:uire)?',
      ...translatedPatterns('false-lawyer'),
    ],
  },
  {
    id: 'false-court',
    category: 'false-representation',
    citation: 'FDCPA 15 U.S.C. §1692e(9), §1692e(13); FCA CONC 7.11.3R, 7.11.9R',
    reason: 'Only a court issues court documents: a message must not look like, or say it is, a summons, court order, judgment or warrant.',
    patterns: [
      'court (?:orders?|summons|notice|documents?|papers)',
      '(?:by )?order of the court',
      'judg(?:e)?ment (?:has been|was|will be) (?:entered|obtained|issued|made|granted)',
      'summons(?:ed)?',
      'subpoena(?:ed|s)?',
      'warrants?',
      'writs?',
      ...translatedPatterns('false-court'),
    ],
  },
  {
    id: 'false-government',
    category: 'false-representation',
    citation: 'FDCPA 15 U.S.C. §1692e(1), §1692e(9); FCA CONC 7.11.1R, 7.11.3R',
    reason: 'The business is not a government body: a message must not claim or suggest that a government agency or official stands behind it.',
    patterns: [
      'government(?:al)? (?:agency|department|office|official|notice|authority)',
      'federal (?:agency|government|notice|authorities)',
      'on behalf of the (?:state|government|crown)',
      'department of justice',
      'irs',
      'hmrc',
      'fbi',
      'doj',
      ...translatedPatterns('false-government'),
    ],
  },
  {
    id: 'false-enforcement-officer',
    category: 'false-representation',
    citation: 'FCA CONC 7.11.1R, 7.11.2G; FDCPA 15 U.S.C. §1692e(1), §1692e(4)',
    reason: 'Only an enforcement agent acting on a court judgment can enforce a debt: a message must not claim to come from one or say that one will call.',
    patterns: [
      'high court enforcement(?: officers?)?',
      'enforcement (?:agents?|officers?|officials?)',
      'bailiffs?',
      'sheriff(?:s|[\'’]s)?(?: officers?)?',
      'marshals?',
      'debt enforcers?',
      ...translatedPatterns('false-enforcement-officer'),
    ],
  },
  {
    id: 'legal-action-not-enabled',
    category: 'false-representation',
    citation: 'FDCPA 15 U.S.C. §1692e(5); FCA CONC 7.11.6R; Arrears policy',
    reason: 'Legal steps are not enabled for this organisation, so a message must not mention court, lawyers or suing: never threaten a step you do not take (enable legal steps in the settings first).',
    appliesWhen: { legalEnabled: false, timeBarred: false },
    patterns: legalActionPatterns,
  },
  {
    id: 'legal-action-time-barred',
    category: 'false-representation',
    citation: 'Regulation F 12 CFR §1006.26(b); FCA CONC 7.15; Limitation Act 1980 s.5',
    reason: 'The debt is time-barred: it can no longer be enforced in court, so a message must not mention court, lawyers or suing.',
    appliesWhen: { timeBarred: true },
    patterns: legalActionPatterns,
  },
  {
    id: 'abusive-language',
    category: 'abusive-language',
    citation: 'FDCPA 15 U.S.C. §1692d(2); DMCC Act 2024 s.228; OFT Debt Collection Guidance',
    reason: 'Insults, name-calling and profanity abuse the reader; say what is owed and what happens next, politely.',
    patterns: [
      'fuck(?:ing|ed|er|ers|s)?',
      'bullshit',
      'shit(?:ty|s)?',
      'bastards?',
      'bitch(?:es)?',
      '(?:ass|arse) ?holes?',
      'crap',
      'damn(?:ed)?',
      'idiots?',
      'stupid',
      'morons?',
      'imbeciles?',
      'deadbeats?',
      'scum(?:bags?)?',
      'losers?',
      'low ?lifes?',
      'parasites?',
      'scroungers?',
      'worthless',
      'pathetic',
      'liars?',
      'crooks?',
      ...translatedPatterns('abusive-language'),
    ],
  },
  {
    id: 'shaming-third-parties',
    category: 'shaming',
    citation: 'FDCPA 15 U.S.C. §1692c(b), §1692d(3); FCA CONC 7.9',
    reason: 'A debt is private between the business and the debtor: a message must not threaten to tell employers, neighbours, family or the public, or to name and shame.',
    patterns: [
      '(?:tell|telling|inform|informing|notify|notifying|contact|contacting|call|calling|visit|visiting|write to|writing to|email|emailing|let) (?:your |the )?(?:employers?|boss|neighbou?rs?|family|relatives|friends|colleagues|co-?workers|workplace|landlord|church|community)',
      '(?:your )?(?:employer|boss|neighbou?rs|family|friends|colleagues) will (?:know|find out|hear|be told)',
      'name and shame',
      'public(?:ly)? (?:list|name|shame|expose)',
      '(?:shame|expose|humiliate) you',
      '(?:post|posting|publish|publishing) (?:your name|this debt|your debt|details of)',
      '(?:bad payers?|debtors?|non-payers?) list',
      'list of (?:bad payers|debtors|non-payers)',
      'everyone will know',
      ...translatedPatterns('shaming-third-parties'),
    ],
  },
];
