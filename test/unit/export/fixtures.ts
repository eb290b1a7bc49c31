// States as deploy leaves them, for the export generators: routes with a canary and the 404 catch-all, a
// stack on an adopted function, a stack without DNS.
import type { AnyStepRecord, StackState } from '../../../src/state/schema.js';

const AT = '2025-06-01T00:00:00.000Z';
const ACCOUNT = '1000000000000001';
const ALB = 'alb-8285wrazdobumyl8ap';
const ALB_DNS = `${ALB}.cn-hangzhou.alb.aliyuncs.com`;
const TAGS = { 'alb-fc:stack': 'shop', 'alb-fc:managed-by': 'alb-fc' };

function ready(outputs: unknown, owned = true): AnyStepRecord {
  return { status: 'ready', owned, outputs, updatedAt: AT } as AnyStepRecord;
}

function fn(name: string) {
  return {
    name,
    arn: `acs:fc:cn-hangzhou:${ACCOUNT}:functions/${name}`,
    mode: 'create' as const,
    runtime: 'nodejs20',
    handler: 'index.handler',
    memorySize: 128,
    timeout: 10,
    codeChecksum: '123',
  };
}

function base(steps: Record<string, AnyStepRecord>): StackState {
  return {
    schemaVersion: 2,
    stack: 'shop',
    region: 'cn-hangzhou',
    epoch: 'e1',
    createdAt: AT,
    updatedAt: AT,
    lookup: {
      outputs: { loadBalancerId: ALB, dnsName: ALB_DNS, addressType: 'Internet', zone: 'example.com', rr: 'www' },
      updatedAt: AT,
    },
    steps,
  } as StackState;
}

/** users (api.example.com/users/*, 10% to a canary) and orders (orders.example.com); no default route: a 404. */
export function routesState(): StackState {
  return base({
    'function:users': ready(fn('shop-users')),
    'serverGroup:users': ready({ id: 'sgp-users', name: 'alb-fc-shop-users' }),
    'server:users': ready({ serverGroupId: 'sgp-users', functionArn: fn('shop-users').arn }),
    'function:users/canary': ready({ ...fn('shop-users-canary'), reservedConcurrency: 4 }),
    'serverGroup:users/canary': ready({ id: 'sgp-canary', name: 'alb-fc-shop-users-canary' }),
    'server:users/canary': ready({ serverGroupId: 'sgp-canary', functionArn: fn('shop-users-canary').arn }),
    'function:orders': ready(fn('shop-orders')),
    'serverGroup:orders': ready({ id: 'sgp-orders', name: 'alb-fc-shop-orders' }),
    'server:orders': ready({ serverGroupId: 'sgp-orders', functionArn: fn('shop-orders').arn }),
    listener: ready({ id: 'lsn-1', loadBalancerId: ALB, port: 80, serverGroupId: 'sgp-users' }),
    'rule:users': ready({
      id: 'rule-users',
      listenerId: 'lsn-1',
      name: 'alb-fc-shop-users',
      priority: 10,
      host: 'api.example.com',
      path: '/users/*',
      targets: [
        { serverGroupId: 'sgp-users', weight: 90 },
        { serverGroupId: 'sgp-canary', weight: 10 },
      ],
    }),
    'rule:orders': ready({
      id: 'rule-orders',
      listenerId: 'lsn-1',
      name: 'alb-fc-shop-orders',
      priority: 20,
      host: 'orders.example.com',
      targets: [{ serverGroupId: 'sgp-orders', weight: 100 }],
    }),
    'rule:_fallback': ready({
      id: 'rule-404',
      listenerId: 'lsn-1',
      name: 'alb-fc-shop-not-found',
      priority: 30,
      path: '/*',
      targets: [],
      fixedStatus: 404,
    }),
    dnsRecord: ready({
      recordId: '1001',
      zone: 'example.com',
      rr: 'www',
      domain: 'www.example.com',
      value: ALB_DNS,
      ttl: 600,
    }),
    'dnsRecord:api.example.com': ready({
      recordId: '1002',
      zone: 'example.com',
      rr: 'api',
      domain: 'api.example.com',
      value: ALB_DNS,
      ttl: 600,
    }),
    'dnsRecord:orders.example.com': ready({
      recordId: '1003',
      zone: 'example.com',
      rr: 'orders',
      domain: 'orders.example.com',
      value: ALB_DNS,
      ttl: 600,
    }),
  });
}

/** One function given by --function-arn, with --skip-dns. */
export function adoptedFunctionState(): StackState {
  const arn = `acs:fc:cn-hangzhou:${ACCOUNT}:functions/legacy`;
  return base({
    function: ready({ name: 'legacy', arn, mode: 'existing' }, false),
    serverGroup: ready({ id: 'sgp-1', name: 'alb-fc-shop' }),
    server: ready({ serverGroupId: 'sgp-1', functionArn: arn }),
    listener: ready({ id: 'lsn-1', loadBalancerId: ALB, port: 8080, serverGroupId: 'sgp-1' }),
  });
}

/** The single-function stack of the flags, with --skip-dns. */
export function singleState(): StackState {
  return base({
    function: ready(fn('alb-fc-shop')),
    serverGroup: ready({ id: 'sgp-1', name: 'alb-fc-shop' }),
    server: ready({ serverGroupId: 'sgp-1', functionArn: fn('alb-fc-shop').arn }),
    listener: ready({ id: 'lsn-1', loadBalancerId: ALB, port: 80, serverGroupId: 'sgp-1' }),
  });
}

export const FIXTURE = { ALB, ALB_DNS, TAGS };
