// A rendered message as it would be sent: subject, the email's HTML in a sandboxed frame (no
// scripts, no same-origin access), or the text of a letter, SMS or call script with its voicemail.
import type { components } from '../api/client.ts';

type Preview = components['schemas']['TemplatePreview'];

const basisText: Record<NonNullable<Preview['basis']>, string> = {
  outbox: 'The send waiting in the outbox for this customer, as the dispatcher will send it.',
  cycle: "What today's cycle would plan for this customer, as it would be sent.",
  chaseable: "Today's cycle plans no such message for this customer: shown with their overdue invoices that may be chased.",
};

export function MessagePreview({ preview, title }: { preview: Preview; title: string }) {
  const { template } = preview;
  return (
    <div className="message-preview">
      <p className="muted small">
        {template.name}, {template.channel}, {template.language}: {template.origin === 'draft' ? 'your unsaved text' : template.origin === 'organisation' ? `your version ${template.version}` : 'the shipped text'}.{' '}
        {preview.basis ? basisText[preview.basis] : 'With sample data.'}
      </p>
      {preview.subject && (
        <p>
          <strong>Subject:</strong> {preview.subject}
        </p>
      )}
      {preview.html ? <iframe className="email-frame" title={title} sandbox="" srcDoc={preview.html} /> : <pre className="script">{preview.text}</pre>}
      {preview.voicemail && (
        <>
          <h4>Voicemail</h4>
          <pre className="script">{preview.voicemail}</pre>
        </>
      )}
    </div>
  );
}
