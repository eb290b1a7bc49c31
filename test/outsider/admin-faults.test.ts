import { beforeEach, describe, expect, it } from 'vitest';
import {
  $Alb,
  $Fc,
  admin,
  albClient,
  calls,
  createFcGroup,
  createFunction,
  dnsClient,
  failure,
  fcClient,
  useCloud,
} from './support.js';
import { $Dns } from './support.js';

// docs/emulator.md §3 (faults, the admin API): state, calls, faults, reset.

const cloud = useCloud();
beforeEach(async () => {
  await admin(cloud, 'DELETE', '/_emulator/faults');
  await admin(cloud, 'POST', '/_emulator/reset');
});

const listGroups = () => albClient(cloud).listServerGroups(new $Alb.ListServerGroupsRequest({}));
const groupNames = async () => ((await listGroups()).body?.serverGroups ?? []).map((g) => g.serverGroupName).sort();

describe('/_emulator/calls (emulator.md §3)', () => {
  it('logs every signed call in arrival order: {service, action, status, code, ms, at}', async () => {
    await listGroups();
    await failure(fcClient(cloud).getFunction('nope', new $Fc.GetFunctionRequest({})));
    await dnsClient(cloud).describeDomains(new $Dns.DescribeDomainsRequest({}));
    const log = await calls(cloud);
    expect(log.map((c) => [c.service, c.action, c.status, c.code])).toEqual([
      ['alb', 'ListServerGroups', 200, null],
      ['fc', 'GetFunction', 404, 'FunctionNotFound'],
      ['alidns', 'DescribeDomains', 200, null],
    ]);
    for (const call of log) {
      expect(call.ms).toEqual(expect.any(Number));
      expect(new Date(call.at).toISOString()).toBe(call.at);
    }
  });
});

describe('/_emulator/faults (issue 3 §9, LocalStack chaos API)', () => {
  it('an error rule: Throttling 429 with x-acs-retry-after surfaces as the SDK ThrottlingError, and the call did not run', async () => {
    await admin(cloud, 'POST', '/_emulator/faults', {
      service: 'alb',
      action: 'CreateServerGroup',
      count: 1,
      error: {
        status: 429,
        code: 'Throttling',
        message: 'Request was denied due to flow control.',
        headers: { 'x-acs-retry-after': '1500' },
      },
    });
    const error = await failure(createFcGroup(albClient(cloud), 'throttled'));
    expect(error).toMatchObject({ code: 'Throttling', statusCode: 429, retryAfter: 1500 });
    expect(error.name).toBe('ThrottlingError');
    expect(await groupNames()).toEqual([]);
    // count 1: spent; the next call runs
    await createFcGroup(albClient(cloud), 'after-throttle');
    expect(await groupNames()).toEqual(['after-throttle']);
    const log = await calls(cloud);
    expect(log.find((c) => c.action === 'CreateServerGroup')).toMatchObject({ status: 429, code: 'Throttling' });
  });

  it('rules match by service and action only: a rule on FC leaves ALB alone; probability 0 never fires', async () => {
    await admin(cloud, 'POST', '/_emulator/faults', {
      rules: [
        { service: 'fc', error: { status: 503, code: 'ServiceUnavailable' } },
        { service: 'alb', probability: 0, error: { status: 500, code: 'InternalError' } },
      ],
    });
    expect((await listGroups()).statusCode).toBe(200);
    const error = await failure(fcClient(cloud).listFunctions(new $Fc.ListFunctionsRequest({})));
    expect({ code: error.code, status: error.statusCode }).toEqual({ code: 'ServiceUnavailable', status: 503 });
    const listed = await admin<{ rules: unknown[] }>(cloud, 'GET', '/_emulator/faults');
    expect(listed.rules).toHaveLength(2);
  });

  it('drop "before": the connection is cut and the call never ran', async () => {
    await admin(cloud, 'POST', '/_emulator/faults', {
      service: 'alb',
      action: 'CreateServerGroup',
      count: 1,
      drop: 'before',
    });
    const error = await failure(createFcGroup(albClient(cloud), 'dropped-before'));
    // a transport error (ECONNRESET / socket hang up), no cloud answer
    expect(error.statusCode).toBeUndefined();
    expect(error.data).toBeUndefined();
    expect(await groupNames()).toEqual([]);
  });

  it('drop "after": the call ran, but the client never hears the answer', async () => {
    await admin(cloud, 'POST', '/_emulator/faults', {
      service: 'alb',
      action: 'CreateServerGroup',
      count: 1,
      drop: 'after',
    });
    const error = await failure(createFcGroup(albClient(cloud), 'dropped-after'));
    expect(error.statusCode).toBeUndefined();
    expect(error.data).toBeUndefined();
    expect(await groupNames()).toEqual(['dropped-after']);
  });

  it('a delay rule delays without failing the call', async () => {
    await admin(cloud, 'POST', '/_emulator/faults', {
      service: 'alb',
      action: 'ListServerGroups',
      count: 1,
      delayMs: 50,
    });
    expect((await listGroups()).statusCode).toBe(200);
  });

  it('DELETE /_emulator/faults clears every rule', async () => {
    await admin(cloud, 'POST', '/_emulator/faults', { service: 'alb', error: { status: 500, code: 'InternalError' } });
    await admin(cloud, 'DELETE', '/_emulator/faults');
    expect((await admin<{ rules: unknown[] }>(cloud, 'GET', '/_emulator/faults')).rules).toEqual([]);
    expect((await listGroups()).statusCode).toBe(200);
  });
});

