// /playbooks — the organisation's playbooks (its own versions and the built-in ones) and the
// segment rules that say which customers follow which, first match wins.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { ErrorText } from '../../components/ErrorText.tsx';
import { formatInstant } from '../../lib/format.ts';
import { useFormats, useSession } from '../../session.ts';
import { conditionPhrases } from './describe.ts';
import { playbookListQuery, playbookRulesQuery } from './data.ts';
import { RulesEditor } from './RulesEditor.tsx';

export function PlaybooksScreen() {
  const formats = useFormats();
  const { role } = useSession();
  const [editingRules, setEditingRules] = useState(false);
  const playbooks = useQuery(playbookListQuery);
  const rules = useQuery(playbookRulesQuery);
  return (
    <div className="playbooks">
      <h1>Playbooks</h1>
      <p className="muted">A playbook is the sequence of steps a customer goes through while they owe money. Open one to see its steps, edit it, and simulate the coming weeks.</p>
      <ErrorText error={playbooks.error ?? rules.error} />
      <ul className="playbook-cards">
        {playbooks.data?.data.map((playbook) => (
          <li key={playbook.name} className="card">
            <h2>
              <Link to="/playbooks/$name" params={{ name: playbook.name }}>
                {playbook.name}
              </Link>
              {playbook.isDefault && <span className="badge">default</span>}
            </h2>
            <p>{playbook.description}</p>
            <p className="muted small">
              {playbook.steps} steps · version {playbook.version} ({playbook.source === 'built-in' ? 'built-in' : `yours, ${playbook.versions} versions`})
              {playbook.createdAt && ` · saved ${formatInstant(playbook.createdAt, formats)}`}
              {playbook.createdBy && ` by ${playbook.createdByName ?? playbook.createdBy}`}
            </p>
          </li>
        ))}
      </ul>
      <section aria-labelledby="rules-title">
        <h2 id="rules-title">Segment rules</h2>
        {rules.data && (
          <>
            <p className="muted small">
              {rules.data.source === 'built-in' ? 'The built-in rules (you have set none of your own).' : 'Your rules.'} The first rule a customer matches chooses their playbook; customers no rule matches follow{' '}
              <strong>{rules.data.defaultPlaybook}</strong>. A customer's own choice of playbook overrides the rules.
            </p>
            <div className="table-scroll">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      #
                    </th>
                    <th scope="col">Customers who are</th>
                    <th scope="col">Follow</th>
                  </tr>
                </thead>
                <tbody>
                  {rules.data.rules.map((rule, index) => (
                    <tr key={index}>
                      <td className="num">{index + 1}</td>
                      <td>{conditionPhrases(rule.conditions).join('; ') || 'everyone'}</td>
                      <td>
                        <Link to="/playbooks/$name" params={{ name: rule.playbook }}>
                          {rule.playbook}
                        </Link>
                      </td>
                    </tr>
                  ))}
                  <tr>
                    <td className="num">—</td>
                    <td>anyone else</td>
                    <td>
                      <Link to="/playbooks/$name" params={{ name: rules.data.defaultPlaybook }}>
                        {rules.data.defaultPlaybook}
                      </Link>
                    </td>
                  </tr>
                </tbody>
              </table>
            </div>
            {role === 'owner' &&
              (editingRules ? (
                <RulesEditor rules={rules.data} playbooks={playbooks.data?.data.map((playbook) => playbook.name) ?? []} onDone={() => setEditingRules(false)} />
              ) : (
                <button type="button" onClick={() => setEditingRules(true)}>
                  Edit the rules
                </button>
              ))}
          </>
        )}
      </section>
    </div>
  );
}
