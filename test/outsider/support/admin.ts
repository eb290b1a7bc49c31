import type { Cloud } from './cloud.js';

// The admin API (docs/emulator.md, "Admin API": loopback, unsigned).

export async function admin<T = Record<string, unknown>>(
  cloud: Cloud,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${cloud.endpoint}${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

export interface Call {
  service: string;
  action: string;
  status: number;
  code: string | null;
  ms: number;
  at: string;
}

export async function calls(cloud: Cloud): Promise<Call[]> {
  return (await admin<{ calls: Call[] }>(cloud, 'GET', '/_emulator/calls')).calls;
}

export interface Route {
  host?: string;
  port: number;
  [key: string]: unknown;
}
