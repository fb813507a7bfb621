// The owner's editor of the segment rules: an ordered list (first match wins), each a playbook and
// who it is for. Saved whole with PUT /api/v1/playbook-rules; the server's problems (paths such as
// `rules[1].playbook`) are shown beside the rule they concern.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, unwrap, type components } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import type { Conditions } from './describe.ts';

type Rules = components['schemas']['PlaybookRules'];

interface RuleRow {
  playbook: string;
  kinds: '' | 'business' | 'consumer';
  tagsAny: string;
  risks: '' | 'low' | 'normal' | 'high';
  /** Conditions this form does not edit, kept as they were. */
  kept: Omit<Conditions, 'kinds' | 'tagsAny' | 'risks'>;
}

const list = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function toRows(rules: Rules): RuleRow[] {
  return rules.rules.map(({ playbook, conditions: { kinds, tagsAny, risks, ...kept } }) => ({
    playbook,
    kinds: kinds?.length === 1 ? kinds[0]! : '',
    tagsAny: (tagsAny ?? []).join(', '),
    risks: risks?.length === 1 ? risks[0]! : '',
    kept,
  }));
}

function toBody(rows: RuleRow[]) {
  return {
    rules: rows.map((row) => {
      const conditions: Conditions = { ...row.kept };
      if (row.kinds) conditions.kinds = [row.kinds];
      if (list(row.tagsAny).length) conditions.tagsAny = list(row.tagsAny);
      if (row.risks) conditions.risks = [row.risks];
      return { playbook: row.playbook, conditions };
    }),
  };
}

export function RulesEditor({ rules, playbooks, onDone }: { rules: Rules; playbooks: string[]; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<RuleRow[]>(() => toRows(rules));
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/v1/playbook-rules', { body: toBody(rows) as never })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['playbook-rules'] });
      onDone();
    },
  });
  const problems = save.error instanceof ApiError ? ((save.error.details as { problems?: Array<{ path: string; message: string }> } | undefined)?.problems ?? []) : [];
  const problemsOf = (index: number) => problems.filter((problem) => problem.path.startsWith(`rules[${index}]`));
  const set = (index: number, change: Partial<RuleRow>) => setRows(rows.map((row, at) => (at === index ? { ...row, ...change } : row)));
  const move = (index: number, by: number) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    next.splice(index + by, 0, row!);
    setRows(next);
  };
  return (
    <form className="panel rules-editor" aria-label="Edit the segment rules" onSubmit={(event) => (event.preventDefault(), save.mutate())}>
      <ol className="plain">
        {rows.map((row, index) => (
          <li key={index} className="rule-row">
            <span className="rule-number">{index + 1}.</span>
            <label>
              Playbook
              <select value={row.playbook} onChange={(event) => set(index, { playbook: event.target.value })} aria-invalid={problemsOf(index).length > 0}>
                {playbooks.map((name) => (
                  <option key={name}>{name}</option>
                ))}
              </select>
            </label>
            <label>
              for
              <select value={row.kinds} onChange={(event) => set(index, { kinds: event.target.value as RuleRow['kinds'] })}>
                <option value="">businesses and consumers</option>
                <option value="business">businesses</option>
                <option value="consumer">consumers</option>
              </select>
            </label>
            <label>
              tagged any of
              <input value={row.tagsAny} placeholder="key, vip" onChange={(event) => set(index, { tagsAny: event.target.value })} />
            </label>
            <label>
              risk
              <select value={row.risks} onChange={(event) => set(index, { risks: event.target.value as RuleRow['risks'] })}>
                <option value="">any</option>
                <option value="low">low</option>
                <option value="normal">normal</option>
                <option value="high">high</option>
              </select>
            </label>
            {Object.keys(row.kept).length > 0 && <span className="muted small">(and {Object.keys(row.kept).join(', ')} as set)</span>}
            <span className="buttons">
              <button type="button" onClick={() => move(index, -1)} disabled={index === 0}>
                Up
              </button>
              <button type="button" onClick={() => move(index, 1)} disabled={index === rows.length - 1}>
                Down
              </button>
              <button type="button" onClick={() => setRows(rows.filter((_, at) => at !== index))}>
                Remove rule {index + 1}
              </button>
            </span>
            {problemsOf(index).map((problem, n) => (
              <p key={n} className="field-error">
                {problem.message}
              </p>
            ))}
          </li>
        ))}
      </ol>
      <div className="buttons">
        <button type="button" onClick={() => setRows([...rows, { playbook: playbooks[0] ?? 'standard', kinds: '', tagsAny: '', risks: '', kept: {} }])}>
          Add a rule
        </button>
        <button type="submit" className="primary" disabled={save.isPending}>
          Save the rules
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      <p className="muted small">With no rules at all, the built-in rules apply again.</p>
      <ErrorText error={save.error && problems.length === 0 ? save.error : null} />
    </form>
  );
}
