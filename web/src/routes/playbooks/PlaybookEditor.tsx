// Editing a playbook: its steps as a form, checked by the server exactly as an import is, each
// problem shown beside its field. "Simulate" sends the draft to the simulation (nothing saved);
// "Save" stores it as a new version. Only an owner sees this; the server checks the role again.
// The instalment reminder is edited here too; the listening paths are kept as they are.
import { zodResolver } from '@hookform/resolvers/zod';
import { useFieldArray, useForm, type FieldError, type UseFormReturn } from 'react-hook-form';
import { useState } from 'react';
import { defaultInstalmentReminder } from '../../../../src/domain/playbooks/playbook.ts';
import { describeInstalmentReminder } from '../../../../src/domain/playbooks/describe-playbook.ts';
import { templateCatalog } from '../../../../src/domain/templates/catalog.ts';
import { ApiError } from '../../api/client.ts';
import { Field } from '../../components/Field.tsx';
import type { PlaybookDefinition } from './describe.ts';
import { emptyStep, formFieldOf, playbookForm, toDefinition, toFormValues, type PlaybookFormValues } from './editor-form.ts';

interface PathProblem {
  path: string;
  message: string;
}

/** A refusal's problems put beside their fields; those no field shows are returned to be listed. */
function placeProblems(form: UseFormReturn<PlaybookFormValues>, error: unknown): PathProblem[] {
  if (!(error instanceof ApiError)) return [];
  const problems = (error.details as { problems?: PathProblem[] } | undefined)?.problems ?? [];
  const unplaced: PathProblem[] = [];
  for (const problem of problems) {
    const field = formFieldOf(problem.path);
    if (field) form.setError(field, { type: 'server', message: problem.message });
    else unplaced.push(problem);
  }
  return unplaced;
}

