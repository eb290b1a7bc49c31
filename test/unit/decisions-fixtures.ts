// Builders for the decision tests (not a test file itself).
import type { DnsRecord, FunctionInfo, ListenerInfo, ServerGroupInfo } from '../../src/cloud/ports.js';
import type { StepRecord } from '../../src/state/schema.js';
import { stackTags } from '../../src/stack-input.js';

const OURS = stackTags('demo');

export function fn(overrides: Partial<FunctionInfo> = {}): FunctionInfo {
  return {
    name: 'hello',
    arn: 'acs:fc:cn-hangzhou:1:functions/hello',
    runtime: 'nodejs20',
    handler: 'index.handler',
    memorySize: 128,
    timeout: 10,
    description: '',
    codeChecksum: '42',
    codeSize: 100,
    state: 'Active',
    lastUpdateStatus: 'Successful',
    tags: OURS,
    ...overrides,
  };
}

export function group(overrides: Partial<ServerGroupInfo> = {}): ServerGroupInfo {
  return {
    id: 'sgp-1',
    name: 'sg',
    type: 'Fc',
    status: 'Available',
    healthCheckEnabled: false,
    tags: OURS,
    ...overrides,
  };
}

export function listener(overrides: Partial<ListenerInfo> = {}): ListenerInfo {
  return {
    id: 'lsn-1',
    loadBalancerId: 'alb-1',
    port: 80,
    protocol: 'HTTP',
    status: 'Running',
    forwardServerGroupIds: ['sgp-1'],
    tags: OURS,
    ...overrides,
  };
}

export function dnsRecord(overrides: Partial<DnsRecord> = {}): DnsRecord {
  return {
    id: '1',
    zone: 'example.com',
    rr: 'api',
    type: 'CNAME',
    value: 'alb-1.cn-hangzhou.alb.aliyuncs.com',
    ttl: 600,
    line: 'default',
    status: 'ENABLE',
    remark: '',
    ...overrides,
  };
}

export function record<O>(outputs: O | undefined, overrides: Partial<StepRecord<O>> = {}): StepRecord<O> {
  return { status: 'ready', owned: true, ...(outputs ? { outputs } : {}), updatedAt: 't', ...overrides };
}

export function pending<O>(request: Record<string, string | number | boolean>): StepRecord<O> {
  return {
    status: 'pending',
    owned: true,
    intent: { clientToken: 'albfc-x', request, at: 't', seq: 0 },
    updatedAt: 't',
  };
}
