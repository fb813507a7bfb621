import { describe, expect, it } from 'vitest';
import { collectionSettings, type CollectionSettings } from '../collection-settings.ts';
import { builtInPlaybooks } from './default-playbooks.ts';
import type { Playbook, Step } from './playbook.ts';
import { validatePlaybook } from './validate-playbook.ts';

const defaults = collectionSettings({});
const everythingEnabled: CollectionSettings = { ...defaults, agencyEnabled: true, smallClaimsEnabled: true, legalEnabled: true };

const step = (overrides: Partial<Step> & Pick<Step, 'key' | 'offsetDays'>): Step => ({
  name: overrides.key,
  tone: 'friendly',
  channels: ['email'],
  template: 'reminder-missed',
  ...overrides,
});

const playbook = (...steps: Step[]): Playbook => ({ name: 'mine', description: '', steps });
/** Every case opens with a friendly message: a playbook whose point lies in a later step starts with this one. */
const opening = step({ key: 'opening', offsetDays: 0 });

function problemsOf(input: unknown, settings: CollectionSettings = defaults) {
  const result = validatePlaybook(input, { settings });
  if (result.ok) throw new Error('expected problems, the playbook validated');
  return result.problems;
}

describe('validatePlaybook', () => {
  it.each(builtInPlaybooks.map((p) => [p.name, p] as const))('the built-in %s validates clean', (_name, builtIn) => {
    const result = validatePlaybook(builtIn, { settings: everythingEnabled });
    expect(result).toEqual({ ok: true, playbook: builtIn, warnings: [] });
    // out of the box (agency not enabled) it still validates; the final notice just won't name agency
    const outOfTheBox = validatePlaybook(builtIn, { settings: defaults });
    expect(outOfTheBox.ok).toBe(true);
    expect(outOfTheBox.warnings.map((w) => w.path)).toEqual([`steps[${builtIn.steps.findIndex((s) => s.nextStep)}].nextStep`]);
  });

  it('reports shape errors with their path in the file', () => {
    const problems = problemsOf({
      name: 'Mine',
      steps: [
        step({ key: 'a', offsetDays: 1 }),
        { key: 'b', name: 'B', offsetDays: 2.5, tone: 'nice', channels: ['fax'], template: '' },
        { key: 'c', name: 'C', offsetDays: 3, tone: 'firm', channels: ['email'], tempalte: 'firm-reminder' },
      ],
      extra: true,
    });
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(byPath).toMatchObject({
      name: 'use lowercase letters, digits and dashes',
      'steps[1].offsetDays': 'must be a whole number',
      'steps[1].tone': 'must be one of "friendly", "firm", "final", "legal"',
      'steps[1].channels[0]': 'must be one of "email", "letter", "sms", "call", "review"',
      'steps[1].template': 'must not be empty',
      'steps[2].template': expect.stringMatching(/^is missing/),
      extra: expect.stringMatching(/^is not a field here: check the spelling; the fields here are name, description, steps, instalmentReminder, listening$/),
    });
    expect(byPath['steps[2].tempalte']).toMatch(/is not a field here.*template/);
    expect(problemsOf(42)).toEqual([{ path: '', message: 'must be an object with fields' }]);
    expect(problemsOf({ name: 'x', steps: [] })).toEqual([{ path: 'steps', message: 'needs at least 1 entry' }]);
  });

  it('names an unknown template and the templates that exist for the step’s channels', () => {
    const [problem, ...rest] = problemsOf(playbook(step({ key: 'a', offsetDays: 1, template: 'reminder-mised', channels: ['sms'] })));
    expect(rest).toEqual([]);
    expect(problem).toEqual({
      path: 'steps[0].template',
      message: 'there is no template "reminder-mised"; templates for sms: reminder-missed, follow-up, firm-reminder',
    });
  });

  it('takes an instalment reminder step on email, letter or SMS, and keeps a payment plan’s templates and a case’s apart', () => {
    const instalmentReminder = (template: string, channels: Array<'email' | 'letter' | 'sms'>) => ({ kind: 'instalment_reminder' as const, name: 'Instalment reminder', daysBefore: 3, channels, template });
    for (const channels of [['letter'], ['sms'], ['email', 'sms', 'letter']] as const) {
      expect(validatePlaybook({ ...playbook(opening), instalmentReminder: instalmentReminder('instalment-reminder', [...channels]) }, { settings: defaults }).ok).toBe(true);
    }
    expect(problemsOf({ ...playbook(opening), instalmentReminder: instalmentReminder('firm-reminder', ['sms']) })).toEqual([
      { path: 'instalmentReminder.template', message: '"firm-reminder" is about the invoices of a case, not one instalment of a payment plan; use one of the templates for sms: instalment-reminder, instalment-receipt, instalment-missed' },
    ]);
    expect(problemsOf(playbook(step({ key: 'a', offsetDays: 1, template: 'instalment-reminder', channels: ['letter'] })))).toEqual([
      { path: 'steps[0].template', message: expect.stringMatching(/^"instalment-reminder" is about one instalment of a payment plan: the cycle sends it from instalmentReminder, not from a step; use one of the templates for letter: satisfaction-verification, pre-due-note/) },
    ]);
  });

  it('refuses a template on a channel it does not exist for', () => {
    const problems = problemsOf(playbook(step({ key: 'a', offsetDays: 1, channels: ['email', 'call'], template: 'call-friendly' })));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('steps[0].template');
    expect(problems[0]!.message).toMatch(/^"call-friendly" is a template for call, not for email: remove email from the channels/);
    expect(problems[0]!.message).toMatch(/no template exists for email and call together, so split them into separate steps/);
    // the follow-up of onNoResponse too
    const followUp = problemsOf(
      playbook(step({ key: 'a', offsetDays: 1, onNoResponse: { afterDays: 3, channel: 'call', template: 'firm-reminder' } }), step({ key: 'b', offsetDays: 7 })),
    );
    expect(followUp.map((p) => p.path)).toEqual(['steps[0].onNoResponse.template']);
    expect(followUp[0]!.message).toMatch(/templates for call: call-friendly, call-personal, call-firm, call-broken-promise/);
  });

  it('requires every step key to be unique', () => {
    const problems = problemsOf(playbook(step({ key: 'a', offsetDays: 1 }), step({ key: 'b', offsetDays: 2 }), step({ key: 'a', offsetDays: 3 })));
    expect(problems).toEqual([{ path: 'steps[2].key', message: '"a" is already the key of steps[0]: give every step its own key' }]);
  });

  it('requires offsets to increase strictly, naming both steps', () => {
    const problems = problemsOf(playbook(step({ key: 'first', offsetDays: 5 }), step({ key: 'second', offsetDays: 5 }), step({ key: 'third', offsetDays: 3 })));
    expect(problems.map((p) => p.path)).toEqual(['steps[1].offsetDays', 'steps[2].offsetDays']);
    expect(problems[0]!.message).toMatch(/^step "second" \(steps\[1\]\) on day 5 is not after step "first" \(steps\[0\]\) on day 5: .* make this one 6 or more$/);
    expect(problems[1]!.message).toMatch(/^step "third" \(steps\[2\]\) on day 3 is not after step "second" \(steps\[1\]\) on day 5/);
  });

  it('refuses a friendlier step after a firmer one, but lets a review task keep any tone', () => {
    const problems = problemsOf(
      playbook(
        opening,
        step({ key: 'firm', offsetDays: 1, tone: 'firm', template: 'firm-reminder' }),
        step({ key: 'soft', offsetDays: 2, tone: 'friendly', template: 'follow-up' }),
      ),
    );
    expect(problems).toEqual([
      {
        path: 'steps[2].tone',
        message:
          'step "soft" (steps[2]) is "friendly", friendlier than step "firm" (steps[1]), which is "firm": tones only go up friendly → firm → final → legal, so make this step "firm" or firmer, or move it before that step',
      },
    ]);
    const withReview = validatePlaybook(
      playbook(
        opening,
        step({ key: 'final', offsetDays: 1, tone: 'final', channels: ['letter'], template: 'final-notice' }),
        step({ key: 'review', offsetDays: 10, tone: 'firm', channels: ['review'], template: 'review-escalation' }),
        step({ key: 'after', offsetDays: 20, tone: 'final', channels: ['letter'], template: 'final-notice' }),
      ),
      { settings: defaults },
    );
    expect(withReview.ok).toBe(true);
    // … and a review does not lower the bar for the steps after it
    const afterReview = problemsOf(
      playbook(
        opening,
        step({ key: 'final', offsetDays: 1, tone: 'final', channels: ['letter'], template: 'final-notice' }),
        step({ key: 'review', offsetDays: 10, tone: 'firm', channels: ['review'], template: 'review-escalation' }),
        step({ key: 'firm', offsetDays: 20, tone: 'firm', template: 'firm-reminder' }),
      ),
    );
    expect(afterReview.map((p) => p.path)).toEqual(['steps[3].tone']);
    expect(afterReview[0]!.message).toContain('friendlier than step "final" (steps[1])');
  });

  it('refuses legal steps and legal templates unless legal is enabled', () => {
    const legal = playbook(
      opening,
      step({ key: 'final', offsetDays: 1, tone: 'final', channels: ['letter'], template: 'final-notice' }),
      step({ key: 'claim', offsetDays: 30, tone: 'legal', channels: ['letter'], template: 'letter-before-claim' }),
    );
    expect(problemsOf(legal)).toEqual([
      { path: 'steps[2].tone', message: 'legal steps are disabled for this organisation: enable legal in the settings (legalEnabled) or remove step "claim"' },
    ]);
    expect(validatePlaybook(legal, { settings: { ...defaults, legalEnabled: true } }).ok).toBe(true);
    const smuggled = problemsOf(playbook(opening, step({ key: 'final', offsetDays: 1, tone: 'final', channels: ['letter'], template: 'letter-before-claim' })));
    expect(smuggled).toEqual([
      {
        path: 'steps[1].template',
        message: '"letter-before-claim" is a legal template and legal steps are disabled for this organisation: enable legal in the settings (legalEnabled) or remove step "final"',
      },
    ]);
  });

  it('warns, without refusing, when nextStep names something the organisation has not enabled', () => {
    const input = playbook(opening, step({ key: 'final', offsetDays: 1, tone: 'final', channels: ['letter'], template: 'final-notice', nextStep: 'small_claims' }));
    const result = validatePlaybook(input, { settings: defaults });
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([{ path: 'steps[1].nextStep', message: expect.stringMatching(/^small_claims is not enabled for this organisation, so the final notice will not name it.*smallClaimsEnabled/) }]);
    expect(validatePlaybook(input, { settings: { ...defaults, smallClaimsEnabled: true } }).warnings).toEqual([]);
    // settlement and write-off need no setting
    expect(validatePlaybook(playbook(opening, { ...input.steps[1]!, nextStep: 'settlement' }), { settings: defaults }).warnings).toEqual([]);
  });

  it('warns when a template is written in another tone than its step', () => {
    const result = validatePlaybook(playbook(opening, step({ key: 'a', offsetDays: 1, tone: 'firm', template: 'reminder-missed' })), { settings: defaults });
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([{ path: 'steps[1].template', message: '"reminder-missed" is written in the friendly tone but the step is firm; check this is what you mean' }]);
  });

  it('refuses a first message of a case that is not friendly (a debt never chased starts at the beginning)', () => {
    const problems = problemsOf(playbook(step({ key: 'note', offsetDays: -3, template: 'pre-due-note' }), step({ key: 'firm', offsetDays: 1, tone: 'firm', template: 'firm-reminder' })));
    expect(problems).toEqual([{ path: 'steps[1].tone', message: expect.stringMatching(/^step "firm" \(steps\[1\]\) is the first message of every case, which is always friendly/) }]);
    // a review before it is not a message
    const reviewFirst = problemsOf(playbook(step({ key: 'review', offsetDays: 0, tone: 'final', channels: ['review'], template: 'review-escalation' }), step({ key: 'final', offsetDays: 5, tone: 'final', channels: ['letter'], template: 'final-notice' })));
    expect(reviewFirst.map((p) => p.path)).toEqual(['steps[1].tone']);
  });

  it('allows at most one step before the due date', () => {
    const problems = problemsOf(playbook(step({ key: 'early', offsetDays: -7, template: 'pre-due-note' }), step({ key: 'earlier', offsetDays: -2, template: 'pre-due-note' })));
    expect(problems).toEqual([
      { path: 'steps[1].offsetDays', message: 'only one step may come before the due date and step "early" (steps[0]) already does: make this one 0 or later, or remove one of them' },
    ]);
  });

  it('requires a no-response follow-up to come before the next step', () => {
    const follow = (afterDays: number, nextOffset: number) =>
      playbook(step({ key: 'a', offsetDays: 7, onNoResponse: { afterDays, channel: 'call', template: 'call-friendly' } }), step({ key: 'b', offsetDays: nextOffset }));
    expect(validatePlaybook(follow(5, 13), { settings: defaults }).ok).toBe(true);
    expect(problemsOf(follow(6, 13))).toEqual([
      {
        path: 'steps[0].onNoResponse.afterDays',
        message: 'the follow-up task would come on day 13, not before the next step "b" (steps[1]) on day 13: make afterDays at most 5, or move the next step later',
      },
    ]);
    expect(problemsOf(follow(1, 8))[0]!.message).toMatch(/: remove onNoResponse, or move the next step later$/);
    // the last step's follow-up has nothing to collide with
    expect(validatePlaybook(playbook(step({ key: 'a', offsetDays: 7, onNoResponse: { afterDays: 60, channel: 'call', template: 'call-friendly' } })), { settings: defaults }).ok).toBe(true);
  });

  it('checks step conditions: amounts in their currency and customer-age bounds that can match', () => {
    const problems = problemsOf(
      playbook(
        step({
          key: 'a',
          offsetDays: 1,
          conditions: { minBalance: { GBP: '10.005', JPY: '100', XXQ: '5' }, customerForMonthsAtLeast: 12, customerForMonthsLessThan: 12 },
        }),
      ),
    );
    expect(problems.map((p) => p.path)).toEqual(['steps[0].conditions.minBalance.GBP', 'steps[0].conditions.minBalance.XXQ', 'steps[0].conditions.customerForMonthsLessThan']);
    expect(problems[0]!.message).toBe('"10.005" has 3 decimals but GBP has 2; round it in the source');
  });
});
