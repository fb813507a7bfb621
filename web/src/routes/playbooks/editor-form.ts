// The playbook editor's form values (text as typed) to and from a playbook definition, and the
// server's problems (paths in the document, e.g. `steps[1].onNoResponse.template`) to the form
// field each belongs beside.
import { z } from 'zod';
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

export const playbookForm = z.object({
  name: z.string(),
  description: z.string(),
  steps: z.array(stepForm).min(1, 'A playbook needs at least one step'),
});

export type PlaybookFormValues = z.infer<typeof playbookForm>;
export type StepFormValues = z.infer<typeof stepForm>;

const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export function toFormValues(playbook: PlaybookDefinition): PlaybookFormValues {
  return {
    name: playbook.name,
    description: playbook.description ?? '',
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

/** `steps[1].onNoResponse.template` → `steps.1.followUpTemplate`; null when no field shows it (then it is listed above the form). */
export function formFieldOf(path: string): `steps.${number}.${keyof StepFormValues}` | 'name' | 'description' | null {
  if (path === 'name' || path === 'description') return path;
  const match = /^steps\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (!match) return null;
  const rest = (match[2] ?? 'name').replace(/\[\d+\]$/, '');
  const field = stepFieldOf[rest] ?? (rest.startsWith('conditions') ? null : stepFieldOf[rest.split('.')[0]!]);
  return field ? `steps.${Number(match[1])}.${field}` : null;
}
