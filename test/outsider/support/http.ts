import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cloud } from './cloud.js';

// The data plane: a plain HTTP client (fetch cannot set `Host`), like curl --resolve would be, and a rewriting
// proxy in front of the local cloud.

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Header names and values as they came on the wire (names in their case). */
  rawHeaders: string[];
  body: Buffer;
}

export function httpTo(
  port: number,
  options: { path?: string; host?: string; method?: string; headers?: Record<string, string>; body?: Buffer } = {},
): Promise<HttpAnswer> {
  return new Promise((done, fail) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path ?? '/',
        headers: { ...(options.host ? { host: options.host } : {}), ...options.headers },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          done({
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(options.body);
  });
}

/**
 * A loopback proxy in front of the local cloud that rewrites what passes: the `Host` header (as a reverse
 * proxy for a real endpoint name would) and/or the body (as a tampering middlebox would).
 */
export async function proxyTo(
  cloud: Cloud,
  rewrite: { host?: string; body?: (body: Buffer) => Buffer },
): Promise<{ endpoint: string; host: string; close(): Promise<void> }> {
  const target = new URL(cloud.endpoint);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = rewrite.body ? rewrite.body(Buffer.concat(chunks)) : Buffer.concat(chunks);
      const headers = { ...req.headers, 'content-length': String(body.length) };
      delete headers['transfer-encoding'];
      if (rewrite.host) headers.host = rewrite.host;
      const out = httpRequest(
        { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent: false },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      out.on('error', () => res.destroy());
      out.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
