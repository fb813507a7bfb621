// /worklist — the collector's queue and, beside it, the item being worked. The queue's filter and
// the open item are in the URL; recording an outcome opens the next item. Keys: j / k move through
// the queue, 1–9 pick a call outcome.
import { useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { AmountsByCurrency } from '../components/Money.tsx';
import { formatInstant } from '../lib/format.ts';
import { useFormats } from '../session.ts';
import { CallPanel } from './worklist/CallPanel.tsx';
import { worklistQuery, type Action } from './worklist/data.ts';
import { ReviewPanel } from './worklist/ReviewPanel.tsx';

const route = getRouteApi('/app/worklist');

const kinds = [
  { value: undefined, label: 'Everything' },
  { value: 'call', label: 'Calls' },
  { value: 'review', label: 'Reviews' },
] as const;

function matches(action: Action, kind: string | undefined): boolean {
  if (!kind) return true;
  return action.channel === kind;
}

export function WorklistScreen() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/worklist' });
  const formats = useFormats();
  const { data } = useSuspenseQuery(worklistQuery);
  const items = data.data.filter((action) => matches(action, search.kind));
  const current = items.find((action) => action.id === search.item) ?? null;
  const open = (id: string | undefined) => navigate({ search: (previous) => ({ ...previous, item: id }), replace: false });
  const next = () => {
    const index = current ? items.indexOf(current) : -1;
    const following = items.slice(index + 1).find((action) => action.id !== current?.id) ?? items.find((action) => action.id !== current?.id);
    void open(following?.id);
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || event.altKey || event.ctrlKey || event.metaKey) return;
      const index = current ? items.indexOf(current) : -1;
      if (event.key === 'j') void open(items[Math.min(index + 1, items.length - 1)]?.id);
      if (event.key === 'k') void open(items[Math.max(index - 1, 0)]?.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="worklist">
      <h1>Worklist</h1>
      <p className="muted rule">Oldest due first: tasks appear in the order they fell due.</p>
      <nav aria-label="Filter the worklist" className="filters">
        {kinds.map((kind) => (
          <Link key={kind.label} to="/worklist" search={{ kind: kind.value }} activeProps={{}} aria-current={search.kind === kind.value ? 'page' : undefined} className={search.kind === kind.value ? 'chip active' : 'chip'}>
            {kind.label}
          </Link>
        ))}
      </nav>
      <div className={`work-layout ${current ? 'working' : ''}`}>
        <section aria-label="Queue" className="queue">
          {items.length === 0 && <p className="muted">Nothing waiting. Well done.</p>}
          <ol>
            {items.map((action) => (
              <li key={action.id} className={action.id === current?.id ? 'current' : undefined}>
                <Link to="/worklist" search={{ ...search, item: action.id }} aria-current={action.id === current?.id ? 'true' : undefined} data-testid="work-item" data-action-id={action.id}>
                  <span className="item-kind">{action.channel === 'call' ? 'Call' : 'Review'}</span> <span className="item-name">{action.customerExternalId}</span>
                  <span className="item-meta">
                    {action.stepName} · <AmountsByCurrency amounts={action.amounts} /> · due {formatInstant(action.dueAt, formats)}
                  </span>
                </Link>
              </li>
            ))}
          </ol>
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
          {current?.channel === 'call' && <CallPanel key={current.id} actionId={current.id} onDone={next} />}
          {current?.channel === 'review' && <ReviewPanel key={current.id} actionId={current.id} onDone={next} />}
        </section>
      </div>
    </div>
  );
}
