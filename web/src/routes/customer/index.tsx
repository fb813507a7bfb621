// /customers/:id — balances per currency, invoices, contacts, the timeline and the actions a
// person takes here. A viewer sees everything and is offered no change (the server refuses too).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { Money } from '../../components/Money.tsx';
import { formatDate, minorUnits, todayIn } from '../../lib/format.ts';
import { useCanChange, useFormats, useSession } from '../../session.ts';
import { PlanForm, SettlementForm, WriteOffForm } from './arrangement-forms.tsx';
import { Arrangements } from './Arrangements.tsx';
import { ClaimPackAction } from './ClaimPack.tsx';
import { customerQueries, timelineQuery } from './data.ts';
import { DisputeForm, ExcludeForm, HoldForm, PaymentForm, PlaybookForm, PromiseForm, ResolveDisputeForm, SendForm } from './forms.tsx';
import { Contacts } from './Contacts.tsx';
import { PlacementForm } from './placement-forms.tsx';
import { Placements } from './Placements.tsx';
import { Timeline } from './Timeline.tsx';

const route = getRouteApi('/app/customers/$id');

type Open = 'payment' | 'promise' | 'dispute' | 'hold' | 'send' | 'exclude' | 'playbook' | 'plan' | 'settlement' | 'write-off' | 'placement' | 'claim-pack' | `resolve:${string}` | null;

