// The lint's phrases in German, French and Spanish, rule by rule (template-lint-rules.ts has the
// English, the citations and the reasons): every rule is checked in every language Arrears ships
// templates in, and an organisation's own German, French or Spanish wording is checked too.
// Same conventions as the English lists: whole words, case-insensitive, a space stands for any
// white space, the longer of two overlapping patterns first. German compounds are listed whole
// ("Gerichtsvollzieher"), because a whole-word match never finds "Gericht" inside them.

export type TranslatedRuleId =
  | 'threat-arrest-or-prison'
  | 'threat-criminal-charges'
  | 'threat-police'
  | 'threat-violence'
  | 'threat-seizure'
  | 'false-lawyer'
  | 'false-court'
  | 'false-government'
  | 'false-enforcement-officer'
  | 'legal-action'
  | 'abusive-language'
  | 'shaming-third-parties';

export const german: Readonly<Record<TranslatedRuleId, readonly string[]>> = {
  'threat-arrest-or-prison': ['haftbefehle?', 'erzwingungshaft', 'haftstrafen?', 'haft', 'verhaft(?:en|et|ung)', 'festnahme', 'festgenommen', 'gefängnis(?:strafen?)?', 'inhaftier(?:t|en|ung)', 'eingesperrt'],
  'threat-criminal-charges': [
    'strafanzeigen?',
    'anzeige (?:erstatten|erstattet)',
    'strafrechtlich(?:e|en|er)?',
    'strafverfahren',
    'strafverfolgung',
    'staatsanwalt(?:schaft)?',
    'eingehungsbetrug',
    'betrug(?:s)?',
    'straftat(?:en)?',
    'strafbar(?:e|en)?',
  ],
  'threat-police': ['polizei', 'die behörden', 'den behörden'],
  'threat-violence': [
    'körperliche(?:n)? (?:gewalt|schäden|verletzungen)',
    'gewalttätig(?:keit)?',
    'gewalt',
    'umbringen',
    'wir wissen, wo sie wohnen',
    'das werden sie bereuen',
    'sie werden es bereuen',
  ],
  'threat-seizure': [
    'lohnpfändung(?:en)?',
    'kontopfändung(?:en)?',
    'sachpfändung(?:en)?',
    'pfändung(?:en)?',
    'pfänden',
    'gepfändet',
    'beschlagnahm(?:en|t|ung)',
    'zwangsversteigerung',
    'zwangsräumung',
  ],
  'false-lawyer': [
    'wir sind (?:ihre |eine )?(?:rechtsanwälte|anwälte|anwaltskanzlei|kanzlei)',
    'im auftrag (?:unserer|unseres|einer|eines|der|des) (?:rechtsanwaltskanzlei|anwaltskanzlei|kanzlei|rechtsanwalts|rechtsanwältin|anwalts|anwältin)',
    'rechtsanwaltskanzlei',
    'anwaltskanzlei',
    'kanzlei',
    'rechtsabteilung',
  ],
  'false-court': [
    'gerichtliche (?:anordnung|verfügung|ladung|vorladung)',
    'gerichtsbeschluss',
    'vorladung',
    'im namen des volkes',
    '(?:urteil|vollstreckungsbescheid) (?:wurde|ist) (?:erlassen|ergangen|gesprochen)',
    'vollstreckungstitel',
  ],
  'false-government': ['im auftrag (?:des staates|der regierung|der bundesregierung|der behörde)', 'regierungsbehörde', 'bundesbehörde', 'staatliche (?:stelle|behörde|mahnung)', 'amtliche (?:mahnung|zahlungsaufforderung)', 'finanzamt'],
  'false-enforcement-officer': ['gerichtsvollzieher(?:in|innen)?', 'vollziehungsbeamte(?:r|n)?', 'vollstreckungsbeamte(?:r|n)?', 'vollstreckungsbeamtin'],
  'legal-action': [
    'rechtliche(?:n)? (?:schritte|maßnahmen|konsequenzen)',
    'gerichtlich(?:e|en|er|es)?',
    'vor gericht',
    'gericht(?:s|e|en)?',
    'klageerhebung',
    'klage',
    'verklagen',
    'verklagt',
    'mahnverfahren',
    'mahnbescheid(?:s|e)?',
    'vollstreckungsbescheid(?:s|e)?',
    'zwangsvollstreckung',
    'rechtsanw(?:alt|alts|ältin|älte|älten)',
    'anw(?:alt|alts|ältin|älte|älten)',
    'anwaltlich(?:e|en|er)?',
  ],
  'abusive-language': [
    'scheiß(?:e)?',
    'arschl(?:och|öcher)',
    'idiot(?:en|in)?',
    'dummkopf',
    'blödmann',
    'versager(?:in)?',
    'schmarotzer(?:in)?',
    'zahlungspreller(?:in)?',
    'schnorrer(?:in)?',
    'betrüger(?:in)?',
    'lügner(?:in)?',
    'gauner(?:in)?',
    'penner',
    'asozial(?:e|en)?',
    'erbärmlich(?:e|en)?',
    'verdammt(?:e|en)?',
    'wertlos(?:e|en)?',
  ],
  'shaming-third-parties': [
    '(?:ihren|ihre|ihrem|ihrer) (?:arbeitgeber|chef|chefin|nachbarn|familie|angehörigen|verwandten|freunde|kollegen|vermieter) (?:informieren|benachrichtigen|kontaktieren|anrufen|besuchen|anschreiben|in kenntnis setzen)',
    'an den pranger',
    'schuldnerliste',
    'schwarze liste',
    'öffentlich (?:machen|bekannt machen|nennen|anprangern)',
    'alle werden (?:es )?(?:wissen|erfahren)',
  ],
};

