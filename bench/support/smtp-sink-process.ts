// A local SMTP server in its own process for the dispatch benchmark (so it does not take CPU
// from the dispatcher being measured): accepts everything, reads each message to its end and
// counts it. Prints `port <n>` when listening; answers a line `count` on stdin with the count.
import { createInterface } from 'node:readline';
import { SMTPServer } from 'smtp-server';

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  // many dispatchers may connect at once
  maxClients: 100,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received += 1;
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`port ${(server.server.address() as { port: number }).port}\n`);
});
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() === 'count') process.stdout.write(`count ${received}\n`);
});
process.stdin.on('end', () => server.close(() => process.exit(0)));
