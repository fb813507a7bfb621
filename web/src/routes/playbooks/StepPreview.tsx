// A step's message for a real customer (what the dispatcher would send them today) or with sample
// data, chosen under the step on the timeline.
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { CustomerPicker } from '../../components/CustomerPicker.tsx';
import { ErrorText } from '../../components/ErrorText.tsx';
import { MessagePreview } from '../../components/MessagePreview.tsx';
import type { PlaybookStep } from './describe.ts';

type MessageChannel = 'email' | 'letter' | 'sms' | 'call';

export function StepPreview({ template, channels }: { template: string; channels: PlaybookStep['channels'] }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [customerId, setCustomerId] = useState('');
  const messageChannels = channels.filter((channel): channel is MessageChannel => channel !== 'review');
  const [channel, setChannel] = useState<MessageChannel | undefined>(messageChannels[0]);
  const preview = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/templates/{name}/preview', { params: { path: { name: template } }, body: { channel: channel!, ...(customerId ? { customerId } : {}) } })),
  });
  if (!channel) return null;
  if (!open)
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        Preview this step's message
      </button>
    );
  return (
    <div className="step-preview panel">
      <CustomerPicker value={customerId} onChange={setCustomerId} />
      <div className="search-bar">
        {messageChannels.length > 1 && (
          <>
            <label htmlFor={`${id}-channel`}>Channel</label>
            <select id={`${id}-channel`} value={channel} onChange={(event) => setChannel(event.target.value as MessageChannel)}>
              {messageChannels.map((option) => (
                <option key={option}>{option}</option>
              ))}
            </select>
          </>
        )}
        <button type="button" className="primary" onClick={() => preview.mutate()} disabled={preview.isPending}>
          Preview
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Close
        </button>
      </div>
      <ErrorText error={preview.error} />
      {preview.data && <MessagePreview preview={preview.data} title={`${template} preview`} />}
    </div>
  );
}