export const french: Readonly<Record<TranslatedRuleId, readonly string[]>> = {
  'threat-arrest-or-prison': ['mandat d[\'’]arrêt', 'arrestation', 'emprisonn(?:é|ée|és|ées|ement|er)', 'prison', 'incarcér(?:é|ée|és|ation|er)', 'garde à vue', 'contrainte par corps'],
  'threat-criminal-charges': [
    'poursuites pénales',
    'plainte (?:pénale|au pénal)',
    '(?:porter|déposer) plainte',
    'dépôt de plainte',
    'au pénal',
    'pénale(?:s|ment)?',
    'procureur(?: de la république)?',
    'escroquerie',
    'délit',
    'casier judiciaire',
    'infraction(?:s)? pénale(?:s)?',
  ],
  'threat-police': ['police', 'gendarmerie', 'gendarmes?', 'forces de l[\'’]ordre', 'les autorités'],
  'threat-violence': ['violences?', 'violent(?:e|s|es)?', 'vous (?:le )?regretterez', 'nous savons où vous habitez', 'vous faire du mal', 'tuer'],
  'threat-seizure': [
    'saisie(?:s)?(?: sur salaire| des rémunérations| de vos biens| conservatoire| attribution)?',
    'saisir (?:vos|votre|tous vos) (?:biens|salaire|voiture|véhicule|maison|logement|meubles|compte)',
    'expulsion',
  ],
  'false-lawyer': [
    'nous sommes (?:vos |des )?avocats',
    '(?:au nom|de la part) de (?:notre |nos )?(?:avocats?|cabinet d[\'’]avocats)',
    'cabinet d[\'’]avocats?',
    '(?:service|département|direction) juridique',
  ],
  'false-court': [
    'ordonnance du (?:tribunal|juge)',
    'citation à comparaître',
    'assignation',
    'convocation au tribunal',
    '(?:décision de justice|jugement) (?:a été|est|sera) (?:rendue?|prononcée?)',
    'titre exécutoire',
    'sommation(?: de payer)?',
  ],
  'false-government': ['au nom de l[\'’]état', 'administration fiscale', 'trésor public', 'agence gouvernementale', 'ministère (?:de la justice|public)', 'services de l[\'’]état'],
  'false-enforcement-officer': ['huissiers?(?: de justice)?', 'commissaires? de justice', 'agents? d[\'’]exécution'],
  'legal-action': [
    'poursuites(?: judiciaires)?',
    'action(?:s)? (?:en justice|judiciaires?)',
    'procédure(?:s)? judiciaire(?:s)?',
    'recouvrement judiciaire',
    'voie judiciaire',
    'judiciaire(?:s|ment)?',
    'en justice',
    'tribunal(?: de commerce| judiciaire)?',
    'tribunaux',
    'injonction de payer',
    'contentieux',
    'assigner',
    'avocats?',
  ],
  'abusive-language': [
    'merde',
    'putain',
    'connard(?:s|e|es)?',
    'salaud(?:s)?',
    'idiot(?:s|e|es)?',
    'imbéciles?',
    'crétin(?:s|e|es)?',
    'stupides?',
    'escroc(?:s)?',
    'menteu(?:r|rs|se|ses)',
    'voleu(?:r|rs|se|ses)',
    'minables?',
    'parasites?',
    'mauvais payeurs?',
    'bons? à rien',
  ],
  'shaming-third-parties': [
    '(?:informer|prévenir|contacter|appeler|avertir|écrire à) (?:votre|vos) (?:employeur|patron|voisins|famille|proches|amis|collègues|propriétaire)',
    '(?:votre|vos) (?:employeur|patron|famille|entourage|voisins|proches) (?:sera|seront) (?:informée?s?|prévenue?s?|avertie?s?)',
    'liste (?:noire|des mauvais payeurs)',
    'rendre public',
    'publiquement',
    'tout le monde (?:le )?saura',
  ],
};

