// Serves the HTTP app on a port; resolves once listening.
import { serve, type ServerType } from '@hono/node-server';
import { createHttpApp, type HttpDeps } from './app.ts';

export function startHttpServer(deps: HttpDeps, host: string, port: number): Promise<{ server: ServerType; port: number }> {
  const app = createHttpApp(deps);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => resolve({ server, port: info.port }));
    server.once('error', reject);
  });
}
