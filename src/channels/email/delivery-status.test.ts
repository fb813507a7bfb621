import { describe, expect, it } from 'vitest';
import { readDeliveryStatus } from './delivery-status.ts';

const dsn = (status: string, action: string) => `From: MAILER-DAEMON@mx.customer.test
To: accounts@acme.test
Subject: Undelivered Mail Returned to Sender
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

This is the mail system. Your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.customer.test

Final-Recipient: rfc822; Gone@Customer.test
Original-Recipient: rfc822;gone@customer.test
Action: ${action}
Status: ${status}
Diagnostic-Code: smtp; 550 5.1.1 <gone@customer.test>: Recipient address rejected: User unknown

--B
Content-Type: text/rfc822-headers

From: Acme Accounts <accounts@acme.test>
To: gone@customer.test
Subject: Payment reminder
Message-ID: <5.9.27456c1a6bda@acme.test>

--B--
`;

describe('readDeliveryStatus', () => {
  it('reads the message, the recipient and a permanent failure from a bounce', () => {
    expect(readDeliveryStatus(dsn('5.1.1', 'failed'))).toEqual([
      { messageId: '<5.9.27456c1a6bda@acme.test>', address: 'gone@customer.test', permanent: true, reason: '5.1.1 550 5.1.1 <gone@customer.test>: Recipient address rejected: User unknown' },
    ]);
  });

  it('tells a temporary failure from a permanent one, and ignores reports of delivery', () => {
    expect(readDeliveryStatus(dsn('4.2.2', 'delayed'))).toMatchObject([{ permanent: false }]);
    expect(readDeliveryStatus(dsn('2.0.0', 'delivered'))).toEqual([]);
    expect(readDeliveryStatus('Subject: hello\n\njust a reply, not a bounce')).toEqual([]);
  });
});
