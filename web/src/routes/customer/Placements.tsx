// The customer's agency placements: with which agency, since when, its status, the file handed over
// (downloaded with the session cookie, like a letter's PDF), the payments the agency reported with
// its commission, and the actions the signed-in role may take: an owner recalls, a collector or
// owner records an agency's payment, also after a recall (the server checks both again).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type components } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { Money } from '../../components/Money.tsx';
import { formatDate } from '../../lib/format.ts';
import { useCanChange, useFormats, useSession } from '../../session.ts';
import { Decision } from './arrangement-decisions.tsx';
import { customerQueries, placementQuery } from './data.ts';
import { AgencyPaymentForm } from './placement-forms.tsx';

type Placement = components['schemas']['Placement'];

const statusLabels: Record<Placement['status'], string> = {
  placed: 'with the agency (not chased here)',
  recalled: 'recalled',
};

function PlacementItem({ placement, customerId, today }: { placement: Placement; customerId: string; today: string }) {
  const { locale } = useFormats();
  const canChange = useCanChange();
  const isOwner = useSession().role === 'owner';
  const [paying, setPaying] = useState(false);
  const detail = useQuery(placementQuery(placement.id, customerId));
  const invoices = (detail.data?.invoices ?? []).filter((invoice) => invoice.customerId === customerId);
  const payments = (detail.data?.payments ?? []).filter((payment) => payment.customerId === customerId);
  const currency = invoices[0]?.currency;
  return (
    <li className="arrangement" data-testid="placement">
      <p>
        <strong>Placement {placement.id}</strong> with {placement.agency} ({placement.commissionPercent}% commission) · placed by {placement.placedByName ?? placement.placedBy} on {formatDate(placement.placedOn, locale)} ·{' '}
        <span data-testid="placement-status">{statusLabels[placement.status]}</span>
        {placement.recalledOn && ` on ${formatDate(placement.recalledOn, locale)} by ${placement.recalledByName ?? placement.recalledBy ?? ''}${placement.recallReason ? `: ${placement.recallReason}` : ''}`}
      </p>
      <p>
        <a href={`/api/v1/placements/${placement.id}/archive`} download>
          Download the agency’s file (ZIP)
        </a>{' '}
        <span className="muted small">
          SHA-256 <code title={placement.archiveSha256}>{placement.archiveSha256.slice(0, 12)}…</code>
        </span>
      </p>
      <ErrorText error={detail.error} />
      {invoices.length > 0 && (
        <p className="muted small">
          Placed: {invoices.map((invoice, index) => (
            <span key={invoice.id}>
              {index > 0 && ', '}
              {invoice.number} (<Money amount={invoice.balancePlaced} currency={invoice.currency} />, now <Money amount={invoice.balance} currency={invoice.currency} />)
            </span>
          ))}
        </p>
      )}
      {payments.length > 0 && (
        <ul className="plain">
          {payments.map((payment) => (
            <li key={payment.id} data-testid="agency-payment">
              The agency collected <Money amount={payment.amount} currency={payment.currency} /> on {formatDate(payment.receivedOn, locale)}, commission <Money amount={payment.commission} currency={payment.currency} />
            </li>
          ))}
        </ul>
      )}
      {/* the agency may report a payment it collected while it held the account, after a recall too */}
      {canChange && detail.data && currency && (
        <>
          {!paying && (
            <button type="button" onClick={() => setPaying(true)}>
              Record a payment the agency reports
            </button>
          )}
          {paying && <AgencyPaymentForm placement={detail.data} customerId={customerId} currency={currency} today={today} done={() => setPaying(false)} />}
        </>
      )}
      {placement.status === 'placed' && isOwner && (
        <Decision
          customerId={customerId}
          choices={[{ label: 'Recall placement', needsReason: false, send: (reason) => unwrap(api.POST('/api/v1/placements/{id}/recall', { params: { path: { id: placement.id } }, body: reason ? { reason } : {} })) }]}
          reasonLabel="Reason (to recall, optional)"
        />
      )}
    </li>
  );
}

export function Placements({ customerId, today }: { customerId: string; today: string }) {
  const placements = useQuery(customerQueries.placements(customerId));
  return (
    <section aria-labelledby="placements-heading">
      <h2 id="placements-heading">Agency placements</h2>
      <ErrorText error={placements.error} />
      {placements.data?.data.length === 0 && <p className="muted">Not placed with an agency.</p>}
      <ul className="plain arrangements">
        {(placements.data?.data ?? []).map((placement) => (
          <PlacementItem key={placement.id} placement={placement} customerId={customerId} today={today} />
        ))}
      </ul>
    </section>
  );
}
