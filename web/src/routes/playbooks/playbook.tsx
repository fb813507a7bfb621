// /playbooks/:name — one playbook as a timeline of its steps, its instalment reminder and what the
// debtor's answers on a call do (listening), its versions, the owner's editor,
// and a simulation of the coming 30, 60 or 90 days for the whole portfolio drawn as a calendar:
// with the saved playbooks, and with the unsaved draft beside them, so a change is seen before
// it is saved.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { formatDate, formatInstant } from '../../lib/format.ts';
import { useFormats, useSession } from '../../session.ts';
import { InstalmentReminderView, ListeningPaths } from './BeyondSteps.tsx';
import type { PlaybookDefinition } from './describe.ts';
import { playbookQuery } from './data.ts';
import { PlaybookEditor } from './PlaybookEditor.tsx';
import { SimulationCalendar, type Simulation } from './SimulationCalendar.tsx';
import { StepPreview } from './StepPreview.tsx';
import { StepTimeline } from './StepTimeline.tsx';

const route = getRouteApi('/app/playbooks/$name');
const ranges = [30, 60, 90] as const;

function simulate(days: number, playbook?: PlaybookDefinition): Promise<Simulation> {
  return unwrap(api.POST('/api/v1/playbooks/simulate', { body: { days, ...(playbook ? { playbook: playbook as unknown as Record<string, unknown> } : {}) } }));
}