export const spanish: Readonly<Record<TranslatedRuleId, readonly string[]>> = {
  'threat-arrest-or-prison': ['orden(?:es)? de (?:arresto|detención|busca y captura)', 'arrest(?:o|ar|ado|ada|arle)', 'detenid(?:o|a)', 'detención', 'cárcel', 'prisión', 'encarcela(?:r|do|da|miento)'],
  'threat-criminal-charges': ['denuncia(?:r|rle)?(?: penal)?', 'cargos penales', 'querella', 'penal(?:es|mente)?', 'delitos?', 'estafa', 'fiscalía'],
  'threat-police': ['policía', 'guardia civil', 'las autoridades', 'fuerzas de seguridad'],
  'threat-violence': ['violencia', 'violent(?:o|a|os|as)', 'sabemos dónde vive(?:s)?', 'se arrepentirá', 'te arrepentirás', 'daños? físicos?', 'matar(?:le|lo|la|te)?'],
  'threat-seizure': ['embargo(?:s)?', 'embarg(?:ar|aremos|ado|ada|arle|arán)', 'incautar', 'requisar', 'desahucio', 'quitar(?:le)? (?:su|sus) (?:casa|coche|vivienda|bienes|sueldo|salario|muebles)'],
  'false-lawyer': ['somos (?:sus |unos )?abogados', 'en nombre de (?:nuestros |nuestro |un |los )?(?:abogados?|bufete)', 'bufete(?: de abogados)?', 'despacho de abogados', '(?:departamento|asesoría) (?:jurídic[oa]|legal)'],
  'false-court': ['orden judicial', 'citación(?: judicial)?', 'emplazamiento', 'sentencia (?:ha sido|fue|será) dictada', 'requerimiento judicial', 'auto judicial', 'mandamiento'],
  'false-government': ['en nombre del (?:estado|gobierno)', 'agencia tributaria', 'hacienda', 'organismo (?:oficial|público|gubernamental)', 'ministerio'],
  'false-enforcement-officer': ['agentes? judiciales?', 'comisión judicial', 'cobrador(?:es)? del frac', 'oficial(?:es)? de justicia', 'alguacil(?:es)?'],
  'legal-action': [
    'acci(?:ón|ones) (?:legal|legales|judicial|judiciales)',
    'medidas (?:legales|judiciales)',
    'vía judicial',
    'reclamación judicial',
    'procedimiento (?:judicial|monitorio)',
    'proceso judicial',
    'monitorio',
    'juzgados?',
    'tribunal(?:es)?',
    'demanda judicial',
    'presentar (?:una )?demanda',
    'demandar(?:le|lo|la|les)?',
    'juicio',
    'abogad(?:o|os|a|as)',
  ],
  'abusive-language': [
    'mierda',
    'gilipollas',
    'cabr(?:ón|ones)',
    'idiotas?',
    'estúpid(?:o|a|os|as)',
    'imbéciles?',
    'moros(?:o|a|os|as)',
    'sinvergüenzas?',
    'estafador(?:es|a|as)?',
    'mentiros(?:o|a|os|as)',
    'ladr(?:ón|ones|ona|onas)',
    'parásitos?',
    'inútil(?:es)?',
    'patétic(?:o|a|os|as)',
  ],
  'shaming-third-parties': [
    '(?:informar|avisar|contactar|llamar|escribir|notificar)(?:emos)? a (?:su|sus) (?:empresa|jefe|empleador|vecinos|familia|familiares|amigos|compañeros|casero)',
    '(?:lista|fichero|registro) de morosos',
    'hacer públic(?:o|a)',
    'públicamente',
    'todo el mundo (?:lo )?sabrá',
  ],
};

/** The phrases of a rule in every translated language. */
export function translatedPatterns(rule: TranslatedRuleId): string[] {
  return [...german[rule], ...french[rule], ...spanish[rule]];
}
