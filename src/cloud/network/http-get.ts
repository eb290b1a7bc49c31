import { request } from 'node:http';
import type { HttpResponse, NetworkPort } from '../ports.js';

// A plain HTTP GET that can dial a different address than the URL's host, keeping the URL's Host header
// (what `curl --connect-to` does). FC behind ALB requires a `Date` header on requests (FC "ALB triggers":
// https://www.alibabacloud.com/help/en/fc/alb-triggers), so one is always sent.

const MAX_BODY_BYTES = 1024 * 1024;

export function httpGet(
  url: string,
  options: Parameters<NetworkPort['get']>[1] & { now?: () => Date },
): Promise<HttpResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: options.route?.address ?? target.hostname,
        port: options.route?.port ?? (target.port ? Number(target.port) : 80),
        path: `${target.pathname}${target.search}`,
        method: 'GET',
        headers: {
          date: (options.now?.() ?? new Date()).toUTCString(),
          'user-agent': 'alb-fc',
          ...options.headers,
          host: options.hostHeader ?? target.host,
        },
        timeout: options.timeoutMs,
        signal: options.signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_BODY_BYTES) chunks.push(chunk);
        });
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
