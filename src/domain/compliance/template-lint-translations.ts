// The lint's phrases in German, French and Spanish, rule by rule (template-lint-rules.ts has the
// English, the citations and the reasons): every rule is checked in every language Arrears ships
// templates in, and an organisation's own German, French or Spanish wording is checked too.
// Same conventions as the English lists: whole words, case-insensitive, a space stands for any
// white space, the longer of two overlapping patterns first. German compounds are listed whole
// ("Gerichtsvollzieher"), because a whole-word match never finds "Gericht" inside them.

export type TranslatedRuleId =
  | 'claims-earlier-contact'
  | 'claims-no-earlier-contact'
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

// What a collector sends or does, in each language: the nouns a claim of earlier contact is about.
// Final-notice words ("letzte Zahlungsaufforderung", "dernier avis", "último aviso") name the message
// itself, so the patterns with "last" leave them out.
const deContact = '(?:zahlungs)?erinnerung(?:en)?|mahnung(?:en)?|zahlungsaufforderung(?:en)?|schreiben|briefe?s?|e-?mails?|nachricht(?:en)?|mitteilung(?:en)?|anrufe?s?|telefonate?s?|gespräche?s?|sms|hinweise?s?|kontaktversuche?s?';
const deLastContact = '(?:zahlungs)?erinnerung(?:en)?|briefe?s?|e-?mails?|nachricht(?:en)?|anrufe?s?|telefonate?s?|gespräche?s?|sms';
const dePossessive = '(?:unser(?:e|er|en|em|es)?|mein(?:e|er|en|em|es)?)';
const deEarlier = '(?:bisherige[nrms]?|frühere[nrms]?|vorherige[nrms]?|vorige[nrms]?|vorangegangene[nrms]?|wiederholte[nrms]?|mehrfache[nrms]?|zahlreiche[nrms]?|mehrere[nrms]?|zweite[nrms]?|dritte[nrms]?)';
const frContact = 'rappels?|relances?|courriers?|lettres?|e-?mails?|courriels?|mails?|messages?|appels?|sms|échanges?|conversations?|entretiens?|correspondances?|demandes?|avis|mises? en demeure';
const frLastContact = 'rappels?|relances?|courriers?|lettres?|e-?mails?|courriels?|mails?|messages?|appels?|sms|échanges?|conversations?|entretiens?';
const frPossessive = '(?:nos|notre|mes|mon|ma)';
const esContact = 'recordatorios?|avisos?|cartas?|correos?(?: electrónicos?)?|e-?mails?|mensajes?|llamadas?|comunicaciones?|requerimientos?|notificaciones?|conversaci(?:ón|ones)|sms|escritos?';
const esLastContact = 'recordatorios?|cartas?|correos?(?: electrónicos?)?|e-?mails?|mensajes?|llamadas?|comunicaciones?|conversaci(?:ón|ones)|sms';
const esPossessive = '(?:nuestr[oa]s?|mis?)';

