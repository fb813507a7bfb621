// Request body size limits, per route: small for JSON and webhooks, large (and counted as the
// body streams, never buffered) for CSV imports. A body declared too large by its Content-Length
// is refused before a byte of it is read; one without (chunked) is cut off at the limit. Either
// way the answer is 413 problem+json.
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../errors.ts';
import type { AppEnv, BodyLimits } from './env.ts';

const MiB = 1024 * 1024;

export const defaultBodyLimits: BodyLimits = {
  json: 1 * MiB,
  webhook: 64 * 1024,
  importStream: 1024 * MiB,
};

function limitFor(c: Context, limits: BodyLimits): { bytes: number; what: string; hint: string } {
  const path = c.req.path;
  if (path.startsWith('/webhooks/')) return { bytes: limits.webhook, what: 'a webhook', hint: 'only the SMS provider calls this URL' };
  if (path === '/api/v1/imports') return { bytes: limits.importStream, what: 'an import', hint: 'split the file, or raise ARREARS_MAX_IMPORT_BYTES' };
  return { bytes: limits.json, what: 'a request to this route', hint: 'send less in one request' };
}

export function formatBytes(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

export function bodyLimit(limits: BodyLimits): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const limit = limitFor(c, limits);
    const tooLarge = () =>
      new AppError('payload_too_large', `the body of ${limit.what} may be at most ${formatBytes(limit.bytes)}; ${limit.hint}`);
    const declared = c.req.header('content-length');
    if (declared !== undefined && !c.req.header('transfer-encoding')) {
      const length = Number(declared);
      if (Number.isFinite(length) && length > limit.bytes) throw tooLarge();
    }
    // Count as it streams, whatever the Content-Length says; whoever reads the body (a JSON
    // parser, the importer) gets an error at the limit, and onError answers 413 from the flag.
    let seen = 0;
    const counted = body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          seen += chunk.byteLength;
          if (seen > limit.bytes) {
            const error = tooLarge();
            c.set('bodyTooLarge', error);
            controller.error(error);
            return;
          }
          controller.enqueue(chunk);
        },
      }),
    );
    c.req.raw = new Request(c.req.raw, { body: counted, duplex: 'half' } as RequestInit);
    await next();
  };
}
