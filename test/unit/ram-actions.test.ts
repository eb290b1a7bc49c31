import { describe, expect, it } from 'vitest';
import { localNetwork } from '../../src/cloud/network/local-network.js';
import { RAM_ACTIONS } from '../../src/cloud/ram-actions.js';
import { policyRows, ramPolicy, type PolicyScope } from '../../src/cloud/ram-policy.js';
import { observedCall } from '../../src/cloud/sdk/call.js';
import { createSdkPorts, resolveCredential } from '../../src/cloud/sdk/index.js';
import { createOssAdapter } from '../../src/cloud/sdk/oss-adapter.js';

// `alb-fc policy` is derived from one table (src/cloud/ram-actions.ts) with a row per port method: a method the
// adapters implement without a row would be a call the policy forgets. The adapters are built (no call is made)
// and their methods compared with the table.

const connection = {
  region: 'cn-hangzhou',
  endpoint: 'http://127.0.0.1:1',
  credential: resolveCredential({ kind: 'static', accessKeyId: 'id', accessKeySecret: 'secret', source: 'test' })
    .credential,
  readTimeoutMs: 1000,
  connectTimeoutMs: 1000,
};

function methodsOf(port: object): string[] {
  return Object.entries(port)
    .filter(([, value]) => typeof value === 'function')
    .map(([name]) => name)
    .sort();
}

describe('the RAM table', () => {
  const ports = createSdkPorts(connection, localNetwork('http://127.0.0.1:1'), () => undefined);
  const adapters: Record<keyof typeof RAM_ACTIONS, object> = {
    functions: ports.functions,
    alb: ports.alb,
    dns: ports.dns,
    identity: ports.identity,
    network: ports.network,
    objects: createOssAdapter(
      connection,
      'alb-fc-state',
      observedCall(() => undefined),
    ),
  };

  it.each(Object.keys(adapters) as Array<keyof typeof RAM_ACTIONS>)('has a row for every method of %s', (name) => {
    const rows = Object.keys(RAM_ACTIONS[name]);
    const methods = methodsOf(adapters[name]);
    expect(
      methods.filter((method) => !rows.includes(method)),
      'methods without a row',
    ).toEqual([]);
    expect(rows.sort(), 'rows without a method').toEqual(methods);
  });

  it('grants service actions only, never the action "*", on ARN templates it knows how to fill', () => {
    for (const port of Object.values(RAM_ACTIONS)) {
      for (const grant of Object.values(port)) {
        if (grant.action === null) continue;
        expect(grant.action).toMatch(/^(alb|fc|alidns|oss):[A-Z][A-Za-z]+$/);
        for (const resource of grant.resources) {
          expect(resource === '*' || resource.startsWith(`acs:${grant.action.split(':')[0]}:`)).toBe(true);
          const placeholders = [...resource.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
          for (const p of placeholders) {
            expect(['region', 'account', 'loadBalancer', 'function', 'zone', 'bucket', 'prefix', 'stack']).toContain(p);
          }
        }
      }
    }
  });
});

describe('the policy of a stack', () => {
  const scope: PolicyScope = {
    stack: 'demo',
    region: 'cn-hangzhou',
    accountId: '1234567890',
    loadBalancerIds: ['alb-abc'],
    functionNames: ['alb-fc-demo'],
    zones: ['example.com'],
  };

  it('scopes what can be scoped to the region, account, load balancer, function and zone', () => {
    const rows = policyRows(scope);
    const row = (action: string) => rows.find((r) => r.action === action);
    expect(row('alb:CreateServerGroup')?.resources).toEqual(['acs:alb:cn-hangzhou:1234567890:servergroup/*']);
    expect(row('alb:GetLoadBalancerAttribute')?.resources).toEqual([
      'acs:alb:cn-hangzhou:1234567890:loadbalancer/alb-abc',
    ]);
    expect(row('fc:DeleteFunction')?.resources).toEqual(['acs:fc:cn-hangzhou:1234567890:functions/alb-fc-demo']);
    expect(row('alidns:AddDomainRecord')?.resources).toEqual(['acs:alidns:*:1234567890:domain/example.com']);
    expect(row('fc:CreateFunction')).toMatchObject({ resources: ['*'], resourceLevel: false });
    expect(
      rows.some((r) => r.action.startsWith('oss:')),
      'no OSS without state on OSS',
    ).toBe(false);
  });

  it('is a RAM policy document: Version 1, Allow statements, no action "*"', () => {
    const policy = ramPolicy(policyRows(scope));
    expect(policy.Version).toBe('1');
    const actions = policy.Statement.flatMap((s) => s.Action);
    expect(actions).toEqual(
      expect.arrayContaining(['alb:CreateServerGroup', 'fc:CreateFunction', 'alidns:AddDomainRecord']),
    );
    expect(actions).not.toContain('*');
    expect(new Set(actions).size).toBe(actions.length);
    for (const statement of policy.Statement) {
      expect(statement.Effect).toBe('Allow');
      expect(statement.Resource.length).toBeGreaterThan(0);
    }
  });

  it('leaves DNS out without a domain, and adds the stack state objects with state on OSS', () => {
    const rows = policyRows({ ...scope, zones: undefined, state: { bucket: 'alb-fc-state', prefix: 'team' } });
    expect(rows.some((r) => r.action.startsWith('alidns:'))).toBe(false);
    expect(rows.find((r) => r.action === 'oss:PutObject')?.resources).toEqual([
      'acs:oss:*:1234567890:alb-fc-state/team/demo.*',
    ]);
    expect(rows.find((r) => r.action === 'oss:ListObjects')).toMatchObject({
      resources: ['acs:oss:*:1234567890:alb-fc-state'],
      condition: { StringLike: { 'oss:Prefix': ['team/demo.lock*'] } },
    });
  });
});
