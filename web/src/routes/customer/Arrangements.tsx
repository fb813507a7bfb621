// The customer's payment plans (with their instalments while they run), settlements and
// write-offs, each with its status and the decisions the signed-in role may take.
import { useQuery } from '@tanstack/react-query';
import { ErrorText } from '../../components/ErrorText.tsx';
import { Money } from '../../components/Money.tsx';
import { formatDate } from '../../lib/format.ts';
import { useFormats } from '../../session.ts';
import type { components } from '../../api/client.ts';
import { PlanDecision, ReverseWriteOff, SettlementDecision } from './arrangement-decisions.tsx';
import { customerQueries, planQuery } from './data.ts';

type Plan = components['schemas']['PaymentPlan'];

const planStatusLabels: Record<Plan['status'], string> = {
  proposed: 'proposed, not yet accepted',
  active: 'active',
  completed: 'completed',
  broken: 'broken (an instalment missed)',
  defaulted: 'defaulted',
  cancelled: 'cancelled',
};

const settlementStatusLabels: Record<components['schemas']['Settlement']['status'], string> = {
  awaiting_approval: 'awaiting an owner’s approval',
  offered: 'on offer',
  declined: 'declined',
  paid: 'paid',
  lapsed: 'lapsed',
  cancelled: 'cancelled',
};

function PlanItem({ plan }: { plan: Plan }) {
  const { locale } = useFormats();
  const live = ['proposed', 'active', 'broken'].includes(plan.status);
  const detail = useQuery({ ...planQuery(plan.id, plan.customerId), enabled: live });
  return (
    <li className="arrangement" data-testid="plan">
      <p>
        <strong>Plan {plan.id}</strong>: <Money amount={plan.total} currency={plan.currency} /> · <span data-testid="plan-status">{planStatusLabels[plan.status]}</span> · proposed by {plan.proposedByName ?? plan.proposedBy} on {formatDate(plan.proposedOn, locale)}
        {plan.acceptedBy && plan.acceptedOn && `, accepted by ${plan.acceptedByName ?? plan.acceptedBy} on ${formatDate(plan.acceptedOn, locale)}`}
      </p>
      {!plan.withinPolicy && <p className="badge warning">Outside the plan policy: {plan.policyProblems.join('; ')}</p>}
      {plan.status === 'proposed' && plan.needsOwner && <p className="muted small">Only an owner may accept it.</p>}
      {plan.resolution && <p className="muted small">{plan.resolution}</p>}
      <ErrorText error={detail.error} />
      {detail.data && (
        <div className="table-scroll">
          <table className="data-table compact" aria-label={`Plan ${plan.id} instalments`}>
            <thead>
              <tr>
                <th scope="col">Payment</th>
                <th scope="col">Due</th>
                <th scope="col" className="num">Amount</th>
                <th scope="col" className="num">Paid</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {detail.data.instalments.map((instalment) => (
                <tr key={instalment.seq}>
                  <td>{instalment.seq === 0 ? 'Down' : instalment.seq}</td>
                  <td className="nowrap">{formatDate(instalment.dueOn, locale)}</td>
                  <td className="num"><Money amount={instalment.amount} currency={plan.currency} /></td>
                  <td className="num"><Money amount={instalment.paid} currency={plan.currency} /></td>
                  <td>{instalment.status.replace('_', ' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PlanDecision plan={plan} />
    </li>
  );
}

export function Arrangements({ customerId }: { customerId: string }) {
  const { locale } = useFormats();
  const plans = useQuery(customerQueries.plans(customerId));
  const settlements = useQuery(customerQueries.settlements(customerId));
  const writeOffs = useQuery(customerQueries.writeOffs(customerId));
  const none = plans.data?.data.length === 0 && settlements.data?.data.length === 0 && writeOffs.data?.data.length === 0;
  return (
    <section aria-labelledby="arrangements-heading">
      <h2 id="arrangements-heading">Plans, settlements and write-offs</h2>
      <ErrorText error={plans.error ?? settlements.error ?? writeOffs.error} />
      {none && <p className="muted">No payment plan, settlement or write-off.</p>}
      <ul className="plain arrangements">
        {(plans.data?.data ?? []).map((plan) => (
          <PlanItem key={plan.id} plan={plan} />
        ))}
        {(settlements.data?.data ?? []).map((settlement) => (
          <li key={settlement.id} className="arrangement" data-testid="settlement">
            <p>
              <strong>Settlement {settlement.id}</strong>: <Money amount={settlement.amount} currency={settlement.currency} /> of <Money amount={settlement.owed} currency={settlement.currency} /> by {formatDate(settlement.expiresOn, locale)} ·{' '}
              <span data-testid="settlement-status">{settlementStatusLabels[settlement.status]}</span> · offered by {settlement.offeredByName ?? settlement.offeredBy}
              {settlement.decidedBy && ` · ${settlement.status === 'declined' ? 'declined' : 'approved'} by ${settlement.decidedByName ?? settlement.decidedBy}: ${settlement.decisionReason ?? ''}`}
            </p>
            {settlement.status === 'awaiting_approval' && <p className="muted small">Waiting on the worklist for an owner’s approval.</p>}
            <SettlementDecision settlement={settlement} />
          </li>
        ))}
        {(writeOffs.data?.data ?? []).map((writeOff) => (
          <li key={writeOff.id} className="arrangement" data-testid="write-off">
            <p>
              <strong>Write-off {writeOff.id}</strong>: <Money amount={writeOff.amount} currency={writeOff.currency} /> on {writeOff.invoiceNumber}, {writeOff.reasonCode.replace('-', ' ')}
              {writeOff.note && ` (${writeOff.note})`} · by {writeOff.createdByName ?? writeOff.createdBy} on {formatDate(writeOff.writtenOffOn, locale)}
              {writeOff.reversedOn && ` · reversed by ${writeOff.reversedByName ?? writeOff.reversedBy} on ${formatDate(writeOff.reversedOn, locale)}: ${writeOff.reversalReason ?? ''}`}
            </p>
            <ReverseWriteOff writeOff={writeOff} />
          </li>
        ))}
      </ul>
    </section>
  );
}
