import AlidnsModule from '@alicloud/alidns20150109';
import * as $Dns from '@alicloud/alidns20150109';
import { expect } from 'vitest';
import type { LocalCloud } from '../../../src/emulator/index.js';
import { cjsDefault } from '../../../src/lib/interop.js';
import { sdkConfig } from '../../support/sdk-config.js';

// Shared by the Alidns conformance tests: the official Alidns client pointed at a local cloud, and
// assertions on the POP error answers it surfaces.

export { $Dns };

const Alidns = cjsDefault(AlidnsModule);
export type DnsClient = InstanceType<typeof Alidns>;

export function dnsClient(cloud: LocalCloud, overrides: Parameters<typeof sdkConfig>[1] = {}): DnsClient {
  return new Alidns(sdkConfig(cloud, overrides));
}

/** Asserts the official client rejected with this Alidns code, HTTP 400 and (optionally) this message. */
export async function expectDnsError(call: Promise<unknown>, code: string, message?: string): Promise<void> {
  const error = (await call.then(
    () => undefined,
    (rejected: unknown) => rejected,
  )) as { code?: string; statusCode?: number; data?: Record<string, unknown> } | undefined;
  expect(error, `expected ${code}`).toBeDefined();
  expect(error?.code).toBe(code);
  expect(error?.statusCode).toBe(400);
  expect(error?.data?.HostId).toBe('alidns.aliyuncs.com');
  expect(error?.data?.RequestId).toMatch(/^[0-9A-F-]{36}$/);
  if (message !== undefined) expect(error?.data?.Message).toBe(message);
}

let counter = 0;
/** A host record unique within the test file, so tests sharing one local cloud never collide. */
export function uniqueRr(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

export async function addRecord(
  client: DnsClient,
  fields: { rr: string; type: string; value: string; ttl?: number; line?: string; priority?: number; zone?: string },
): Promise<string> {
  const answer = await client.addDomainRecord(
    new $Dns.AddDomainRecordRequest({
      domainName: fields.zone ?? 'example.com',
      RR: fields.rr,
      type: fields.type,
      value: fields.value,
      TTL: fields.ttl,
      line: fields.line,
      priority: fields.priority,
    }),
  );
  expect(answer.statusCode).toBe(200);
  const recordId = answer.body?.recordId;
  expect(typeof recordId).toBe('string');
  return recordId!;
}

/** POSTs to an admin route of the local cloud. */
export async function admin(
  cloud: LocalCloud,
  path: string,
  body: unknown,
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${cloud.endpoint}${path}`, { method: 'POST', body: JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}
