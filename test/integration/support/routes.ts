// Three routes of issue 9's example, each with its own code (answering its name), and the way to send a request
// through the emulated listener as a client would (Host header, path) — so a test sees which function answered.
import { mkdir, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import { join } from 'node:path';
import type { RouteInput } from '../../../src/stack-input.js';
import { route, STACK } from '../../support/stack-input.js';
import type { LocalStack } from './local-stack.js';

/** A function whose answer names it: `hello from <name>`. */
export async function codeDir(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  await mkdir(path, { recursive: true });
  await writeFile(
    join(path, 'index.js'),
    `exports.handler = async () => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, body: 'hello from ${name}' });\n`,
  );
  return path;
}

/** A route of the stack on its own code (`<dir>/<name>`): function and group `demo-<name>`. */
export async function codeRoute(
  dir: string,
  name: string,
  match: Pick<RouteInput, 'host' | 'path'> = {},
  extra: Partial<RouteInput> = {},
): Promise<RouteInput> {
  const base = route(name, match, extra);
  const fn = base.backend.function;
  if (fn.mode !== 'create') return base;
  return {
    ...base,
    backend: { ...base.backend, function: { ...fn, code: { kind: 'dir', path: await codeDir(dir, name) } } },
  };
}

/** Issue 9's three routes: users (host + path), orders (host), web (the default). */
export async function threeRoutes(dir: string): Promise<RouteInput[]> {
  return [
    await codeRoute(dir, 'users', { host: 'api.example.com', path: '/users/*' }),
    await codeRoute(dir, 'orders', { host: 'orders.example.com' }),
    await codeRoute(dir, 'web'),
  ];
}

export const functionOf = (name: string): string => `${STACK}-${name}`;

/** GET `http://<host><path>` through the stack's emulated listener: the body the function answered. */
export async function request(stack: LocalStack, host: string, path = '/'): Promise<string> {
  const raw = await stack.rawState();
  const port = raw.alb.listeners[0]?.dataPlanePort;
  if (!port) throw new Error('the stack has no listener serving on loopback');
  // node:http, not fetch: fetch does not let a caller set Host.
  return new Promise((resolve, reject) => {
    const req = get(
      { host: '127.0.0.1', port, path, headers: { Host: host, Date: new Date().toUTCString() } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve(`${res.statusCode} ${body}`));
      },
    );
    req.on('error', reject);
  });
}
