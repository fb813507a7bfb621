// The playbook editor's form values (text as typed) to and from a playbook definition, and the
// server's problems (paths in the document, e.g. `steps[1].onNoResponse.template`) to the form
// field each belongs beside. The listening paths are not edited here: they are kept as they were.
import { z } from 'zod';
import { defaultInstalmentReminder } from '../../../../src/domain/playbooks/playbook.ts';
import type { Conditions, PlaybookDefinition, PlaybookStep } from './describe.ts';

const whole = (what: string) => z.string().trim().regex(/^-?\d+$/, `${what} must be a whole number of days`);

export const stepForm = z.object({
  key: z.string().trim().min(1, 'Give the step a key (lowercase letters, digits and dashes)'),
  name: z.string().trim().min(1, 'Give the step a name'),
  offsetDays: whole('The day'),
  tone: z.enum(['friendly', 'firm', 'final', 'legal']),
  channels: z.string().trim().min(1, 'Name at least one channel'),
  template: z.string().min(1, 'Choose a template'),
  followUp: z.boolean(),
  afterDays: z.string(),
  followUpChannel: z.enum(['email', 'letter', 'sms', 'call', 'review']),
  followUpTemplate: z.string(),
  kinds: z.enum(['', 'business', 'consumer']),
  tagsAny: z.string(),
  tagsNone: z.string(),
  /** What the form does not edit (other conditions, charges, next step), kept as it was. */
  kept: z.custom<Pick<PlaybookStep, 'applyCharges' | 'nextStep'> & { conditions: Omit<Conditions, 'kinds' | 'tagsAny' | 'tagsNone'> }>(),
});

/** The instalment reminder: the playbook's own (`own`), or none, so the default is used. */
export const reminderForm = z
  .object({
    own: z.boolean(),
    name: z.string(),
    daysBefore: z.string(),
    channels: z.string(),
    template: z.string(),
  })
  .superRefine((reminder, context) => {
    if (!reminder.own) return;
    if (!/^\s*\d+\s*$/.test(reminder.daysBefore)) context.addIssue({ code: 'custom', path: ['daysBefore'], message: 'The days before must be a whole number of days' });
    if (!reminder.name.trim()) context.addIssue({ code: 'custom', path: ['name'], message: 'Give the reminder a name' });
    if (!reminder.channels.trim()) context.addIssue({ code: 'custom', path: ['channels'], message: 'Name at least one channel' });
    if (!reminder.template) context.addIssue({ code: 'custom', path: ['template'], message: 'Choose a template' });
  });

export const playbookForm = z.object({
  name: z.string(),
  description: z.string(),
  steps: z.array(stepForm).min(1, 'A playbook needs at least one step'),
  reminder: reminderForm,
  /** Not edited on the page: kept as it was. */
  listening: z.custom<PlaybookDefinition['listening']>(),
});

export type PlaybookFormValues = z.infer<typeof playbookForm>;
export type StepFormValues = z.infer<typeof stepForm>;

const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export function toFormValues(playbook: PlaybookDefinition): PlaybookFormValues {
  const reminder = playbook.instalmentReminder ?? defaultInstalmentReminder;
  return {
    name: playbook.name,
    description: playbook.description ?? '',
    reminder: { own: playbook.instalmentReminder !== undefined, name: reminder.name, daysBefore: String(reminder.daysBefore), channels: reminder.channels.join(', '), template: reminder.template },
    listening: playbook.listening,
    steps: playbook.steps.map((step) => {
      const { kinds, tagsAny, tagsNone, ...otherConditions } = step.conditions ?? {};
      return {
        key: step.key,
        name: step.name,
        offsetDays: String(step.offsetDays),
        tone: step.tone,
        channels: step.channels.join(', '),
        template: step.template,
        followUp: step.onNoResponse !== undefined,
        afterDays: String(step.onNoResponse?.afterDays ?? 5),
        followUpChannel: step.onNoResponse?.channel ?? 'call',
        followUpTemplate: step.onNoResponse?.template ?? '',
        kinds: kinds?.length === 1 ? kinds[0]! : '',
        tagsAny: (tagsAny ?? []).join(', '),
        tagsNone: (tagsNone ?? []).join(', '),
        kept: { applyCharges: step.applyCharges, nextStep: step.nextStep, conditions: otherConditions },
      };
    }),
  };
}