export const german: Readonly<Record<TranslatedRuleId, readonly string[]>> = {
  'claims-earlier-contact': [
    `${dePossessive} ${deEarlier} (?:${deContact})`,
    `${dePossessive} letzte[nrms]? (?:${deLastContact})`,
    `${deEarlier} (?:${deContact})`,
    `${dePossessive} (?:zahlungs)?erinnerungen|${dePossessive} mahnungen`,
    `trotz (?:(?:unserer|meiner|der|aller|mehrerer|mehrfacher|wiederholter|bisheriger|früherer|vorheriger|zahlreicher) )?[\\p{L}-]*\\s*(?:${deContact})`,
    'wie (?:wir|ich) (?:ihnen )?(?:bereits |schon |zuletzt )?(?:mitgeteilt|erwähnt|besprochen|vereinbart|angekündigt|geschrieben|erklärt|erläutert|dargelegt)',
    'wie (?:bereits|schon|zuletzt) (?:mitgeteilt|erwähnt|besprochen|vereinbart|angekündigt|geschrieben|erläutert|dargelegt)',
    'wie (?:mitgeteilt|besprochen|telefonisch besprochen)',
    `(?:wir|ich) (?:haben|habe|hatten|hatte) (?:ihnen |sie )?(?:bereits |schon |mehrfach |mehrmals |wiederholt |zuletzt |kürzlich )*(?:(?:mehrere|einige|zwei|drei|eine|einen) )?(?:${deContact}) (?:geschickt|gesendet|zugesandt|übersandt|geschrieben)`,
    '(?:wir|ich) (?:haben|habe|hatten|hatte) (?:ihnen |sie )?(?:bereits |schon |mehrfach |mehrmals |wiederholt |zuletzt |kürzlich )*(?:geschrieben|erinnert|gemahnt|angemahnt|angeschrieben|kontaktiert|angerufen|gesprochen|telefoniert)',
    '(?:haben|habe|hatten|hatte) (?:wir|ich) (?:ihnen|sie) (?:bereits |schon |mehrfach |mehrmals |wiederholt |zuletzt |kürzlich )*(?:geschrieben|erinnert|gemahnt|angemahnt|angeschrieben|kontaktiert|angerufen)',
    '(?:wurden|wurde|sind|waren) sie (?:bereits |schon )?(?:mehrfach |mehrmals |wiederholt )?(?:erinnert|gemahnt|angemahnt|angeschrieben)',
    '(?:bereits|schon) (?:mehrfach |mehrmals |wiederholt )?(?:erinnert|gemahnt|angemahnt|angeschrieben)',
    '(?:mehrfach|mehrmals|wiederholt) (?:erinnert|gemahnt|angemahnt|angeschrieben)',
    '(?:erinnern|schreiben|kontaktieren|mahnen) (?:wir |ich )?(?:sie |ihnen )?(?:hiermit )?(?:erneut|nochmals|noch einmal|ein weiteres mal)',
    '(?:komme|kommen) (?:noch einmal |nochmals |gerne? )?auf (?:unser(?:e|en)?|mein(?:e|en)?)',
    '(?:bezug ?nehmend|mit bezug|unter bezugnahme|im anschluss|anknüpfend) (?:auf|an) (?:unser(?:e|er|en|em)?|mein(?:e|er|en|em)?)',
    '(?:nach|seit|bei|in) (?:unserem|meinem) (?:letzten |ersten |kürzlichen |gestrigen )?(?:telefonat|telefongespräch|gespräch|anruf)',
    '(?:nach|seit) (?:unserem|unserer|meinem|meiner) (?:letzten |ersten )?(?:schreiben|brief|e-?mail|nachricht|erinnerung|mahnung)',
    'als (?:wir|ich) (?:mit ihnen |miteinander )?(?:gesprochen|telefoniert)',
    '(?:nichts|keine (?:antwort|rückmeldung|reaktion|nachricht)) von ihnen (?:gehört|erhalten|bekommen)',
    `(?:keine|ohne) (?:antwort|rückmeldung|reaktion) auf ${dePossessive}`,
    `auf ${dePossessive} (?:${deEarlier} |letzte[nrms]? )?(?:${deContact}) (?:(?:haben|hat|hatten|hatte) (?:wir|ich|sie) )?(?:leider |bisher |bislang |noch |auch )*(?:keine (?:antwort|rückmeldung|reaktion)|nicht (?:reagiert|geantwortet))`,
  ],
  'claims-no-earlier-contact': [
    `bevor (?:wir |ich )?(?:ihnen )?(?:(?:eine|irgendeine|irgendwelche|die|eine erste|überhaupt) )?(?:${deContact})`,
    '(?:noch|bisher|bislang) (?:keine|keinen|kein) (?:zahlungs)?(?:erinnerung|mahnung)(?:en)?',
    '(?:haben|habe) (?:ihnen |sie )?(?:bisher |bislang )?noch nicht (?:geschrieben|erinnert|gemahnt|angeschrieben|kontaktiert)',
  ],
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
  'claims-earlier-contact': [
    `${frPossessive} (?:précédente?s?|antérieure?s?|récente?s?|multiples|nombreux|nombreuses|différente?s?|divers(?:es)?|deux|trois|premier|première|deuxième|second|seconde) (?:${frContact})`,
    `${frPossessive} derni(?:er|ère|ers|ères) (?:${frLastContact})`,
    `${frPossessive} (?:${frContact}) (?:précédente?s?|antérieure?s?|successi(?:f|fs|ve|ves)|répétée?s?|restée?s? sans (?:réponse|suite)|du \\d)`,
    `(?:précédente?s?|multiples|nombreux|nombreuses|plusieurs|divers|diverses|différents|différentes|successi(?:fs|ves)) (?:${frContact})`,
    '(?:nos|mes) (?:rappels|relances)',
    `(?:les|le|la) (?:${frContact}) (?:précédente?s?|antérieure?s?)`,
    `(?:${frContact}) (?:déjà|précédemment) (?:envoyée?s?|adressée?s?|reçue?s?)`,
    `(?:malgré|en dépit (?:de|des)) (?:(?:nos|notre|mes|mon|ma|les|plusieurs|de|nombreux|nombreuses) )?[\\p{L}-]*\\s*(?:${frContact})(?: (?:précédente?s?|antérieure?s?|successi(?:fs|ves)|répétée?s?))?`,
    "comme (?:nous vous l[’']av(?:ons|ions)|je vous l[’']a(?:i|vais)) (?:déjà |précédemment )?(?:écrit|indiqué|signalé|expliqué|dit|précisé|rappelé|annoncé|mentionné|proposé)",
    'comme (?:déjà|précédemment) (?:indiqué|mentionné|évoqué|annoncé|signalé|écrit|expliqué|précisé|convenu)',
    'comme (?:nous en av(?:ons|ions) convenu|convenu (?:lors de|au cours de) (?:notre|nos))',
    `(?:nous vous avons|je vous ai) (?:déjà |précédemment |récemment |à plusieurs reprises |plusieurs fois )*(?:écrit|adressé|envoyé|relancé|rappelé|contacté|appelé|téléphoné|sollicité|informé|averti)(?: (?:plusieurs|des|de nombreux|de nombreuses|deux|trois|un|une) (?:${frContact}))?`,
    '(?:nous avons|j[’\']ai) (?:déjà )?(?:tenté|essayé) de vous (?:joindre|contacter)',
    '(?:déjà|précédemment) été (?:relancé|contacté|averti|rappelé|informé)e?s?',
    '(?:vous )?(?:écrivons|écris|contactons|contacte|relançons|relance|sollicitons) (?:à nouveau|de nouveau|une nouvelle fois|encore une fois)',
    'vous relancer',
    `(?:suite|faisant suite|fais suite|faisons suite) (?:à|a) ${frPossessive}`,
    `(?:je|nous) (?:reviens|revenons) vers vous (?:suite|au sujet) (?:à|a|de) ${frPossessive}`,
    `lors de ${frPossessive} [\\p{L}-]*\\s*(?:${frContact})`,
    '(?:restée?s?|resté|demeurée?s?) sans (?:réponse|suite)',
    `(?:aucune|pas de|sans) (?:réponse|retour|suite) (?:à|a) ${frPossessive}`,
    "(?:pas|jamais) (?:encore )?(?:eu|reçu) (?:de |d[’']|aucune )?(?:réponse|nouvelles|retour) de votre part",
    '(?:sommes|suis) (?:toujours )?sans (?:nouvelles|réponse) de votre part',
  ],
  'claims-no-earlier-contact': [
    `avant (?:l[’']envoi (?:de |d[’']|du |des )|d[’']envoyer |de vous (?:envoyer|adresser) |que nous (?:ne )?vous (?:envoyions|adressions) |tout envoi (?:de |d[’']))(?:(?:tout|toute|aucun|aucune|un|une|nos|notre|le|la|les|premier|première) )?(?:${frContact})`,
    `(?:ne vous avons|ne vous ai) (?:pas encore|encore jamais|jamais|pas) (?:envoyé|adressé|écrit)(?: (?:de |d[’']|aucun |aucune )?(?:${frContact}))?`,
    `aucune? (?:${frContact}) ne vous (?:a|ont) (?:encore )?été (?:envoyée?s?|adressée?s?)`,
  ],
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
  'claims-earlier-contact': [
    `${esPossessive} (?:anteriores?|previ[oa]s?|reiterad[oa]s?|repetid[oa]s?|numeros[oa]s?|divers[oa]s|vari[oa]s|sucesiv[oa]s|primer|primera|segund[oa]|tercer|tercera) (?:${esContact})`,
    `${esPossessive} últim[oa]s? (?:${esLastContact})`,
    `${esPossessive} (?:${esContact}) (?:anteriores?|previ[oa]s?|reiterad[oa]s?|repetid[oa]s?|sucesiv[oa]s|enviad[oa]s?|sin respuesta|del \\d)`,
    `(?:vari|reiterad|repetid|numeros|sucesiv|divers)(?:os|as) (?:${esContact})`,
    `(?:los|las|el|la) (?:${esContact}) (?:anteriores?|previ[oa]s?|ya enviad[oa]s?)`,
    '(?:nuestros|mis) (?:recordatorios|avisos|requerimientos)',
    `(?:a pesar de|pese a) (?:(?:nuestros?|nuestras?|mis?|los|las|varios|varias|reiterados|reiteradas|repetidos|repetidas|numerosos|numerosas|sucesivos|sucesivas) )?[\\p{L}-]*\\s*(?:${esContact})(?: (?:anteriores|previ[oa]s|reiterad[oa]s|repetid[oa]s|sucesiv[oa]s))?`,
    '(?:a pesar de|pese a) haber(?:le|les)? (?:escrito|enviado|recordado|llamado|contactado|avisado|requerido)',
    'como (?:ya )?(?:le |les )?(?:(?:hemos|habíamos|he|había) )?(?:indicamos|indicado|comentamos|comentado|dijimos|dicho|explicamos|explicado|escribimos|escrito|informamos|informado|recordamos|recordado|mencionamos|mencionado|acordamos|acordado|hablamos|hablado|avisamos|avisado|comunicamos|comunicado|adelantamos|adelantado)',
    `(?:ya )?(?:le |les )?(?:hemos|he|habíamos|había) (?:enviado|remitido|mandado|dirigido) (?:ya )?(?:(?:varios|varias|dos|tres|algunos|algunas|numerosos|numerosas|diversos|diversas|reiterados|reiteradas|un|una) )?(?:${esContact})`,
    '(?:le|les) (?:hemos|he|habíamos|había) (?:ya )?(?:escrito|recordado|llamado|contactado|avisado|requerido|reclamado)',
    '(?:ya )?se le (?:ha|han|había|habían) (?:recordado|avisado|requerido|escrito|enviado)',
    '(?:le |nos )?(?:escribimos|escribo|recordamos|recuerdo|contactamos|dirigimos) (?:a usted )?(?:de nuevo|nuevamente|una vez más|otra vez)',
    `(?:en relación con|en seguimiento de|en seguimiento a|tras|después de|desde|con respecto a|respecto a) ${esPossessive} [\\p{L}-]*\\s*(?:${esContact})`,
    `(?:el|la|los|las) (?:${esContact}) que (?:le|les) (?:enviamos|remitimos|mandamos|escribimos|dirigimos|hicimos)`,
    'cuando (?:hablamos|conversamos|le llamamos)',
    '(?:no|todavía no|aún no) (?:hemos|he) (?:recibido|tenido) (?:ninguna |ni una )?(?:respuesta|contestación|noticias)',
    `(?:ninguna |sin )?(?:respuesta|contestación) a ${esPossessive}`,
    '(?:han|ha|hayan|haya) quedado sin respuesta',
  ],
  'claims-no-earlier-contact': [
    `antes de (?:enviar(?:le)?|mandar(?:le)?|que (?:le )?(?:enviemos|mandemos|escribamos)|que (?:se )?(?:le )?(?:envíe|envíen)) (?:(?:ningún|ninguna|algún|alguna|un|una|los|las|nuestros?|nuestras?) )?(?:${esContact})`,
    `(?:no|todavía no|aún no) (?:le )?(?:hemos|he) (?:enviado|mandado|remitido) (?:(?:ningún|ninguna|ni un|ni una|todavía|aún) )?(?:${esContact})`,
    `sin haber(?:le)? (?:enviado|mandado) (?:(?:ningún|ninguna|ni un|ni una) )?(?:${esContact})`,
  ],
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
