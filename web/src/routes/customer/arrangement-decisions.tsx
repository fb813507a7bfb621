// The decisions on an arrangement, with the reason recorded beside them: accept or decline a
// proposed plan, cancel a running one, approve or decline a settlement, reverse a write-off. Each
// is offered only to a role the server lets take it (a viewer is offered none); the server checks
// again. Used on the customer page and on the worklist.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap, type components } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { useSession } from '../../session.ts';

type Plan = components['schemas']['PaymentPlan'];
type Settlement = components['schemas']['Settlement'];
type WriteOff = components['schemas']['WriteOff'];

export interface Choice {
  label: string;
  /** Whether a reason must be typed first. */
  needsReason: boolean;
  send: (reason: string) => Promise<unknown>;
}

export function Decision({ customerId, choices, reasonLabel, onDone }: { customerId: string; choices: Choice[]; reasonLabel: string; onDone?: (() => void) | undefined }) {
  const id = useId();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const decide = useMutation({
    mutationFn: (choice: Choice) => choice.send(reason.trim()),
    onSuccess: async () => {
      setReason('');
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey.includes(customerId) || ['worklist', 'plan', 'settlement', 'dashboard'].includes(String(query.queryKey[0])) });
      onDone?.();
    },
  });
  if (choices.length === 0) return null;
  return (
    <div className="decision">
      <div className="field">
        <label htmlFor={`${id}-reason`}>{reasonLabel}</label>
        <input id={`${id}-reason`} value={reason} onChange={(event) => { setReason(event.target.value); setMissing(false); }} aria-invalid={missing || undefined} aria-describedby={missing ? `${id}-error` : undefined} />
        {missing && (
          <p id={`${id}-error`} className="field-error">
            Say why first.
          </p>
        )}
      </div>
      <div className="buttons">
        {choices.map((choice) => (
          <button
            key={choice.label}
            type="button"
            disabled={decide.isPending}
            onClick={() => {
              if (choice.needsReason && reason.trim() === '') return setMissing(true);
              decide.mutate(choice);
            }}
          >
            {choice.label}
          </button>
        ))}
      </div>
      <ErrorText error={decide.error} />
    </div>
  );
}

const path = (id: string) => ({ params: { path: { id } } });

export function PlanDecision({ plan, onDone }: { plan: Plan; onDone?: () => void }) {
  const { role } = useSession();
  if (role === 'viewer') return null;
  const choices: Choice[] = [];
  if (plan.status === 'proposed' && (role === 'owner' || !plan.needsOwner)) choices.push({ label: 'Accept plan', needsReason: false, send: () => unwrap(api.POST('/api/v1/plans/{id}/accept', path(plan.id))) });
  if (['proposed', 'active', 'broken'].includes(plan.status)) {
    choices.push({ label: plan.status === 'proposed' ? 'Decline plan' : 'Cancel plan', needsReason: true, send: (reason) => unwrap(api.POST('/api/v1/plans/{id}/cancel', { ...path(plan.id), body: { reason } })) });
  }
  return <Decision customerId={plan.customerId} choices={choices} reasonLabel={plan.status === 'proposed' ? 'Reason (to decline)' : 'Reason (to cancel)'} onDone={onDone} />;
}

export function SettlementDecision({ settlement, onDone }: { settlement: Settlement; onDone?: () => void }) {
  const { role } = useSession();
  if (role !== 'owner' || settlement.status !== 'awaiting_approval') return null;
  const decide = (decision: 'approve' | 'decline') => (reason: string) =>
    unwrap(decision === 'approve' ? api.POST('/api/v1/settlements/{id}/approve', { ...path(settlement.id), body: { reason } }) : api.POST('/api/v1/settlements/{id}/decline', { ...path(settlement.id), body: { reason } }));
  return (
    <Decision
      customerId={settlement.customerId}
      choices={[
        { label: 'Approve settlement', needsReason: true, send: decide('approve') },
        { label: 'Decline settlement', needsReason: true, send: decide('decline') },
      ]}
      reasonLabel="Reason for the decision"
      onDone={onDone}
    />
  );
}

export function ReverseWriteOff({ writeOff }: { writeOff: WriteOff }) {
  const { role } = useSession();
  if (role !== 'owner' || writeOff.reversedOn !== null) return null;
  return (
    <Decision
      customerId={writeOff.customerId}
      choices={[{ label: 'Reverse write-off', needsReason: true, send: (reason) => unwrap(api.POST('/api/v1/write-offs/{id}/reverse', { ...path(writeOff.id), body: { reason } })) }]}
      reasonLabel="Reason (to reverse)"
    />
  );
}