export function PlaybookScreen() {
  const { name } = route.useParams();
  const { role } = useSession();
  const formats = useFormats();
  const queryClient = useQueryClient();
  const [version, setVersion] = useState<number | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const [days, setDays] = useState<(typeof ranges)[number]>(30);
  const [saved, setSaved] = useState<Simulation | null>(null);
  const [draft, setDraft] = useState<{ simulation: Simulation; version: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const playbook = useQuery(playbookQuery(name, version));
  const detail = playbook.data;
  const isOwner = role === 'owner';

  const runSaved = useMutation({ mutationFn: () => simulate(days), onSuccess: (simulation) => (setSaved(simulation), setDraft(null)) });
  const runDraft = useMutation({
    mutationFn: async (definition: PlaybookDefinition) => {
      const baseline = saved && saved.days.length === days ? saved : await simulate(days);
      const simulation = await simulate(days, definition);
      return { baseline, simulation };
    },
    onSuccess: ({ baseline, simulation }) => {
      setSaved(baseline);
      setDraft({ simulation, version: simulation.playbook?.version ?? 0 });
    },
  });

  const save = async (definition: PlaybookDefinition) => {
    const result = await unwrap(api.POST('/api/v1/playbooks', { body: definition as never }));
    setNotice(result.status === 'stored' ? `Saved as version ${result.version}; the next cycle uses it.` : `Nothing changed: it is the same as version ${result.version}.`);
    setEditing(false);
    setDraft(null);
    setSaved(null);
    setVersion(undefined);
    await queryClient.invalidateQueries({ queryKey: ['playbook', name] });
    await queryClient.invalidateQueries({ queryKey: ['playbooks'] });
  };

  if (playbook.error) return <ErrorText error={playbook.error} />;
  if (!detail) return <p className="loading">Loading…</p>;
  const latest = detail.versions[detail.versions.length - 1] ?? 0;
  const shown = draft?.simulation ?? saved;

  return (
    <div className="playbook">
      <div className="page-head">
        <h1>Playbook {detail.name}</h1>
        <p className="muted">
          {detail.definition.description} Version {detail.version}
          {detail.source === 'built-in' ? ' (built-in)' : ''}
          {detail.createdAt && `, saved ${formatInstant(detail.createdAt, formats)}`}
          {detail.createdBy && ` by ${detail.createdByName ?? detail.createdBy}`}.
        </p>
      </div>
      <div className="search-bar">
        <label htmlFor="pb-version">Version</label>
        <select id="pb-version" value={version ?? ''} onChange={(event) => (setVersion(event.target.value === '' ? undefined : Number(event.target.value)), setEditing(false))}>
          <option value="">in use ({latest})</option>
          {[...detail.versions].reverse().map((number) => (
            <option key={number} value={number}>
              {number}
              {number === 0 ? ' (built-in)' : ''}
            </option>
          ))}
        </select>
        {isOwner && !editing && (
          <button type="button" className="primary" onClick={() => (setEditing(true), setNotice(null))}>
            Edit steps
          </button>
        )}
        {!isOwner && <span className="muted small">Only an owner can change playbooks.</span>}
      </div>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <div className="playbook-layout">
        <section aria-labelledby="steps-title">
          <h2 id="steps-title">{editing ? 'Edit the steps and the instalment reminder' : 'Steps'}</h2>
          {editing ? (
            <PlaybookEditor
              playbook={detail.definition}
              nextVersion={latest + 1}
              simulating={runDraft.isPending}
              onSimulate={(definition) => runDraft.mutateAsync(definition)}
              onSave={save}
              onCancel={() => (setEditing(false), setDraft(null))}
            />
          ) : (
            <>
              <StepTimeline steps={detail.definition.steps} renderExtra={role === 'viewer' ? undefined : (step) => <StepPreview template={step.template} channels={step.channels} />} />
              <h2 id="reminder-title">Instalment reminder</h2>
              <p className="muted small">Apart from the steps: while a customer of this playbook is on a payment plan, a reminder before each instalment.</p>
              <InstalmentReminderView reminder={detail.instalmentReminderInUse} />
            </>
          )}
          <h2 id="listening-title">When the debtor answers a call</h2>
          <p className="muted small">
            The outcome a collector records chooses the path the case takes from the next cycle on; a promise pauses the case until its date.{' '}
            <strong>Read-only here{isOwner ? ' (saving your changes keeps it as it is)' : ''}:</strong> it is changed in the playbook file (<code>arrears playbook export</code>, then <code>import</code>).
          </p>
          <ListeningPaths playbook={detail.definition} />
        </section>
        <section aria-labelledby="simulation-title" className="simulation-section">
          <h2 id="simulation-title">The coming days</h2>
          <p className="muted small">
            The cycle run day by day on a copy of your data that is thrown away, assuming no customer pays or replies, for the whole portfolio (on a large portfolio this takes a few seconds per day simulated). {editing && 'With your changes, days that differ from the saved playbooks are marked.'}
          </p>
          <div className="search-bar" role="group" aria-label="Simulation">
            <label htmlFor="sim-days">Days</label>
            <select id="sim-days" value={days} onChange={(event) => (setDays(Number(event.target.value) as (typeof ranges)[number]), setSaved(null), setDraft(null))}>
              {ranges.map((range) => (
                <option key={range} value={range}>
                  next {range} days
                </option>
              ))}
            </select>
            {role === 'viewer' ? (
              <span className="muted small">Simulations are run by collectors and owners (the server refuses a viewer's).</span>
            ) : (
              <button type="button" onClick={() => runSaved.mutate()} disabled={runSaved.isPending || runDraft.isPending}>
                {runSaved.isPending ? 'Simulating…' : 'Simulate the saved playbooks'}
              </button>
            )}
          </div>
          <ErrorText error={runSaved.error ?? (runDraft.error instanceof Error && !(runDraft.error as { details?: unknown }).details ? runDraft.error : null)} />
          {(runSaved.isPending || runDraft.isPending) && (
            <p role="status" className="loading">
              Simulating {days} days…
            </p>
          )}
          {shown && (
            <>
              <p className="small" data-testid="simulation-caption">
                {draft ? <strong>With your unsaved changes (as version {draft.version})</strong> : <strong>With the saved playbooks</strong>}, {formatDate(shown.from, formats.locale)} to {formatDate(shown.to, formats.locale)}.
              </p>
              <SimulationCalendar simulation={shown} compareTo={draft ? (saved ?? undefined) : undefined} playbook={detail.name} />
            </>
          )}
        </section>
      </div>
    </div>
  );
}