export function CustomerScreen() {
  const { id } = route.useParams();
  const formats = useFormats();
  const canChange = useCanChange();
  const isOwner = useSession().role === 'owner';
  const [open, setOpen] = useState<Open>(null);
  const { data: customer } = useSuspenseQuery(customerQueries.customer(id));
  const invoices = useQuery(customerQueries.invoices(id));
  const disputes = useQuery(customerQueries.disputes(id));
  const holds = useQuery(customerQueries.holds(id));
  const promises = useQuery(customerQueries.promises(id));
  const playbook = useQuery(customerQueries.playbook(id));
  const timeline = useInfiniteQuery(timelineQuery(id));
  const queryClient = useQueryClient();
  const release = useMutation({
    mutationFn: (holdId: string) => unwrap(api.POST('/api/v1/holds/{id}/release', { params: { path: { id: holdId } }, body: {} })),
    onSuccess: () => queryClient.invalidateQueries({ predicate: (query) => query.queryKey.includes(id) }),
  });
  const today = todayIn(formats.timeZone);
  const openInvoices = (invoices.data?.data ?? []).filter((invoice) => invoice.status === 'open');
  const balances = new Map<string, { balance: bigint; overdue: bigint }>();
  for (const invoice of openInvoices) {
    const entry = balances.get(invoice.currency) ?? { balance: 0n, overdue: 0n };
    entry.balance += minorUnits(invoice.balance);
    if (invoice.dueDate < today) entry.overdue += minorUnits(invoice.balance);
    balances.set(invoice.currency, entry);
  }
  const openDisputes = (disputes.data?.data ?? []).filter((dispute) => dispute.status === 'open');
  const pendingPromises = (promises.data?.data ?? []).filter((promise) => promise.status === 'pending');
  const toggle = (which: Open) => setOpen(open === which ? null : which);
  const close = () => setOpen(null);
  return (
    <div className="customer">
      <header className="page-head">
        <h1>{customer.name}</h1>
        <p className="muted">
          {customer.externalId} · {customer.kind} · {customer.currency}
          {customer.tags.length > 0 && ` · ${customer.tags.join(', ')}`}
          {customer.risk !== 'normal' && ` · ${customer.risk} risk`}
        </p>
        {customer.excludedReason && <p className="badge warning">Excluded from collection: {customer.excludedReason}</p>}
        {(holds.data?.data ?? []).map((hold) => (
          <p key={hold.id} className="badge warning">
            On hold{hold.invoiceNumber ? ` (invoice ${hold.invoiceNumber})` : ''}: {hold.reason}
            {hold.endsOn && ` until ${formatDate(hold.endsOn, formats.locale)}`}{' '}
            {canChange && (
              <button type="button" className="link-button" onClick={() => release.mutate(hold.id)} disabled={release.isPending}>
                Release
              </button>
            )}
          </p>
        ))}
        <ErrorText error={release.error} />
      </header>

      <section aria-labelledby="balances-heading" className="cards">
        <h2 id="balances-heading" className="visually-hidden">
          Balances
        </h2>
        {[...balances].map(([currency, entry]) => (
          <div className="card" key={currency}>
            <h3>{currency}</h3>
            <p>
              <span className="figure">
                <Money amount={entry.balance} currency={currency} />
              </span>{' '}
              <span className="figure-label">owed</span>
            </p>
            <p>
              <span className="figure overdue">
                <Money amount={entry.overdue} currency={currency} />
              </span>{' '}
              <span className="figure-label">overdue</span>
            </p>
          </div>
        ))}
        {invoices.data && balances.size === 0 && <p className="muted">Nothing owed.</p>}
      </section>

      {canChange && (
        <section aria-labelledby="actions-heading" className="customer-actions">
          <h2 id="actions-heading">Actions</h2>
          <div className="action-buttons">
            <button type="button" onClick={() => toggle('payment')} aria-expanded={open === 'payment'}>Record payment</button>
            <button type="button" onClick={() => toggle('promise')} aria-expanded={open === 'promise'}>Record promise</button>
            <button type="button" onClick={() => toggle('dispute')} aria-expanded={open === 'dispute'} disabled={openInvoices.length === 0}>Open dispute</button>
            <button type="button" onClick={() => toggle('hold')} aria-expanded={open === 'hold'}>Put on hold</button>
            <button type="button" onClick={() => toggle('send')} aria-expanded={open === 'send'}>Send by hand</button>
            <button type="button" onClick={() => toggle('exclude')} aria-expanded={open === 'exclude'}>{customer.excludedReason ? 'Include' : 'Exclude'}</button>
            <button type="button" onClick={() => toggle('playbook')} aria-expanded={open === 'playbook'}>Choose playbook</button>
            <button type="button" onClick={() => toggle('plan')} aria-expanded={open === 'plan'} disabled={openInvoices.length === 0}>Propose plan</button>
            <button type="button" onClick={() => toggle('settlement')} aria-expanded={open === 'settlement'} disabled={openInvoices.length === 0}>Offer settlement</button>
            {isOwner && <button type="button" onClick={() => toggle('write-off')} aria-expanded={open === 'write-off'} disabled={openInvoices.length === 0}>Write off</button>}
            {isOwner && <button type="button" onClick={() => toggle('placement')} aria-expanded={open === 'placement'} disabled={openInvoices.length === 0}>Place with an agency</button>}
            {isOwner && <button type="button" onClick={() => toggle('claim-pack')} aria-expanded={open === 'claim-pack'} disabled={openInvoices.length === 0}>Small-claims pack</button>}
          </div>
          {open === 'payment' && <PaymentForm customer={customer} today={today} done={close} />}
          {open === 'promise' && <PromiseForm customer={customer} currencies={[...balances.keys()]} done={close} />}
          {open === 'dispute' && <DisputeForm customerId={id} invoices={openInvoices} done={close} />}
          {open === 'hold' && <HoldForm customerId={id} done={close} />}
          {open === 'send' && <SendForm customerId={id} done={close} />}
          {open === 'exclude' && <ExcludeForm customer={customer} done={close} />}
          {open === 'playbook' && <PlaybookForm customer={customer} done={close} />}
          {open === 'plan' && <PlanForm customerId={id} invoices={openInvoices} today={today} done={close} />}
          {open === 'settlement' && <SettlementForm customerId={id} invoices={openInvoices} done={close} />}
          {open === 'write-off' && isOwner && <WriteOffForm customerId={id} invoices={openInvoices} done={close} />}
          {open === 'placement' && isOwner && <PlacementForm customerId={id} done={close} />}
          {open === 'claim-pack' && isOwner && <ClaimPackAction customerId={id} where={customer} />}
        </section>
      )}

      <div className="two-columns">
        <div>
          <section aria-labelledby="playbook-heading">
            <h2 id="playbook-heading">Playbook</h2>
            <ErrorText error={playbook.error} />
            {playbook.data && (
              <details>
                <summary>
                  Follows <strong>{playbook.data.playbook}</strong>
                  {playbook.data.version !== null && ` (version ${playbook.data.version})`} — why?
                </summary>
                <p>{playbook.data.reason}</p>
              </details>
            )}
          </section>

          <section aria-labelledby="invoices-heading">
            <h2 id="invoices-heading">Invoices</h2>
            <ErrorText error={invoices.error} />
            <div className="table-scroll">
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">Number</th>
                    <th scope="col">Due</th>
                    <th scope="col">Status</th>
                    <th scope="col" className="num wide-only">Total</th>
                    <th scope="col" className="num">Balance</th>
                  </tr>
                </thead>
                <tbody>
                  {(invoices.data?.data ?? []).map((invoice) => (
                    <tr key={invoice.id} className={invoice.status === 'open' && invoice.dueDate < today ? 'overdue-row' : undefined}>
                      <td className="nowrap">{invoice.number}</td>
                      <td className="nowrap">{formatDate(invoice.dueDate, formats.locale)}</td>
                      <td>{invoice.status.replace('_', ' ')}</td>
                      <td className="num wide-only"><Money amount={invoice.total} currency={invoice.currency} /></td>
                      <td className="num"><Money amount={invoice.balance} currency={invoice.currency} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="disputes-heading">
            <h2 id="disputes-heading">Disputes and promises</h2>
            {openDisputes.length === 0 && pendingPromises.length === 0 && <p className="muted">No open dispute, no pending promise.</p>}
            <ul className="plain">
              {openDisputes.map((dispute) => (
                <li key={dispute.id} data-testid="open-dispute">
                  Dispute on {dispute.invoiceNumber} ({dispute.reasonCode.replaceAll('_', ' ')}): {dispute.reason} — opened {formatDate(dispute.openedOn, formats.locale)}{' '}
                  {canChange && (
                    <button type="button" className="link-button" onClick={() => toggle(`resolve:${dispute.id}`)}>
                      Resolve
                    </button>
                  )}
                  {open === `resolve:${dispute.id}` && <ResolveDisputeForm customerId={id} disputeId={dispute.id} done={close} />}
                </li>
              ))}
              {pendingPromises.map((promise) => (
                <li key={promise.id} data-testid="pending-promise">
                  Promised <Money amount={promise.amount} currency={promise.currency} /> by {formatDate(promise.dueOn, formats.locale)}
                </li>
              ))}
            </ul>
          </section>

          <Arrangements customerId={id} />

          <Placements customerId={id} today={today} />

          <Contacts customerId={id} />
        </div>
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">Timeline</h2>
          <ErrorText error={timeline.error} />
          {timeline.data && <Timeline entries={timeline.data.pages.flatMap((page) => page.data)} />}
          {timeline.hasNextPage && (
            <button type="button" onClick={() => void timeline.fetchNextPage()} disabled={timeline.isFetchingNextPage}>
              Show older entries
            </button>
          )}
        </section>
      </div>
    </div>
  );
}
