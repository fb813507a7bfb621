// Deciding an arrangement that waits for an owner: a settlement to approve or decline, or a
// proposed payment plan to accept or decline, with the reason recorded. What is offered depends
// on the role (the same components as the customer page); the server checks again.
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ErrorText } from '../../components/ErrorText.tsx';
import { Money } from '../../components/Money.tsx';
import { formatDate } from '../../lib/format.ts';
import { useFormats, useSession } from '../../session.ts';
import { PlanDecision, SettlementDecision } from '../customer/arrangement-decisions.tsx';
import { planQuery, settlementQuery } from '../customer/data.ts';
import type { WorklistItem } from './data.ts';

function Invoices({ rows, currency }: { rows: Array<{ id: string; number: string; balance: number }>; currency: string }) {
  return (
    <ul className="plain">
      {rows.map((invoice) => (
        <li key={invoice.id}>
          {invoice.number}: <Money amount={invoice.balance} currency={currency} /> owed
        </li>
      ))}
    </ul>
  );
}

function SettlementApproval({ settlementId, onDone }: { settlementId: string; onDone: () => void }) {
  const { locale } = useFormats();
  const settlement = useQuery(settlementQuery(settlementId));
  if (settlement.error) return <ErrorText error={settlement.error} />;
  if (!settlement.data) return <p className="loading">Loading the settlement…</p>;
  const s = settlement.data;
  return (
    <>
      <p data-testid="approval-terms">
        Settle <strong><Money amount={s.amount} currency={s.currency} /></strong> of <Money amount={s.owed} currency={s.currency} /> owed, paid by {formatDate(s.expiresOn, locale)}; offered by {s.offeredByName ?? s.offeredBy} on {formatDate(s.offeredOn, locale)}. Paid in time, the
        rest is written off.
      </p>
      <Invoices rows={s.invoices} currency={s.currency} />
      <SettlementDecision settlement={s} onDone={onDone} />
    </>
  );
}

function PlanApproval({ planId, customerId, onDone }: { planId: string; customerId: string; onDone: () => void }) {
  const { locale } = useFormats();
  const plan = useQuery(planQuery(planId, customerId));
  if (plan.error) return <ErrorText error={plan.error} />;
  if (!plan.data) return <p className="loading">Loading the plan…</p>;
  const p = plan.data;
  return (
    <>
      <p data-testid="approval-terms">
        <Money amount={p.total} currency={p.currency} /> in {p.instalments.filter((i) => i.seq > 0).length} instalment(s), proposed by {p.proposedByName ?? p.proposedBy} on {formatDate(p.proposedOn, locale)}.
      </p>
      <ul className="plain">
        {p.instalments.map((instalment) => (
          <li key={instalment.seq}>
            {instalment.seq === 0 ? 'Down payment' : `Instalment ${instalment.seq}`}: <Money amount={instalment.amount} currency={p.currency} /> on {formatDate(instalment.dueOn, locale)}
          </li>
        ))}
      </ul>
      <Invoices rows={p.invoices} currency={p.currency} />
      <PlanDecision plan={p} onDone={onDone} />
    </>
  );
}

export function ApprovalPanel({ item, onDone }: { item: WorklistItem; onDone: () => void }) {
  const { role } = useSession();
  return (
    <article className="work-panel" aria-labelledby="approval-heading">
      <h2 id="approval-heading">
        {item.title} — <Link to="/customers/$id" params={{ id: item.customer.id }}>{item.customer.name}</Link>
      </h2>
      {item.planId && item.why && <p className="muted">{item.why}</p>}
      {role === 'viewer' && <p className="notice">You can see this, not decide it.</p>}
      {role === 'collector' && <p className="notice">{item.settlementId ? 'Only an owner approves or declines a settlement.' : 'Only an owner may accept this plan; you may decline it.'}</p>}
      {item.settlementId && <SettlementApproval settlementId={item.settlementId} onDone={onDone} />}
      {item.planId && <PlanApproval planId={item.planId} customerId={item.customer.id} onDone={onDone} />}
    </article>
  );
}
