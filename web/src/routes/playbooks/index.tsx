// /playbooks — the playbooks (yours and the built-in ones) and the segment rules that decide which
// one a customer follows (first match wins).
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { describeConditions } from './conditions.ts';

export function PlaybooksScreen() {
  const playbooks = useQuery({ queryKey: ['playbooks'], queryFn: () => unwrap(api.GET('/api/v1/playbooks', { params: { query: { limit: 500 } } })) });
  const rules = useQuery({ queryKey: ['playbook-rules'], queryFn: () => unwrap(api.GET('/api/v1/playbook-rules')) });
  return (
    <div className="playbooks">
      <h1>Playbooks</h1>
      <ErrorText error={playbooks.error} />
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Playbook</th>
              <th scope="col">What it is for</th>
              <th scope="col">Steps</th>
              <th scope="col">Version in use</th>
            </tr>
          </thead>
          <tbody>
            {playbooks.data?.data.map((playbook) => (
              <tr key={playbook.name}>
                <td>
                  <Link to="/playbooks/$name" params={{ name: playbook.name }}>
                    {playbook.name}
                  </Link>
                  {playbook.isDefault && <span className="badge">default</span>}
                </td>
                <td>{playbook.description}</td>
                <td>{playbook.steps}</td>
                <td>
                  {playbook.version} {playbook.source === 'built-in' ? '(built in)' : `of ${playbook.versions}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Who follows which</h2>
      <ErrorText error={rules.error} />
      {rules.data && (
        <>
          <p className="muted">{rules.data.source === 'built-in' ? 'The built-in segment rules (you have none of your own).' : 'Your segment rules.'} The first rule that matches a customer decides.</p>
          <ol className="plain rules">
            {rules.data.rules.map((rule, index) => (
              <li key={index}>
                {describeConditions(rule.conditions)} → <Link to="/playbooks/$name" params={{ name: rule.playbook }}>{rule.playbook}</Link>
              </li>
            ))}
            <li>
              Everyone else → <Link to="/playbooks/$name" params={{ name: rules.data.defaultPlaybook }}>{rules.data.defaultPlaybook}</Link>
            </li>
          </ol>
        </>
      )}
    </div>
  );
}
