// /templates — every message template by channel and language, the version in use, and (for the
// chosen one) its text: previewed with sample data or a real customer, checked line by line by the
// same checks as saving (rendering and the compliance lint), saved as a new version by an owner,
// and its earlier versions. The choice is in the URL (?name=&channel=&language=).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { api, ApiError, unwrap, type components } from '../../api/client.ts';
import { CustomerPicker } from '../../components/CustomerPicker.tsx';
import { ErrorText } from '../../components/ErrorText.tsx';
import { MessagePreview } from '../../components/MessagePreview.tsx';
import { formatInstant } from '../../lib/format.ts';
import { useFormats, useSession } from '../../session.ts';
import { CheckedText } from './CheckedText.tsx';

const route = getRouteApi('/app/templates');
type Channel = 'email' | 'letter' | 'sms' | 'call';
type Language = components['schemas']['TemplateDraft']['language'];
type Problem = components['schemas']['TemplateProblem'];

const channelOrder = ['email', 'letter', 'sms', 'call'];
function byChannelThenLanguage(a: { channel: string; language: string }, b: { channel: string; language: string }): number {
  return channelOrder.indexOf(a.channel) - channelOrder.indexOf(b.channel) || a.language.localeCompare(b.language);
}

export function TemplatesScreen() {
  const search = route.useSearch();
  const templates = useQuery({ queryKey: ['templates'], queryFn: () => unwrap(api.GET('/api/v1/templates')) });
  const chosen = search.name && search.channel && search.language ? { name: search.name, channel: search.channel as Channel, language: search.language as Language } : null;
  return (
    <div className="templates">
      <h1>Templates</h1>
      <ErrorText error={templates.error} />
      <div className="templates-layout">
        <nav aria-label="Templates" className="template-list">
          <ul className="plain">
            {templates.data?.data.map((template) => (
              <li key={template.name}>
                <span className="item-name">{template.name}</span> <span className={`tone tone-${template.tone}`}>{template.tone}</span>
                <span className="item-meta">{template.purpose}</span>
                <span className="variants">
                  {[...template.inUse].sort(byChannelThenLanguage).map((variant) => {
                    const current = chosen?.name === template.name && chosen.channel === variant.channel && chosen.language === variant.language;
                    return (
                      <Link
                        key={`${variant.channel}-${variant.language}`}
                        to="/templates"
                        search={{ name: template.name, channel: variant.channel, language: variant.language }}
                        className={`chip ${current ? 'active' : ''}`}
                        aria-current={current ? 'page' : undefined}
                      >
                        {variant.channel} {variant.language}
                        {variant.origin === 'organisation' ? ` v${variant.version}` : ''}
                      </Link>
                    );
                  })}
                </span>
              </li>
            ))}
          </ul>
        </nav>
        <section className="template-detail" aria-label="Template">
          {chosen ? <TemplateEditor key={`${chosen.name}-${chosen.channel}-${chosen.language}`} {...chosen} /> : <p className="muted">Choose a template's channel and language to see, preview and edit its text.</p>}
        </section>
      </div>
    </div>
  );
}

function TemplateEditor({ name, channel, language }: { name: string; channel: Channel; language: Language }) {
  const { role } = useSession();
  const formats = useFormats();
  const isOwner = role === 'owner';
  // Checking and previewing are POSTs, which the server refuses to a viewer.
  const canTry = role !== 'viewer';
  const queryClient = useQueryClient();
  const params = { params: { path: { name } } };
  const text = useQuery({ queryKey: ['template-text', name, channel, language], queryFn: () => unwrap(api.GET('/api/v1/templates/{name}/text', { params: { path: { name }, query: { channel, language } } })) });
  const versions = useQuery({ queryKey: ['template-versions', name], queryFn: () => unwrap(api.GET('/api/v1/templates/{name}/versions', params)) });
  const [draft, setDraft] = useState<string | null>(null);
  const [customerId, setCustomerId] = useState('');
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => setDraft(null), [text.data?.hash]);
  const current = draft ?? text.data?.text ?? '';
  const changed = text.data !== undefined && draft !== null && draft !== text.data.text;

  const check = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/templates/{name}/check', { ...params, body: { channel, language, text: current } })),
    onSuccess: (result) => setProblems(result.problems),
  });
  const preview = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/templates/{name}/preview', { ...params, body: { channel, language, ...(customerId ? { customerId } : {}), ...(changed ? { text: current } : {}) } })),
  });
  const save = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/templates/{name}/versions', { ...params, body: { channel, language, text: current } })),
    onSuccess: async (saved) => {
      setNotice(`Saved as version ${saved.version}; it is used from the next send.`);
      setProblems([]);
      await queryClient.invalidateQueries({ queryKey: ['templates'] });
      await queryClient.invalidateQueries({ queryKey: ['template-text', name] });
      await queryClient.invalidateQueries({ queryKey: ['template-versions', name] });
    },
    onError: (error) => {
      const refused = error instanceof ApiError ? (error.details as { problems?: Problem[] } | undefined)?.problems : undefined;
      if (refused) setProblems(refused);
    },
  });
  const ownVersions = versions.data?.data.filter((version) => version.channel === channel && version.language === language) ?? [];

  return (
    <div>
      <h2>
        {name} <span className="muted">· {channel} · {language}</span>
      </h2>
      <ErrorText error={text.error} />
      {text.data && (
        <p className="muted small">
          In use: {text.data.origin === 'organisation' ? `your version ${text.data.version}` : 'the text shipped with Arrears'}.{changed && ' You have unsaved changes.'}
        </p>
      )}
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <div className="field">
        <label htmlFor="template-text">{channel === 'email' ? 'Text (first line "Subject: …", then a blank line, then the body)' : channel === 'call' ? 'Call script (the voicemail after a line "--- voicemail ---")' : 'Text'}</label>
        <textarea
          id="template-text"
          className="template-source"
          rows={16}
          spellCheck
          readOnly={!isOwner}
          value={current}
          onChange={(event) => (setDraft(event.target.value), setProblems(null), setNotice(null))}
        />
      </div>
      <div className="buttons">
        {canTry && (
          <button type="button" onClick={() => check.mutate()} disabled={check.isPending}>
            Check the wording
          </button>
        )}
        {isOwner && (
          <button type="button" className="primary" onClick={() => save.mutate()} disabled={!changed || save.isPending}>
            Save as a new version
          </button>
        )}
        {changed && (
          <button type="button" onClick={() => (setDraft(null), setProblems(null))}>
            Discard changes
          </button>
        )}
        {!isOwner && <span className="muted small">Only an owner can change templates.</span>}
      </div>
      <ErrorText error={check.error ?? (save.error && !(save.error instanceof ApiError && save.error.details) ? save.error : null)} />
      {problems && <CheckedText text={current} channel={channel} problems={problems} />}

      {canTry && (
        <>
          <h3>Preview</h3>
          <CustomerPicker value={customerId} onChange={setCustomerId} />
          <div className="buttons">
            <button type="button" className="primary" onClick={() => preview.mutate()} disabled={preview.isPending}>
              {changed ? 'Preview my changes' : 'Preview'}
            </button>
          </div>
          <ErrorText error={preview.error} />
          {preview.data && <MessagePreview preview={preview.data} title={`${name} ${channel} preview`} />}
        </>
      )}

      <h3>Your versions</h3>
      {ownVersions.length === 0 ? (
        <p className="muted small">None saved: the shipped text is in use.</p>
      ) : (
        <ul className="plain versions">
          {ownVersions.map((version) => (
            <li key={version.id}>
              Version {version.version}, {formatInstant(version.createdAt, formats)} by {version.createdByName ?? version.createdBy}
              {version.version === text.data?.version && <span className="badge">in use</span>}{' '}
              {isOwner && (
                <button type="button" className="link-button" onClick={() => (setDraft(version.text), setProblems(null))}>
                  Load into the editor
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