describe('/_emulator/state and /_emulator/reset (emulator.md §3)', () => {
  it('state shows every resource per service, with the ready document', async () => {
    const fc = fcClient(cloud);
    await createFunction(fc, 'state-fn');
    await createFcGroup(albClient(cloud), 'state-group');
    const state = await admin<{
      endpoint: string;
      services: {
        alb: { loadBalancers: Array<{ loadBalancerId: string }>; serverGroups: unknown[] };
        fc: { functions: unknown[] };
        alidns: { zones: Array<{ domainName: string }> };
      };
    }>(cloud, 'GET', '/_emulator/state');
    expect(state.endpoint).toBe(cloud.endpoint);
    expect(state.services.alb.loadBalancers.map((lb) => lb.loadBalancerId)).toEqual([cloud.info.loadBalancers[0]!.id]);
    expect(state.services.alb.serverGroups).toHaveLength(1);
    expect(state.services.fc.functions).toHaveLength(1);
    expect(state.services.alidns.zones.map((z) => z.domainName)).toEqual(['example.com']);
  });

  it('reset: back to the seed (same load balancer id), call log emptied', async () => {
    await createFunction(fcClient(cloud), 'reset-fn');
    await createFcGroup(albClient(cloud), 'reset-group');
    await admin(cloud, 'POST', '/_emulator/reset');
    expect(await calls(cloud)).toEqual([]);
    expect(await groupNames()).toEqual([]);
    expect((await fcClient(cloud).listFunctions(new $Fc.ListFunctionsRequest({}))).body?.functions).toEqual([]);
    const lb = await albClient(cloud).getLoadBalancerAttribute(
      new $Alb.GetLoadBalancerAttributeRequest({ loadBalancerId: cloud.info.loadBalancers[0]!.id }),
    );
    expect(lb.body?.loadBalancerStatus).toBe('Active');
    expect(lb.body?.DNSName).toBe(cloud.info.loadBalancers[0]!.dnsName);
  });

  it('the admin API answers JSON errors for what it does not know, and the server keeps serving', async () => {
    const bad = await fetch(`${cloud.endpoint}/_emulator/faults`, { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toHaveProperty('error');
    expect((await listGroups()).statusCode).toBe(200);
  });
});
