// /worklist — the collector's queue, in the server's order (its rule is stated on the page), and
// beside it the item being worked. The filter and the open item are in the URL; recording an
// outcome (or deciding an approval) opens the next item. Keys: j / k move through the queue, 1–9 pick a call outcome.
import { useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { Money } from '../components/Money.tsx';
import { CallPanel } from './worklist/CallPanel.tsx';
import { worklistQuery, type KindGroup, type WorklistItem } from './worklist/data.ts';
import { ApprovalPanel } from './worklist/ApprovalPanel.tsx';
import { OtherPanel } from './worklist/OtherPanel.tsx';
import { ReviewPanel } from './worklist/ReviewPanel.tsx';

const route = getRouteApi('/app/worklist');

const filters: Array<{ value: KindGroup | undefined; label: string }> = [
  { value: undefined, label: 'Everything' },
  { value: 'call', label: 'Calls' },
  { value: 'review', label: 'Reviews' },
  { value: 'send', label: 'Sends' },
  { value: 'promise', label: 'Promises' },
  { value: 'approval', label: 'Approvals' },
];

const kindLabels: Record<WorklistItem['kind'], string> = {
  call: 'Call',
  review: 'Review',
  send_failed: 'Send failed',
  send_blocked: 'Send blocked',
  letter_held: 'Letter held',
  promise_due: 'Promise due',
  promise_broken: 'Promise broken',
  settlement_approval: 'Settlement to approve',
  plan_approval: 'Plan to approve',
};

export function WorklistScreen() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/worklist' });
  const { data } = useSuspenseQuery(worklistQuery(search.kind, search.cursor));
  const items = data.data;
  const current = items.find((item) => item.key === search.item) ?? null;
  const open = (key: string | undefined) => navigate({ search: (previous) => ({ ...previous, item: key }) });
  const next = () => {
    const index = current ? items.indexOf(current) : -1;
    const following = items.slice(index + 1)[0] ?? items.find((item) => item.key !== current?.key);
    void open(following?.key);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || event.altKey || event.ctrlKey || event.metaKey) return;
      const index = current ? items.indexOf(current) : -1;
      if (event.key === 'j') void open(items[Math.min(index + 1, items.length - 1)]?.key);
      if (event.key === 'k') void open(items[Math.max(index - 1, 0)]?.key);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="worklist">
      <h1>Worklist</h1>
      <p className="muted rule" data-testid="worklist-rule">
        {data.rule}
      </p>
      <nav aria-label="Filter the worklist" className="filters">
        {filters.map((filter) => (
          <Link key={filter.label} to="/worklist" search={{ kind: filter.value }} activeProps={{}} aria-current={search.kind === filter.value ? 'page' : undefined} className={search.kind === filter.value ? 'chip active' : 'chip'}>
            {filter.label}
          </Link>
        ))}
      </nav>
      <div className={`work-layout ${current ? 'working' : ''}`}>
        <section aria-label="Queue" className="queue">
          {items.length === 0 && <p className="muted">Nothing waiting here.</p>}
          <ol>
            {items.map((item) => (
              <li key={item.key} className={item.key === current?.key ? 'current' : undefined}>
                <Link to="/worklist" search={{ ...search, item: item.key }} aria-current={item.key === current?.key ? 'true' : undefined} data-testid="work-item" data-action-id={item.actionId ?? undefined}>
                  <span className="item-kind">{kindLabels[item.kind]}</span> <span className="item-name">{item.customer.name}</span>
                  <span className="item-meta">
                    {item.title} ·{' '}
                    {item.atStake.length ? (
                      <span className="amounts">
                        {item.atStake.map((entry) => (
                          <Money key={entry.currency} amount={entry.amount} currency={entry.currency} />
                        ))}
                      </span>
                    ) : (
                      'nothing open'
                    )}{' '}
                    · {item.daysLate} days late
                  </span>
                </Link>
              </li>
            ))}
          </ol>
          <nav aria-label="Pages of the queue" className="pager">
            {data.previousCursor !== null && (
              <Link to="/worklist" search={{ kind: search.kind, cursor: data.previousCursor }} data-testid="worklist-previous">
                Previous page
              </Link>
            )}
            {data.nextCursor !== null && (
              <Link to="/worklist" search={{ kind: search.kind, cursor: data.nextCursor }} data-testid="worklist-next">
                Next page
              </Link>
            )}
          </nav>
        </section>
        <section aria-label="Work item" className="work-item">
          {current && (
            <p className="back-to-queue">
              <Link to="/worklist" search={{ ...search, item: undefined }}>
                ← Back to the queue
              </Link>
            </p>
          )}
          {!current && items.length > 0 && <p className="muted">Choose an item to work it, or press j.</p>}
          {current?.kind === 'call' && current.actionId && <CallPanel key={current.key} actionId={current.actionId} onDone={next} />}
          {current?.kind === 'review' && current.actionId && <ReviewPanel key={current.key} actionId={current.actionId} onDone={next} />}
          {(current?.kind === 'settlement_approval' || current?.kind === 'plan_approval') && <ApprovalPanel key={current.key} item={current} onDone={next} />}
          {current && !['call', 'review', 'settlement_approval', 'plan_approval'].includes(current.kind) && <OtherPanel key={current.key} item={current} onDone={next} />}
        </section>
      </div>
    </div>
  );
}