export function PlaybookEditor({
  playbook,
  nextVersion,
  onSimulate,
  onSave,
  onCancel,
  simulating,
}: {
  playbook: PlaybookDefinition;
  nextVersion: number;
  onSimulate: (draft: PlaybookDefinition) => Promise<unknown>;
  onSave: (draft: PlaybookDefinition) => Promise<unknown>;
  onCancel: () => void;
  simulating: boolean;
}) {
  const form = useForm<PlaybookFormValues>({ resolver: zodResolver(playbookForm), defaultValues: toFormValues(playbook), mode: 'onBlur' });
  const steps = useFieldArray({ control: form.control, name: 'steps' });
  const [unplaced, setUnplaced] = useState<PathProblem[]>([]);
  const [refusal, setRefusal] = useState<Error | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = (send: (draft: PlaybookDefinition) => Promise<unknown>, busy?: (on: boolean) => void) =>
    form.handleSubmit(async (values) => {
      setUnplaced([]);
      setRefusal(null);
      busy?.(true);
      try {
        await send(toDefinition(values));
      } catch (error) {
        const rest = placeProblems(form, error);
        setUnplaced(rest);
        if (!(error instanceof ApiError && error.code === 'invalid_input' && rest.length === 0 && (error.details as { problems?: unknown[] } | undefined)?.problems?.length)) setRefusal(error as Error);
      } finally {
        busy?.(false);
      }
    });

  const { errors } = form.formState;
  const stepError = (index: number, field: keyof PlaybookFormValues['steps'][number]) => errors.steps?.[index]?.[field] as FieldError | undefined;
  return (
    <form className="playbook-editor" aria-label={`Edit ${playbook.name}`} noValidate onSubmit={submit(onSave, setSaving)}>
      <Field id="pb-description" label="Description" error={errors.description}>
        <input id="pb-description" {...form.register('description')} />
      </Field>
      {(unplaced.length > 0 || refusal) && (
        <div role="alert" className="error panel">
          {refusal && <p>{refusal.message}</p>}
          {unplaced.length > 0 && (
            <ul>
              {unplaced.map((problem, index) => (
                <li key={index}>
                  <code>{problem.path}</code>: {problem.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {errors.steps?.root && <p className="field-error">{errors.steps.root.message}</p>}
      <ol className="step-forms">
        {steps.fields.map((field, index) => {
          const id = (name: string) => `step-${index}-${name}`;
          const followUp = form.watch(`steps.${index}.followUp`);
          return (
            <li key={field.id} className="panel step-form" data-step-form={index}>
              <fieldset>
                <legend>
                  Step {index + 1}: {form.watch(`steps.${index}.name`)}
                </legend>
                <div className="field-row">
                  <Field id={id('name')} label="Name" error={stepError(index, 'name')}>
                    <input id={id('name')} {...describedBy(id('name'), stepError(index, 'name'))} {...form.register(`steps.${index}.name`)} />
                  </Field>
                  <Field id={id('key')} label="Key" error={stepError(index, 'key')}>
                    <input id={id('key')} {...describedBy(id('key'), stepError(index, 'key'))} {...form.register(`steps.${index}.key`)} />
                  </Field>
                  <Field id={id('offset')} label="Day (from the due date)" error={stepError(index, 'offsetDays')}>
                    <input id={id('offset')} inputMode="numeric" className="narrow" {...describedBy(id('offset'), stepError(index, 'offsetDays'))} {...form.register(`steps.${index}.offsetDays`)} />
                  </Field>
                  <Field id={id('tone')} label="Tone" error={stepError(index, 'tone')}>
                    <select id={id('tone')} {...describedBy(id('tone'), stepError(index, 'tone'))} {...form.register(`steps.${index}.tone`)}>
                      <option value="friendly">friendly</option>
                      <option value="firm">firm</option>
                      <option value="final">final</option>
                      <option value="legal">legal</option>
                    </select>
                  </Field>
                </div>
                <div className="field-row">
                  <Field id={id('channels')} label="Channels, in order of preference" error={stepError(index, 'channels')}>
                    <input id={id('channels')} placeholder="email, letter" {...describedBy(id('channels'), stepError(index, 'channels'))} {...form.register(`steps.${index}.channels`)} />
                  </Field>
                  <Field id={id('template')} label="Template" error={stepError(index, 'template')}>
                    <select id={id('template')} {...describedBy(id('template'), stepError(index, 'template'))} {...form.register(`steps.${index}.template`)}>
                      <option value="">Choose…</option>
                      {templateCatalog.map((template) => (
                        <option key={template.name} value={template.name}>
                          {template.name} ({template.channels.join(', ')})
                        </option>
                      ))}
                    </select>
                  </Field>
                </div>
                <div className="field-row">
                  <Field id={id('kinds')} label="Only for" error={stepError(index, 'kinds')}>
                    <select id={id('kinds')} {...form.register(`steps.${index}.kinds`)}>
                      <option value="">businesses and consumers</option>
                      <option value="business">businesses</option>
                      <option value="consumer">consumers</option>
                    </select>
                  </Field>
                  <Field id={id('tags-any')} label="Tagged any of" error={stepError(index, 'tagsAny')}>
                    <input id={id('tags-any')} placeholder="key, vip" {...form.register(`steps.${index}.tagsAny`)} />
                  </Field>
                  <Field id={id('tags-none')} label="Tagged none of" error={stepError(index, 'tagsNone')}>
                    <input id={id('tags-none')} {...form.register(`steps.${index}.tagsNone`)} />
                  </Field>
                </div>
                <div className="field-row follow-up">
                  <label className="inline-check">
                    <input type="checkbox" {...form.register(`steps.${index}.followUp`)} /> Follow up when nobody responds
                  </label>
                  {followUp && (
                    <>
                      <Field id={id('after')} label="After days" error={stepError(index, 'afterDays')}>
                        <input id={id('after')} inputMode="numeric" className="narrow" {...describedBy(id('after'), stepError(index, 'afterDays'))} {...form.register(`steps.${index}.afterDays`)} />
                      </Field>
                      <Field id={id('fu-channel')} label="By" error={stepError(index, 'followUpChannel')}>
                        <select id={id('fu-channel')} {...form.register(`steps.${index}.followUpChannel`)}>
                          {['call', 'email', 'letter', 'sms', 'review'].map((channel) => (
                            <option key={channel}>{channel}</option>
                          ))}
                        </select>
                      </Field>
                      <Field id={id('fu-template')} label="With template" error={stepError(index, 'followUpTemplate')}>
                        <select id={id('fu-template')} {...describedBy(id('fu-template'), stepError(index, 'followUpTemplate'))} {...form.register(`steps.${index}.followUpTemplate`)}>
                          <option value="">Choose…</option>
                          {templateCatalog.map((template) => (
                            <option key={template.name} value={template.name}>
                              {template.name}
                            </option>
                          ))}
                        </select>
                      </Field>
                    </>
                  )}
                </div>
                <div className="buttons step-buttons">
                  <button type="button" onClick={() => steps.move(index, index - 1)} disabled={index === 0}>
                    Move up
                  </button>
                  <button type="button" onClick={() => steps.move(index, index + 1)} disabled={index === steps.fields.length - 1}>
                    Move down
                  </button>
                  <button type="button" onClick={() => steps.insert(index + 1, emptyStep(form.getValues(`steps.${index}`)))}>
                    Add a step after
                  </button>
                  <button type="button" onClick={() => steps.remove(index)} disabled={steps.fields.length === 1}>
                    Remove step {index + 1}
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <ReminderFields form={form} />
      <div className="buttons editor-buttons">
        <button type="button" onClick={submit(onSimulate)} disabled={simulating}>
          {simulating ? 'Simulating…' : 'Simulate my changes'}
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : `Save as version ${nextVersion}`}
        </button>
        <button type="button" onClick={onCancel}>
          Discard changes
        </button>
      </div>
    </form>
  );
}

const describedBy = (id: string, error: FieldError | undefined) => (error ? { 'aria-describedby': `${id}-error`, 'aria-invalid': true } : {});

/** The instalment reminder: the default, or the playbook's own (its days, channels and template). */
function ReminderFields({ form }: { form: UseFormReturn<PlaybookFormValues> }) {
  const own = form.watch('reminder.own');
  const errors = form.formState.errors.reminder;
  return (
    <div className="panel step-form reminder-form">
      <fieldset>
        <legend>Instalment reminder (while a payment plan is active)</legend>
        <label className="inline-check">
          <input type="checkbox" {...form.register('reminder.own')} /> This playbook’s own reminder
        </label>
        {!own && <p className="small muted">Otherwise the default: {describeInstalmentReminder(defaultInstalmentReminder)}, template {defaultInstalmentReminder.template}.</p>}
        {own && (
          <div className="field-row">
            <Field id="reminder-name" label="Name" error={errors?.name}>
              <input id="reminder-name" {...describedBy('reminder-name', errors?.name)} {...form.register('reminder.name')} />
            </Field>
            <Field id="reminder-days" label="Days before each instalment" error={errors?.daysBefore}>
              <input id="reminder-days" inputMode="numeric" className="narrow" {...describedBy('reminder-days', errors?.daysBefore)} {...form.register('reminder.daysBefore')} />
            </Field>
            <Field id="reminder-channels" label="Channels, in order of preference" error={errors?.channels}>
              <input id="reminder-channels" placeholder="email, sms, letter" {...describedBy('reminder-channels', errors?.channels)} {...form.register('reminder.channels')} />
            </Field>
            <Field id="reminder-template" label="Template" error={errors?.template}>
              <select id="reminder-template" {...describedBy('reminder-template', errors?.template)} {...form.register('reminder.template')}>
                <option value="">Choose…</option>
                {templateCatalog
                  .filter((template) => template.planMessage)
                  .map((template) => (
                    <option key={template.name} value={template.name}>
                      {template.name} ({template.channels.join(', ')})
                    </option>
                  ))}
              </select>
            </Field>
          </div>
        )}
      </fieldset>
    </div>
  );
}
