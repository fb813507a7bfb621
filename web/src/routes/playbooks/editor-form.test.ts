import { describe, expect, it } from 'vitest';
import { builtInPlaybooks } from '../../../../src/domain/playbooks/default-playbooks.ts';
import type { PlaybookDefinition } from './describe.ts';
import { formFieldOf, playbookForm, toDefinition, toFormValues } from './editor-form.ts';

const withReminder: PlaybookDefinition = {
  ...builtInPlaybooks[0]!,
  instalmentReminder: { kind: 'instalment_reminder', name: 'Plan reminder', daysBefore: 5, channels: ['email', 'letter'], template: 'instalment-reminder' },
};

describe('the playbook editor’s form', () => {
  it('gives back every part of a playbook it was given, the listening paths and the instalment reminder included', () => {
    for (const playbook of [...builtInPlaybooks, withReminder]) expect(toDefinition(toFormValues(playbook))).toEqual(playbook);
  });

  it('adds the playbook’s own instalment reminder when asked, starting from the default; without it the default stays in use', () => {
    const values = toFormValues(builtInPlaybooks[0]!);
    expect(values.reminder).toEqual({ own: false, name: 'Instalment reminder', daysBefore: '3', channels: 'email, sms, letter', template: 'instalment-reminder' });
    expect(toDefinition(values).instalmentReminder).toBeUndefined();
    const own = { ...values, reminder: { ...values.reminder, own: true, daysBefore: ' 7 ', channels: 'sms, email' } };
    expect(toDefinition(own).instalmentReminder).toEqual({ kind: 'instalment_reminder', name: 'Instalment reminder', daysBefore: 7, channels: ['sms', 'email'], template: 'instalment-reminder' });
  });

  it('checks the reminder’s fields only when it is the playbook’s own', () => {
    const values = toFormValues(builtInPlaybooks[0]!);
    const blank = { ...values.reminder, daysBefore: 'soon', channels: ' ', template: '' };
    expect(playbookForm.safeParse({ ...values, reminder: blank }).success).toBe(true);
    const refused = playbookForm.safeParse({ ...values, reminder: { ...blank, own: true } });
    expect(refused.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['reminder.daysBefore', 'reminder.channels', 'reminder.template']);
  });

  it('puts the server’s problems with the reminder beside its fields; a listening path’s is listed above the form', () => {
    expect(formFieldOf('instalmentReminder.template')).toBe('reminder.template');
    expect(formFieldOf('instalmentReminder.channels[1]')).toBe('reminder.channels');
    expect(formFieldOf('instalmentReminder.daysBefore')).toBe('reminder.daysBefore');
    expect(formFieldOf('steps[2].onNoResponse.template')).toBe('steps.2.followUpTemplate');
    expect(formFieldOf('listening.wont_pay.finalStep')).toBeNull();
  });
});
