import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageLanguageFor } from './message-language.ts';
import { messageLanguages } from './message-model.ts';

const words = (language: string) => ({ language, isoDates: false });
const fallback = { language: 'en-GB', isoDates: true };

describe('messageLanguageFor', () => {
  it("uses the customer's own language when Arrears ships it, whatever the country", () => {
    expect(messageLanguageFor('en-GB', 'US', 'US')).toEqual(words('en-GB'));
    expect(messageLanguageFor('EN-us', 'GB', 'GB')).toEqual(words('en-US'));
    expect(messageLanguageFor('de-DE', 'US', 'US')).toEqual(words('de-DE'));
    expect(messageLanguageFor('fr-FR', 'GB', 'GB')).toEqual(words('fr-FR'));
    expect(messageLanguageFor(' es-es ', null, null)).toEqual(words('es-ES'));
  });

  it('writes to another variant of a shipped language in the closest one', () => {
    for (const tag of ['de', 'de-AT', 'de-CH', 'de_LI']) expect(messageLanguageFor(tag, 'CH', 'US'), tag).toEqual(words('de-DE'));
    for (const tag of ['fr', 'fr-CA', 'fr-BE', 'fr-CH']) expect(messageLanguageFor(tag, 'CA', 'US'), tag).toEqual(words('fr-FR'));
    for (const tag of ['es', 'es-MX', 'es-419', 'es-AR']) expect(messageLanguageFor(tag, 'MX', 'US'), tag).toEqual(words('es-ES'));
  });

  it('writes British English to every English but American, and to bare "en" unless the customer is in the US', () => {
    for (const tag of ['en', 'en-IE', 'en-AU', 'en-CA', 'en-IN', 'en-001']) expect(messageLanguageFor(tag, 'IE', 'US'), tag).toEqual(words('en-GB'));
    expect(messageLanguageFor('en', null, 'US')).toEqual(words('en-GB'));
    expect(messageLanguageFor('en', 'US', 'GB')).toEqual(words('en-US'));
    expect(messageLanguageFor('en-PR', 'PR', 'GB')).toEqual(words('en-US'));
  });

  it('writes British English with ISO dates, never US date order, in a language without templates or an unreadable tag', () => {
    for (const tag of ['ja-JP', 'ja', 'zh-Hant-TW', 'pt-BR', 'it', 'xx', 'not a tag', '123']) expect(messageLanguageFor(tag, 'US', 'US'), tag).toEqual(fallback);
  });

  it("without a language, reads the customer's country, else the organisation's", () => {
    expect(messageLanguageFor(null, 'DE', 'US')).toEqual(words('de-DE'));
    expect(messageLanguageFor('', 'AT', 'US')).toEqual(words('de-DE'));
    expect(messageLanguageFor(null, 'FR', 'GB')).toEqual(words('fr-FR'));
    expect(messageLanguageFor(null, 'ES', 'GB')).toEqual(words('es-ES'));
    expect(messageLanguageFor(null, 'IE', 'US')).toEqual(words('en-GB'));
    expect(messageLanguageFor(null, 'US', 'GB')).toEqual(words('en-US'));
    expect(messageLanguageFor(null, null, 'GB')).toEqual(words('en-GB'));
    expect(messageLanguageFor(null, null, 'us')).toEqual(words('en-US'));
  });

  it('guesses no language for a country of several, nor for an unknown one: British English, ISO dates', () => {
    for (const country of ['CH', 'BE', 'CA', 'JP']) expect(messageLanguageFor(null, country, 'US'), country).toEqual(fallback);
    expect(messageLanguageFor(null, null, null)).toEqual(fallback);
  });

  it('always answers a shipped language, and gives ISO dates only with British English', () => {
    const tag = fc.oneof(fc.constant(null), fc.string({ maxLength: 12 }), fc.constantFrom('de-CH', 'en', 'ja-JP', 'fr-CA', 'EN-us'));
    const country = fc.oneof(fc.constant(null), fc.constantFrom('US', 'GB', 'DE', 'JP', 'CH', ''), fc.string({ maxLength: 3 }));
    fc.assert(
      fc.property(tag, country, country, (language, customerCountry, orgCountry) => {
        const choice = messageLanguageFor(language, customerCountry, orgCountry);
        expect(messageLanguages).toContain(choice.language);
        if (choice.isoDates) expect(choice.language).toBe('en-GB');
      }),
    );
  });
});
