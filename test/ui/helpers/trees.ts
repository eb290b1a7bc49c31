// The `tree` of result documents, as the runner builds it (src/runner/stack-tree.ts): the single function of
// the other fixtures, and the routes of issue 9 (users with a canary, orders just removed, web the default).
import type { StackTree, TreeResource } from '../../../src/runner/stack-tree.js';

const ALB_DNS = 'alb-seed0001.cn-hangzhou.alb.aliyuncs.com';
const ARN = (name: string) => `acs:fc:cn-hangzhou:1234567890123456:functions/${name}`;

/** A resource's mark: live (`state`) or what the run did (`action`), and anything else it carries. The ALB's is
 * `lookup`'s: only `status` marks it. */
export type Mark = Pick<TreeResource, 'state' | 'action' | 'status' | 'owned' | 'details'>;
type Marks = Partial<Record<string, Mark>>;

function node(resource: string, id: string, marks: Marks, fallback: Mark): TreeResource {
  return { resource, id, ...(marks[resource] ?? fallback) };
}

/** The single function of the other fixtures (hello-api in sgp-abc123 behind lsn-xyz789, api.example.com). */
export function singleTree(mark: Mark, marks: Marks = {}): StackTree {
  return {
    hosts: [{ host: 'api.example.com', ...node('dnsRecord', '9876543210', marks, mark) }],
    alb: { resource: 'lookup', id: 'alb-seed0001', dnsName: ALB_DNS, ...marks['lookup'] },
    listener: {
      ...node('listener', 'lsn-xyz789', marks, mark),
      port: 80,
      routes: [
        {
          route: 'default',
          default: true,
          backends: [
            {
              canary: false,
              serverGroup: node('serverGroup', 'sgp-abc123', marks, mark),
              server: node('server', `sgp-abc123/${ARN('hello-api')}`, marks, mark),
              function: { name: 'hello-api', ...node('function', ARN('hello-api'), marks, mark) },
            },
          ],
        },
      ],
    },
    retired: [],
  };
}

function backend(key: string, group: string, fn: string, marks: Marks, mark: Mark, weight?: number) {
  const canary = key.endsWith('/canary');
  return {
    ...(weight === undefined ? {} : { weight }),
    canary,
    serverGroup: node(`serverGroup:${key}`, group, marks, mark),
    server: node(`server:${key}`, `${group}/${ARN(fn)}`, marks, mark),
    function: { name: fn, ...node(`function:${key}`, ARN(fn), marks, mark) },
  };
}

/** The routes after a deploy that added a canary to users and removed orders. */
export function routesTree(mark: Mark, marks: Marks = {}): StackTree {
  return {
    hosts: [
      { host: 'hello.example.com', ...node('dnsRecord', 'r-hello', marks, mark) },
      { host: 'api.example.com', ...node('dnsRecord:api.example.com', 'r-api', marks, mark) },
      { host: 'orders.example.com', ...node('dnsRecord:orders.example.com', 'r-orders', marks, mark) },
    ],
    alb: { resource: 'lookup', id: 'alb-seed0001', dnsName: ALB_DNS, ...marks['lookup'] },
    listener: {
      ...node('listener', 'lsn-xyz789', marks, mark),
      port: 80,
      routes: [
        {
          route: 'users',
          default: false,
          host: 'api.example.com',
          path: '/users/*',
          priority: 10,
          rule: node('rule:users', 'rule-users', marks, mark),
          backends: [
            backend('users', 'sgp-users', 'default-users', marks, mark, 90),
            backend('users/canary', 'sgp-canary', 'default-users-canary', marks, mark, 10),
          ],
        },
        {
          route: 'orders',
          default: false,
          host: 'orders.example.com',
          priority: 20,
          rule: node('rule:orders', 'rule-orders', marks, mark),
          backends: [backend('orders', 'sgp-orders', 'default-orders', marks, mark, 100)],
        },
        {
          route: 'web',
          default: true,
          backends: [backend('web', 'sgp-web', 'default-web', marks, mark)],
        },
      ],
    },
    retired: [],
  };
}

/** What `deploy` did after adding the canary and removing orders from alb-fc.yaml. */
export const routesDeployMarks: Marks = {
  'rule:users': { action: 'updated' },
  'serverGroup:users/canary': { action: 'created' },
  'server:users/canary': { action: 'created' },
  'function:users/canary': { action: 'created' },
  'rule:orders': { action: 'deleted' },
  'serverGroup:orders': { action: 'deleted' },
  'server:orders': { action: 'deleted' },
  'function:orders': { action: 'deleted' },
  'dnsRecord:orders.example.com': { action: 'deleted' },
};
