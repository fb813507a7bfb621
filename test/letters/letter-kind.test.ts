import { describe, expect, it } from 'vitest';
import { letterKindFor, letterKinds } from '../../src/channels/letters/letter-kind.ts';
import { templateCatalog } from '../../src/domain/templates/catalog.ts';

describe('letterKindFor', () => {
  it('maps the catalog templates to their letter layouts', () => {
    expect(letterKindFor('pre-due-note')).toBe('reminder');
    expect(letterKindFor('reminder-missed')).toBe('reminder');
    expect(letterKindFor('follow-up')).toBe('reminder');
    expect(letterKindFor('firm-reminder')).toBe('reminder');
    expect(letterKindFor('statement-of-account')).toBe('statement-of-account');
    expect(letterKindFor('demand-letter')).toBe('demand');
    expect(letterKindFor('final-notice')).toBe('final-notice');
    expect(letterKindFor('letter-before-claim')).toBe('letter-of-claim');
    expect(letterKindFor('satisfaction-verification')).toBe('satisfaction-verification');
    expect(letterKindFor('validation-notice')).toBe('validation-notice');
    for (const name of ['instalment-reminder', 'instalment-receipt', 'instalment-missed']) expect(letterKindFor(name)).toBe('payment-plan');
  });

  it('has a layout for every template the catalog sends as a letter', () => {
    const letterTemplates = templateCatalog.filter((entry) => entry.channels.includes('letter'));
    expect(letterTemplates.length).toBeGreaterThan(0);
    for (const entry of letterTemplates) expect(letterKinds).toContain(letterKindFor(entry.name));
  });

  it('refuses templates that are never letters, naming the ones that are', () => {
    expect(() => letterKindFor('call-friendly')).toThrow(/"call-friendly" has no letter layout.*demand-letter/);
    expect(() => letterKindFor('constructor')).toThrow(/no letter layout/);
  });
});
