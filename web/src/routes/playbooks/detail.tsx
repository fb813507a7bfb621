// /playbooks/:name — a playbook drawn as a timeline of its steps (day, tone, channels, template,
// conditions, what happens on no response). An owner edits it as its definition (the same JSON a
// playbook file holds); the server validates it exactly as `arrears playbook import` does and its
// findings are listed by field.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { useSession } from '../../session.ts';
import { describeConditions } from './conditions.ts';

const route = getRouteApi('/app/playbooks/$name');

function dayLabel(offset: number): string {
  if (offset === 0) return 'On the due date';
  const days = Math.abs(offset) === 1 ? '1 day' : `${Math.abs(offset)} days`;
  return offset < 0 ? `${days} before due` : `${days} after due`;
}

export function PlaybookScreen() {
  const { name } = route.useParams();
  const { role } = useSession();
  const queryClient = useQueryClient();
  const playbook = useQuery({ queryKey: ['playbook', name], queryFn: () => unwrap(api.GET('/api/v1/playbooks/{name}', { params: { path: { name } } })) });
  const [draft, setDraft] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: async (text: string) => {
      let definition: unknown;
      try {
        definition = JSON.parse(text);
      } catch (error) {
        throw new Error(`The definition is not valid JSON: ${(error as Error).message}`);
      }
      return unwrap(api.POST('/api/v1/playbooks', { body: definition as never }));
    },
    onSuccess: async () => {
      setDraft(null);
      await queryClient.invalidateQueries({ queryKey: ['playbook', name] });
      await queryClient.invalidateQueries({ queryKey: ['playbooks'] });
    },
  });
  if (playbook.error) return <ErrorText error={playbook.error} />;
  if (!playbook.data) return <p className="loading">Loading the playbook…</p>;
  const { definition } = playbook.data;
  const fieldErrors = save.error instanceof ApiError ? save.error.message.split('; ') : [];
  return (
    <div className="playbook">
      <h1>{definition.name}</h1>
      <p className="muted">
        {definition.description} · version {playbook.data.version}
        {playbook.data.source === 'built-in' ? ' (built in)' : ''}
      </p>
      <ol className="steps" aria-label="Steps">
        {definition.steps.map((step) => (
          <li key={step.key} className={`step tone-${step.tone}`}>
            <div className="step-day">{dayLabel(step.offsetDays)}</div>
            <div className="step-body">
              <h2>{step.name}</h2>
              <p>
                <span className={`tone tone-${step.tone}`}>{step.tone}</span> · {step.channels.join(' + ')} · template <code>{step.template}</code>
              </p>
              <p className="muted small">{describeConditions(step.conditions)}</p>
              {step.onNoResponse && (
                <p className="small">
                  No response after {step.onNoResponse.afterDays} days: {step.onNoResponse.channel} with <code>{step.onNoResponse.template}</code>
                </p>
              )}
              {step.nextStep && <p className="small">Then: {step.nextStep.replace('_', ' ')}</p>}
              {step.applyCharges && <p className="small">Applies the charges policy (fees, interest).</p>}
            </div>
          </li>
        ))}
      </ol>
      {role === 'owner' && (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">Edit</h2>
          {draft === null ? (
            <button type="button" onClick={() => setDraft(JSON.stringify(definition, null, 2))}>
              Edit the definition
            </button>
          ) : (
            <form
              className="panel"
              onSubmit={(event) => {
                event.preventDefault();
                save.mutate(draft);
              }}
            >
              <div className="field">
                <label htmlFor="playbook-definition">Definition (JSON, as in a playbook file; see docs/playbooks.md)</label>
                <textarea id="playbook-definition" className="code" rows={24} value={draft} onChange={(event) => setDraft(event.target.value)} spellCheck={false} />
              </div>
              {fieldErrors.length > 1 ? (
                <ul role="alert" className="error">
                  {fieldErrors.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              ) : (
                <ErrorText error={save.error} />
              )}
              <div className="buttons">
                <button type="submit" className="primary" disabled={save.isPending}>
                  Save as a new version
                </button>
                <button type="button" onClick={() => setDraft(null)}>
                  Cancel
                </button>
              </div>
            </form>
          )}
        </section>
      )}
    </div>
  );
}
