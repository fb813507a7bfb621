// Reads a bounce: a delivery status notification (RFC 3464) that a mail server sends back when a
// message it had accepted could not be delivered. Most bounces arrive this way, after the SMTP
// conversation ended well. What matters: which of our messages (its Message-ID, from the
// returned headers), which recipient, and whether the failure is permanent (status 5.x.x) or
// temporary (4.x.x).

export interface DeliveryFailure {
  /** The Message-ID of the message that bounced, with its angle brackets. */
  messageId: string;
  /** The recipient the failure is about. */
  address: string;
  permanent: boolean;
  /** The status code and the server's words, for the timeline. */
  reason: string;
}

/** The failures in a DSN (one per failed recipient); empty when the text is not a failure report. */
export function readDeliveryStatus(raw: string): DeliveryFailure[] {
  const text = raw.replace(/\r\n/g, '\n');
  const messageId = /^(?:Original-Message-ID|Message-ID):[ \t]*(<[^>\s]+>)/im.exec(afterDeliveryStatus(text))?.[1] ?? /^Original-Message-ID:[ \t]*(<[^>\s]+>)/im.exec(text)?.[1];
  if (!messageId) return [];
  const failures: DeliveryFailure[] = [];
  // per-recipient fields are blocks separated by blank lines inside the message/delivery-status part
  for (const block of text.split(/\n[ \t]*\n/)) {
    const recipient = /^Final-Recipient:[ \t]*rfc822;[ \t]*<?([^\s<>]+@[^\s<>]+?)>?[ \t]*$/im.exec(block)?.[1];
    const action = /^Action:[ \t]*(\S+)/im.exec(block)?.[1]?.toLowerCase();
    const status = /^Status:[ \t]*([245])\.(\d{1,3})\.(\d{1,3})/im.exec(block);
    if (!recipient || !status || action === 'delivered' || action === 'relayed' || action === 'expanded') continue;
    const permanent = status[1] === '5';
    if (!permanent && action !== 'failed' && action !== 'delayed') continue;
    const diagnostic = /^Diagnostic-Code:[ \t]*(?:smtp;)?[ \t]*(.+)$/im.exec(block)?.[1]?.trim();
    failures.push({ messageId, address: recipient.toLowerCase(), permanent, reason: `${status[1]}.${status[2]}.${status[3]}${diagnostic ? ` ${diagnostic}` : ''}` });
  }
  return failures;
}

/** The returned message (or its headers) comes after the delivery-status part. */
function afterDeliveryStatus(text: string): string {
  const index = text.search(/^Content-Type:[ \t]*(message\/rfc822|text\/rfc822-headers)/im);
  return index === -1 ? '' : text.slice(index);
}
