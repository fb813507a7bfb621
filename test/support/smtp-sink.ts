// A real SMTP server on 127.0.0.1 (the smtp-server package) that keeps what it receives, parsed
// with mailparser, and can refuse recipients permanently (550) or for now (451) on demand.
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  received: ParsedMail[];
  /** Recipient address → the reply code to refuse it with (550: hard bounce, 451: try later). */
  refuse: Map<string, 550 | 451>;
  /** Refuse the next n messages at DATA with 421 (the server is busy). */
  busyFor(n: number): void;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ParsedMail[] = [];
  const refuse = new Map<string, 550 | 451>();
  let busy = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = refuse.get(address.address.toLowerCase());
      if (!code) return callback();
      const error = Object.assign(new Error(code === 550 ? `5.1.1 <${address.address}>: mailbox unavailable` : '4.2.1 mailbox busy, try later'), { responseCode: code });
      callback(error);
    },
    onData(stream, _session, callback) {
      if (busy > 0) {
        busy -= 1;
        stream.resume();
        stream.on('end', () => callback(Object.assign(new Error('4.3.2 busy, try again later'), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuse,
    busyFor: (n) => {
      busy = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
