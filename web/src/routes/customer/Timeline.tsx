// The customer's timeline, newest first: one row renderer per kind of entry (a registry), who and
// when on every row. An email's copy opens as it was sent, its HTML in a sandboxed frame (no
// scripts, no same-origin access; the server also serves it as a sandboxed document); a letter
// opens as its PDF, byte for byte.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap, type components } from '../../api/client.ts';
import { ErrorText } from '../../components/ErrorText.tsx';
import { formatInstant } from '../../lib/format.ts';
import { useFormats } from '../../session.ts';

type Entry = components['schemas']['TimelineEntry'];

/**
 * How each kind of entry is labelled and coloured. A kind not listed (one added on the server
 * later) is labelled from its own name ("plan_broken" → "Plan broken"), never a bare "Event".
 */
const kinds: Record<string, { label: string; tone: string }> = {
  send: { label: 'Sent', tone: 'message' },
  email_sent: { label: 'Email sent', tone: 'message' },
  email_written: { label: 'Email (not delivered)', tone: 'warning' },
  sms_sent: { label: 'SMS sent', tone: 'message' },
  letter_printed: { label: 'Letter printed', tone: 'message' },
  letter_held: { label: 'Letter held', tone: 'warning' },
  send_failed: { label: 'Send failed', tone: 'warning' },
  send_blocked: { label: 'Send blocked', tone: 'warning' },
  send_stopped: { label: 'Send stopped', tone: 'warning' },
  email_bounced: { label: 'Email bounced', tone: 'warning' },
  email_delayed: { label: 'Email delayed', tone: 'warning' },
  sms_unusable: { label: 'Number unusable', tone: 'warning' },
  reply: { label: 'Reply', tone: 'message' },
  send_requested: { label: 'Send requested', tone: 'message' },
  send_cancelled: { label: 'Send cancelled', tone: 'neutral' },
  send_retried: { label: 'Send retried', tone: 'neutral' },
  letter_posted: { label: 'Letter posted', tone: 'message' },
  task: { label: 'Task', tone: 'call' },
  call_outcome: { label: 'Call', tone: 'call' },
  call_attempt: { label: 'Call attempt', tone: 'call' },
  payment: { label: 'Payment', tone: 'money' },
  credit_note: { label: 'Credit note', tone: 'money' },
  charge: { label: 'Charge', tone: 'money' },
  promise_made: { label: 'Promise', tone: 'promise' },
  promise_cancelled: { label: 'Promise cancelled', tone: 'promise' },
  promise_kept: { label: 'Promise kept', tone: 'promise' },
  promise_broken: { label: 'Promise broken', tone: 'warning' },
  dispute_opened: { label: 'Dispute opened', tone: 'warning' },
  dispute_resolved: { label: 'Dispute resolved', tone: 'neutral' },
  hold_placed: { label: 'On hold', tone: 'warning' },
  hold_released: { label: 'Hold released', tone: 'neutral' },
  collection_excluded: { label: 'Excluded', tone: 'warning' },
  collection_included: { label: 'Included', tone: 'neutral' },
  playbook_override: { label: 'Playbook chosen', tone: 'neutral' },
  review_decision: { label: 'Review decided', tone: 'neutral' },
  contact_flags: { label: 'Contact limits', tone: 'warning' },
  invoice_status: { label: 'Invoice status', tone: 'neutral' },
  plan_proposed: { label: 'Plan proposed', tone: 'promise' },
  plan_accepted: { label: 'Plan accepted', tone: 'promise' },
  plan_cancelled: { label: 'Plan cancelled', tone: 'neutral' },
  plan_instalment_paid: { label: 'Instalment paid', tone: 'money' },
  plan_broken: { label: 'Plan broken', tone: 'warning' },
  plan_resumed: { label: 'Plan resumed', tone: 'promise' },
  plan_defaulted: { label: 'Plan defaulted', tone: 'warning' },
  plan_completed: { label: 'Plan completed', tone: 'money' },
  settlement_offered: { label: 'Settlement offered', tone: 'promise' },
  settlement_approved: { label: 'Settlement approved', tone: 'promise' },
  settlement_declined: { label: 'Settlement declined', tone: 'neutral' },
  settlement_paid: { label: 'Settlement paid', tone: 'money' },
  settlement_lapsed: { label: 'Settlement lapsed', tone: 'warning' },
  write_off: { label: 'Written off', tone: 'warning' },
  write_off_reversed: { label: 'Write-off reversed', tone: 'neutral' },
  placement: { label: 'Placed with an agency', tone: 'warning' },
  placement_recalled: { label: 'Recalled from the agency', tone: 'neutral' },
};