export function emptyStep(after: StepFormValues | undefined): StepFormValues {
  const day = after ? Number(after.offsetDays) + 7 : 1;
  return { key: `step-${day}`, name: 'New step', offsetDays: String(day), tone: after?.tone ?? 'friendly', channels: 'email', template: '', followUp: false, afterDays: '5', followUpChannel: 'call', followUpTemplate: '', kinds: '', tagsAny: '', tagsNone: '', kept: { conditions: {} } };
}

/** The definition as the API takes it; the server validates it as `arrears playbook import` does. */
export function toDefinition(values: PlaybookFormValues): PlaybookDefinition {
  return {
    name: values.name,
    description: values.description,
    steps: values.steps.map((step) => {
      const conditions: Conditions = { ...step.kept.conditions };
      if (step.kinds) conditions.kinds = [step.kinds];
      if (list(step.tagsAny).length) conditions.tagsAny = list(step.tagsAny);
      if (list(step.tagsNone).length) conditions.tagsNone = list(step.tagsNone);
      const definition: PlaybookStep = {
        key: step.key.trim(),
        name: step.name.trim(),
        offsetDays: Number(step.offsetDays),
        tone: step.tone,
        channels: list(step.channels) as PlaybookStep['channels'],
        template: step.template,
      };
      if (Object.keys(conditions).length > 0) definition.conditions = conditions;
      if (step.kept.applyCharges !== undefined) definition.applyCharges = step.kept.applyCharges;
      if (step.kept.nextStep !== undefined) definition.nextStep = step.kept.nextStep;
      if (step.followUp) definition.onNoResponse = { afterDays: Number(step.afterDays), channel: step.followUpChannel, template: step.followUpTemplate };
      return definition;
    }),
    ...(values.reminder.own
      ? {
          instalmentReminder: {
            kind: 'instalment_reminder' as const,
            name: values.reminder.name.trim(),
            daysBefore: Number(values.reminder.daysBefore),
            channels: list(values.reminder.channels) as NonNullable<PlaybookDefinition['instalmentReminder']>['channels'],
            template: values.reminder.template,
          },
        }
      : {}),
    ...(values.listening ? { listening: values.listening } : {}),
  };
}

const stepFieldOf: Record<string, keyof StepFormValues> = {
  key: 'key',
  name: 'name',
  offsetDays: 'offsetDays',
  tone: 'tone',
  channels: 'channels',
  template: 'template',
  'onNoResponse.afterDays': 'afterDays',
  'onNoResponse.channel': 'followUpChannel',
  'onNoResponse.template': 'followUpTemplate',
  onNoResponse: 'followUpTemplate',
  'conditions.kinds': 'kinds',
  'conditions.tagsAny': 'tagsAny',
  'conditions.tagsNone': 'tagsNone',
};

const reminderFieldOf: Record<string, `reminder.${'name' | 'daysBefore' | 'channels' | 'template'}`> = {
  instalmentReminder: 'reminder.template',
  'instalmentReminder.name': 'reminder.name',
  'instalmentReminder.daysBefore': 'reminder.daysBefore',
  'instalmentReminder.channels': 'reminder.channels',
  'instalmentReminder.template': 'reminder.template',
};

/** `steps[1].onNoResponse.template` → `steps.1.followUpTemplate`; null when no field shows it (then it is listed above the form). */
export function formFieldOf(path: string): `steps.${number}.${keyof StepFormValues}` | `reminder.${'name' | 'daysBefore' | 'channels' | 'template'}` | 'name' | 'description' | null {
  if (path === 'name' || path === 'description') return path;
  const reminderField = reminderFieldOf[path.replace(/\[\d+\]$/, '')];
  if (reminderField) return reminderField;
  const match = /^steps\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (!match) return null;
  const rest = (match[2] ?? 'name').replace(/\[\d+\]$/, '');
  const field = stepFieldOf[rest] ?? (rest.startsWith('conditions') ? null : stepFieldOf[rest.split('.')[0]!]);
  return field ? `steps.${Number(match[1])}.${field}` : null;
}
