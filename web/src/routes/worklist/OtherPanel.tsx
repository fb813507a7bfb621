// Working a send that needs a person (failed for good, blocked by a contact rule, a letter held)
// or a promise (due today, or broken): why it is here, and what can be done from here.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { Money } from '../../components/Money.tsx';
import { formatDate } from '../../lib/format.ts';
import { useCanChange, useFormats } from '../../session.ts';
import type { WorklistItem } from './data.ts';

export function OtherPanel({ item, onDone }: { item: WorklistItem; onDone: () => void }) {
  const { locale } = useFormats();
  const canChange = useCanChange();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: ({ to, reason }: { to: 'retry' | 'cancel'; reason?: string }) =>
      to === 'retry'
        ? unwrap(api.POST('/api/v1/actions/{id}/retry', { params: { path: { id: item.actionId! } } }))
        : unwrap(api.POST('/api/v1/actions/{id}/cancel', { params: { path: { id: item.actionId! } }, body: { reason: reason ?? '' } })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['worklist'] });
      onDone();
    },
  });
  const isSend = item.kind === 'send_failed' || item.kind === 'send_blocked' || item.kind === 'letter_held';
  return (
    <article className="work-panel" aria-labelledby="item-heading">
      <h2 id="item-heading">
        {item.title} — <Link to="/customers/$id" params={{ id: item.customer.id }}>{item.customer.name}</Link>
      </h2>
      {item.why && <p className="contact-check answer-blocked">{item.why}</p>}
      {item.promise && (
        <p>
          Promised <Money amount={item.promise.amount} currency={item.promise.currency} /> by {formatDate(item.promise.dueOn, locale)}.
        </p>
      )}
      <p>
        At stake:{' '}
        {item.atStake.map((entry) => (
          <Money key={entry.currency} amount={entry.amount} currency={entry.currency} />
        ))}
        {item.atStake.length === 0 && 'nothing open now'} · {item.daysLate} days late
        {item.invoiceNumbers.length > 0 && ` · ${item.invoiceNumbers.join(', ')}`}
      </p>
      {isSend && canChange && item.actionId && (
        <div className="buttons">
          <button type="button" className="primary" onClick={() => change.mutate({ to: 'retry' })} disabled={change.isPending}>
            Send again now
          </button>
          <button
            type="button"
            onClick={() => {
              // The reason goes on the customer's timeline with the withdrawn send.
              const reason = window.prompt('Why is this send withdrawn?');
              if (reason?.trim()) change.mutate({ to: 'cancel', reason: reason.trim() });
            }}
            disabled={change.isPending}
          >
            Withdraw it
          </button>
        </div>
      )}
      {!isSend && (
        <p>
          <Link to="/customers/$id" params={{ id: item.customer.id }}>
            Open the customer to record a payment, a new promise or a call
          </Link>
        </p>
      )}
      <ErrorText error={change.error} />
    </article>
  );
}
