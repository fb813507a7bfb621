// Serves a PGlite database to other processes of this machine over a Unix socket, speaking the
// PostgreSQL protocol, so that `arrears` commands work while `arrears start` holds the data
// directory: they connect with the `pg` driver, and only the server process touches the files.
//
// PGlite is one session. A client's work runs while it holds the same single connection that the
// server's own queries queue for (`acquire`), from its first message until PostgreSQL reports the
// session idle again (ReadyForQuery 'I'): a client's transaction is never interleaved with the
// server's, nor the server's with a client's. The startup handshake is answered here (no password:
// the socket file is readable and writable by its owner only), never passed to PGlite, so a client
// cannot change the shared session's settings at connect time.
import { chmodSync, mkdirSync, unlinkSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { dirname } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

export interface LocalServer {
  close(): Promise<void>;
}

export interface LocalServerOptions {
  /** Waits for the database's single connection; resolves with the function that releases it. */
  acquire: () => Promise<() => void>;
}

const sslRequestCode = 80877103;
const gssEncRequestCode = 80877104;
const cancelRequestCode = 80877102;
const protocolVersion3 = 196608;

/** Listens on `path` (a stale socket file left by a crashed server is removed first: we hold the lock). */
export async function serveLocally(pglite: PGlite, path: string, options: LocalServerOptions): Promise<LocalServer> {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    unlinkSync(path);
  } catch {
    // none left behind
  }
  const serverVersion = (await pglite.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? '17';
  const connections = new Set<Connection>();
  const server = createServer((socket) => {
    const connection = new Connection(socket, pglite, options, serverVersion);
    connections.add(connection);
    socket.once('close', () => connections.delete(connection));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(path, 0o600);
  return {
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([...connections].map((connection) => connection.end()));
      await closed;
    },
  };
}

class Connection {
  #buffer = Buffer.alloc(0);
  #started = false;
  #release: (() => void) | undefined;
  #work: Promise<void> = Promise.resolve();

  constructor(
    readonly socket: Socket,
    readonly pglite: PGlite,
    readonly options: LocalServerOptions,
    readonly serverVersion: string,
  ) {
    socket.on('data', (chunk) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
      this.#work = this.#work
        .then(() => this.#drain())
        .catch(() => void socket.destroy());
    });
    socket.on('error', () => {});
    socket.once('close', () => {
      this.#work = this.#work.then(() => this.#finish());
    });
  }

  /** Closes the client's connection and waits until its unfinished transaction is rolled back. */
  async end(): Promise<void> {
    this.socket.destroy();
    await this.#work;
    await this.#finish();
  }

  async #drain(): Promise<void> {
    for (;;) {
      if (!this.#started) {
        if (this.#buffer.length < 8) return;
        const length = this.#buffer.readInt32BE(0);
        if (this.#buffer.length < length) return;
        const code = this.#buffer.readInt32BE(4);
        this.#buffer = this.#buffer.subarray(length);
        if (code === sslRequestCode || code === gssEncRequestCode) this.socket.write('N');
        else if (code === protocolVersion3) {
          this.#started = true;
          this.socket.write(this.#startupReply());
        } else {
          this.socket.destroy(); // a cancel request (not supported) or an unknown protocol
          return;
        }
        continue;
      }
      if (this.#buffer.length < 5) return;
      const length = 1 + this.#buffer.readInt32BE(1);
      if (this.#buffer.length < length) return;
      const message = this.#buffer.subarray(0, length);
      this.#buffer = this.#buffer.subarray(length);
      if (message[0] === 0x58 /* Terminate */) {
        this.socket.end();
        return;
      }
      await this.#execute(Uint8Array.from(message));
    }
  }

  async #execute(message: Uint8Array): Promise<void> {
    this.#release ??= await this.options.acquire();
    const reply = await this.pglite.runExclusive(() => this.pglite.execProtocolRaw(message));
    const { forward, status } = scanReply(reply);
    if (!this.socket.destroyed) this.socket.write(forward);
    if (status === 'I') this.#releaseConnection();
  }

  /** Rolls back what a client that went away left open, and gives the connection back. */
  async #finish(): Promise<void> {
    if (!this.#release) return;
    try {
      // A Sync ends an unfinished extended-protocol exchange; then the transaction, if any, is rolled back.
      let { status } = scanReply(await this.pglite.runExclusive(() => this.pglite.execProtocolRaw(syncMessage())));
      if (status !== 'I') status = scanReply(await this.pglite.runExclusive(() => this.pglite.execProtocolRaw(queryMessage('rollback')))).status;
    } finally {
      this.#releaseConnection();
    }
  }

  #releaseConnection(): void {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  #startupReply(): Buffer {
    const parameters: Array<[string, string]> = [
      ['server_version', this.serverVersion],
      ['server_encoding', 'UTF8'],
      ['client_encoding', 'UTF8'],
      ['DateStyle', 'ISO, MDY'],
      ['integer_datetimes', 'on'],
      ['standard_conforming_strings', 'on'],
      ['TimeZone', 'UTC'],
    ];
    const keyData = Buffer.alloc(8);
    keyData.writeInt32BE(process.pid, 0);
    keyData.writeInt32BE(0, 4);
    return Buffer.concat([
      backendMessage('R', Buffer.from([0, 0, 0, 0])), // AuthenticationOk
      ...parameters.map(([name, value]) => backendMessage('S', Buffer.from(`${name}\0${value}\0`))),
      backendMessage('K', keyData),
      backendMessage('Z', Buffer.from('I')),
    ]);
  }
}

function backendMessage(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function syncMessage(): Uint8Array {
  return Uint8Array.from(backendMessage('S', Buffer.alloc(0)));
}

function queryMessage(text: string): Uint8Array {
  return Uint8Array.from(backendMessage('Q', Buffer.from(`${text}\0`)));
}

/**
 * Splits PGlite's reply: the messages to send to the client, and the session status of its last
 * ReadyForQuery (undefined when the reply has none: the client is mid-exchange). NOTIFYs are left
 * out: PGlite has already handed them to the server's listeners, and they are not the client's.
 */
function scanReply(reply: Uint8Array): { forward: Buffer; status: string | undefined } {
  const data = Buffer.from(reply.buffer, reply.byteOffset, reply.byteLength);
  const kept: Buffer[] = [];
  let status: string | undefined;
  let offset = 0;
  while (offset + 5 <= data.length) {
    const end = offset + 1 + data.readInt32BE(offset + 1);
    const type = data[offset];
    if (type === 0x5a /* ReadyForQuery */) status = String.fromCharCode(data[offset + 5]!);
    if (type !== 0x41 /* NotificationResponse */) kept.push(data.subarray(offset, end));
    offset = end;
  }
  return { forward: Buffer.concat(kept), status };
}
