// Besides its ladder of steps, what the cycle acts on for a playbook's customers: the reminder of
// each instalment of a payment plan, and the path a case takes after what the debtor says on a
// call (listening). Worded by the domain (describe-playbook.ts), as `arrears playbook show` prints them.
import { describeInstalmentReminder, describeListening } from '../../../../src/domain/playbooks/describe-playbook.ts';
import type { InstalmentReminderInUse, PlaybookDefinition } from './describe.ts';

export function InstalmentReminderView({ reminder }: { reminder: InstalmentReminderInUse }) {
  return (
    <div className="step-body reminder" data-testid="instalment-reminder">
      <h3>
        {reminder.name}
        {reminder.isDefault && <span className="badge">default</span>}
      </h3>
      <p className="step-facts">
        <span>{describeInstalmentReminder(reminder)}</span>
        <span>
          template <code>{reminder.template}</code>
        </span>
      </p>
      {reminder.isDefault && <p className="small muted">This playbook sets no reminder of its own, so the default is used.</p>}
    </div>
  );
}

export function ListeningPaths({ playbook }: { playbook: PlaybookDefinition }) {
  return (
    <dl className="listening" data-testid="listening">
      {describeListening(playbook).map((line) => (
        <div key={line.outcome} className="step-body listening-path" data-outcome={line.outcome}>
          <dt>
            {line.said.charAt(0).toUpperCase() + line.said.slice(1)} <code>{line.outcome}</code>
          </dt>
          <dd>
            <span className={`path path-${line.path ?? 'none'}`}>{line.path ?? 'no path'}</span> {line.effect}
          </dd>
        </div>
      ))}
    </dl>
  );
}