function kindOf(kind: string): { label: string; tone: string } {
  const known = kinds[kind];
  if (known) return known;
  const words = kind.replaceAll('_', ' ');
  return { label: words.charAt(0).toUpperCase() + words.slice(1), tone: 'neutral' };
}

export function Timeline({ entries }: { entries: Entry[] }) {
  const formats = useFormats();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <ol className="timeline">
        {entries.map((entry) => {
          const kind = kindOf(entry.kind);
          const communication = entry.communication;
          return (
            <li key={entry.id} className={`tone-${kind.tone}`}>
              <div className="timeline-head">
                <span className="timeline-kind">{kind.label}</span>
                <time dateTime={entry.occurredAt}>{formatInstant(entry.occurredAt, formats)}</time>
                <span className="muted small">by {entry.actorName ?? entry.actor}</span>
              </div>
              <p>{entry.summary}</p>
              {communication && (
                <p className="buttons">
                  {communication.channel !== 'letter' && (
                    <button type="button" onClick={() => setOpen(open === communication.id ? null : communication.id)} aria-expanded={open === communication.id}>
                      {open === communication.id ? 'Close the copy' : `Open the ${communication.channel} as sent`}
                    </button>
                  )}
                  {entry.links?.pdf && (
                    <a href={entry.links.pdf} target="_blank" rel="noopener">
                      Open the letter (PDF)
                    </a>
                  )}
                  {communication.files
                    .filter((file) => file.contentType !== 'application/pdf' || !entry.links?.pdf)
                    .map((file) => (
                      <a key={file.id} href={`/api/v1/communications/${communication.id}/files/${file.id}`} target="_blank" rel="noopener">
                        Open {file.name}
                      </a>
                    ))}
                </p>
              )}
              {communication && open === communication.id && <CommunicationCopy id={communication.id} htmlUrl={entry.links?.html ?? null} />}
            </li>
          );
        })}
        {entries.length === 0 && <li className="muted">Nothing yet.</li>}
      </ol>
    </>
  );
}

function CommunicationCopy({ id, htmlUrl }: { id: string; htmlUrl: string | null }) {
  const copy = useQuery({ queryKey: ['communication', id], queryFn: () => unwrap(api.GET('/api/v1/communications/{id}', { params: { path: { id } } })) });
  if (copy.error) return <ErrorText error={copy.error} />;
  if (!copy.data) return <p className="loading">Loading the copy…</p>;
  const { subject, sender, recipients, html, text } = copy.data;
  return (
    <div className="copy">
      <dl className="pairs">
        {sender && (
          <>
            <dt>From</dt>
            <dd>{sender}</dd>
          </>
        )}
        <dt>To</dt>
        <dd>{recipients.join(', ')}</dd>
        {subject && (
          <>
            <dt>Subject</dt>
            <dd>{subject}</dd>
          </>
        )}
      </dl>
      {html && htmlUrl ? (
        <iframe title={`Copy of ${subject ?? 'the message'}`} sandbox="" src={htmlUrl} className="email-frame" />
      ) : html ? (
        <iframe title={`Copy of ${subject ?? 'the message'}`} sandbox="" srcDoc={html} className="email-frame" />
      ) : (
        <pre className="script">{text}</pre>
      )}
    </div>
  );
}
