// The `curl` command printed after a deploy, reaching the function again the way the connectivity test did.
// Against the real internet the plain URL is enough; when the route goes to a loopback address (the local
// cloud's emulated listener), `--connect-to` sends the request there while keeping the domain in the URL and
// Host header. The Date header is required by FC behind ALB (FC "ALB triggers" limits:
// https://www.alibabacloud.com/help/en/fc/alb-triggers).
import type { Route } from '../cloud/ports.js';

export function isLoopback(address: string): boolean {
  const a = address.toLowerCase();
  return a === 'localhost' || a === '::1' || a.startsWith('127.') || a === '::ffff:127.0.0.1';
}

export function hostPort(host: string, port: number): string {
  return port === 80 ? host : `${host}:${port}`;
}

function bracket(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

const DATE_HEADER = `-H "Date: $(date -u '+%a, %d %b %Y %H:%M:%S GMT')"`;

export function buildCurl(options: {
  /** The host in the URL: the custom domain, or the ALB's DNS name. */
  host: string;
  port: number;
  /** The request path (default `/`). */
  path?: string;
  route: Route | undefined;
  /** A Host header other than the URL's (the ALB fallback). */
  hostHeader?: string;
}): string {
  const parts = ['curl', DATE_HEADER];
  if (options.route && isLoopback(options.route.address)) {
    parts.push(`--connect-to ${options.host}:${options.port}:${bracket(options.route.address)}:${options.route.port}`);
  }
  if (options.hostHeader && options.hostHeader !== options.host) parts.push(`-H 'Host: ${options.hostHeader}'`);
  parts.push(`http://${hostPort(options.host, options.port)}${options.path ?? '/'}`);
  return parts.join(' ');
}
