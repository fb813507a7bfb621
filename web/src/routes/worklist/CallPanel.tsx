// Working one call: the script, what the customer owes now, the last contacts, and one button per
// outcome the API knows. Outcomes that need more (a promise's date and amount, a dispute's reason,
// when to call back, in the customer's time zone) open their few fields first. Number keys 1–9
// pick an outcome, Escape closes the fields; after an outcome the next item opens.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { api, unwrap, type components } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { Money } from '../../components/Money.tsx';
import { formatDate, formatInstant, minorUnits, parseAmountInput, toApiAmount } from '../../lib/format.ts';
import { nowInZone, wallTimeInZone } from '../../lib/zoned-time.ts';
import { useCanChange, useFormats } from '../../session.ts';
import { callScriptQuery, openInvoicesQuery, recentTimelineQuery } from './data.ts';

type CallOutcome = components['schemas']['CallOutcomeRequest'];
type OutcomeCode = CallOutcome['outcome'];

const needsDetails = new Set<OutcomeCode>(['promise', 'dispute', 'call_back']);
const disputeReasons = ['not_received', 'incorrect_amount', 'quality', 'already_paid', 'not_ordered', 'other'] as const;

export function CallPanel({ actionId, onDone }: { actionId: string; onDone: () => void }) {
  const formats = useFormats();
  const canChange = useCanChange();
  const queryClient = useQueryClient();
  const script = useQuery(callScriptQuery(actionId));
  const customerId = script.data?.customer.id;
  const invoices = useQuery({ ...openInvoicesQuery(customerId ?? ''), enabled: !!customerId });
  const timeline = useQuery({ ...recentTimelineQuery(customerId ?? ''), enabled: !!customerId });
  const [choosing, setChoosing] = useState<OutcomeCode | null>(null);
  const record = useMutation({
    mutationFn: (body: CallOutcome) => unwrap(api.POST('/api/v1/actions/{id}/call-outcome', { params: { path: { id: actionId } }, body })),
    onSuccess: async () => {
      setChoosing(null);
      await queryClient.invalidateQueries({ queryKey: ['worklist'] });
      void queryClient.invalidateQueries({ queryKey: ['timeline'] });
      onDone();
    },
  });
  const outcomes = (script.data?.outcomes ?? []) as Array<{ code: OutcomeCode; label: string }>;
  const choose = (code: OutcomeCode) => {
    if (needsDetails.has(code)) setChoosing(code);
    else record.mutate({ outcome: code });
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (!canChange || choosing || record.isPending || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || event.altKey || event.ctrlKey || event.metaKey) return;
      const index = Number(event.key) - 1;
      const outcome = outcomes[index];
      if (Number.isInteger(index) && outcome) {
        event.preventDefault();
        choose(outcome.code);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (script.error) return <ErrorText error={script.error} />;
  if (!script.data) return <p className="loading">Loading the call…</p>;
  const { customer } = script.data;
  const balances = new Map<string, { balance: bigint; overdue: bigint }>();
  for (const invoice of invoices.data?.data ?? []) {
    const entry = balances.get(invoice.currency) ?? { balance: 0n, overdue: 0n };
    entry.balance += minorUnits(invoice.balance);
    balances.set(invoice.currency, entry);
  }
  return (
    <article className="work-panel" aria-labelledby="call-heading">
      <h2 id="call-heading">
        Call <Link to="/customers/$id" params={{ id: customer.id }}>{customer.name}</Link>
      </h2>
      <p className="muted">
        {script.data.contactName ?? 'No contact name'} ·{' '}
        {script.data.phones.length ? script.data.phones.map((phone) => <a key={phone} href={`tel:${phone}`}>{phone} </a>) : 'no phone number on file'} · {nowInZone(customer.timeZone).slice(11)} there now ({customer.timeZone}
        {customer.timeZoneKnown ? '' : ', the organisation’s: theirs is not known'})
      </p>
      <div className="balances">
        {[...balances].map(([currency, entry]) => (
          <p key={currency}>
            Owes <strong><Money amount={entry.balance} currency={currency} /></strong>
          </p>
        ))}
        {invoices.data && balances.size === 0 && <p>Nothing open now.</p>}
      </div>
      <h3>Script</h3>
      <pre className="script">{script.data.script}</pre>
      {script.data.voicemail && (
        <details>
          <summary>Voicemail (limited-content message)</summary>
          <pre className="script">{script.data.voicemail}</pre>
        </details>
      )}
      <h3>Outcome</h3>
      {!canChange && <p className="muted">A viewer can read the call but not record its outcome.</p>}
      {canChange && (
        <div className="outcomes" role="group" aria-label="Call outcome">
          {outcomes.map((outcome, index) => (
            <button key={outcome.code} type="button" onClick={() => choose(outcome.code)} disabled={record.isPending} aria-keyshortcuts={index < 9 ? String(index + 1) : undefined} data-outcome={outcome.code}>
              {index < 9 && <kbd>{index + 1}</kbd>} {outcome.label}
            </button>
          ))}
        </div>
      )}
      {choosing && (
        <OutcomeDetails
          outcome={choosing}
          currencies={[...balances.keys()]}
          customerZone={customer.timeZone}
          onCancel={() => setChoosing(null)}
          onSubmit={(body) => record.mutate(body)}
          pending={record.isPending}
        />
      )}
      <ErrorText error={record.error} />
      <h3>Last contacts</h3>
      <ul className="timeline compact">
        {(timeline.data ?? []).slice(0, 5).map((entry) => (
          <li key={entry.id}>
            <span className="when">{formatInstant(entry.occurredAt, formats)}</span> {entry.summary}
          </li>
        ))}
        {timeline.data?.length === 0 && <li className="muted">No contact yet.</li>}
      </ul>
      <p className="muted small">Open invoices: {(invoices.data?.data ?? []).map((invoice) => `${invoice.number} (due ${formatDate(invoice.dueDate, formats.locale)})`).join(', ') || '—'}</p>
    </article>
  );
}

function OutcomeDetails({
  outcome,
  currencies,
  customerZone,
  onCancel,
  onSubmit,
  pending,
}: {
  outcome: OutcomeCode;
  currencies: string[];
  customerZone: string;
  onCancel: () => void;
  onSubmit: (body: CallOutcome) => void;
  pending: boolean;
}) {
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(currencies[0] ?? '');
  const [dueOn, setDueOn] = useState('');
  const [reasonCode, setReasonCode] = useState<(typeof disputeReasons)[number]>('incorrect_amount');
  const [reason, setReason] = useState('');
  const [callBackAt, setCallBackAt] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const formats = useFormats();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const withNote = note.trim() ? { note: note.trim() } : {};
    if (outcome === 'promise') {
      const parsed = parseAmountInput(amount, currency);
      if (!parsed.ok) return setProblem(`Amount ${parsed.message}`);
      if (!dueOn) return setProblem('Choose the date the customer promised to pay by.');
      onSubmit({ outcome, promise: { amount: toApiAmount(parsed.value), currency, dueOn }, ...withNote });
    } else if (outcome === 'dispute') {
      if (!reason.trim()) return setProblem('Say what the customer disputes.');
      onSubmit({ outcome, dispute: { reasonCode, reason: reason.trim() }, ...withNote });
    } else if (outcome === 'call_back') {
      if (!callBackAt) return setProblem('Choose when to call back.');
      onSubmit({ outcome, callBackAt: wallTimeInZone(callBackAt, customerZone), ...withNote });
    }
  };
  return (
    <form
      className="outcome-details panel"
      onSubmit={submit}
      aria-label="Outcome details"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      {outcome === 'promise' && (
        <>
          <div className="field-row">
            <div className="field">
              <label htmlFor="promise-amount">Amount promised</label>
              <input id="promise-amount" inputMode="decimal" value={amount} onChange={(event) => setAmount(event.target.value)} autoFocus />
            </div>
            {currencies.length > 1 && (
              <div className="field">
                <label htmlFor="promise-currency">Currency</label>
                <select id="promise-currency" value={currency} onChange={(event) => setCurrency(event.target.value)}>
                  {currencies.map((code) => (
                    <option key={code}>{code}</option>
                  ))}
                </select>
              </div>
            )}
            <div className="field">
              <label htmlFor="promise-date">To pay by</label>
              <input id="promise-date" type="date" value={dueOn} onChange={(event) => setDueOn(event.target.value)} />
            </div>
          </div>
        </>
      )}
      {outcome === 'dispute' && (
        <>
          <div className="field">
            <label htmlFor="dispute-code">Reason</label>
            <select id="dispute-code" value={reasonCode} onChange={(event) => setReasonCode(event.target.value as (typeof disputeReasons)[number])}>
              {disputeReasons.map((code) => (
                <option key={code} value={code}>
                  {code.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="dispute-reason">What the customer says</label>
            <textarea id="dispute-reason" value={reason} onChange={(event) => setReason(event.target.value)} autoFocus />
          </div>
        </>
      )}
      {outcome === 'call_back' && (
        <div className="field">
          <label htmlFor="call-back-at">Call back at, the customer’s time ({customerZone})</label>
          <input id="call-back-at" type="datetime-local" value={callBackAt} min={nowInZone(customerZone)} onChange={(event) => setCallBackAt(event.target.value)} aria-describedby="call-back-hint" autoFocus />
          <p id="call-back-hint" className="muted small">
            It is {nowInZone(customerZone).replace('T', ' ')} there now.
            {callBackAt && ` That is ${formatInstant(wallTimeInZone(callBackAt, customerZone), formats)} for you (${formats.timeZone}).`}
          </p>
        </div>
      )}
      <div className="field">
        <label htmlFor="outcome-note">Note (optional)</label>
        <input id="outcome-note" value={note} onChange={(event) => setNote(event.target.value)} />
      </div>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
      <div className="buttons">
        <button type="submit" className="primary" disabled={pending}>
          Record
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
