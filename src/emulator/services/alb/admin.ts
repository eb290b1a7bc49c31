import { resourceId } from '../../core/ids.js';
import { accountIdOf, AdminInputError } from '../../core/admin-input.js';
import type { AdminRoutes } from '../../core/service.js';
import type { AlbRuntime } from './context.js';
import { makeLoadBalancer } from './seed.js';
import type { ListenerRecord } from './state.js';
import { loadBalancerAttributeShape } from './shapes.js';

// Admin routes of the ALB service (loopback, unsigned), for what the modelled APIs cannot create:
//   POST   /_emulator/alb/load-balancers  {accountId?, region?, name?, addressType?, status?, businessStatus?, edition?}
//          adds a load balancer (e.g. Intranet, Inactive, or financially locked: business status Abnormal)
//   POST   /_emulator/alb/listeners       {loadBalancerId, port, protocol? (HTTPS|QUIC, default HTTPS), accountId?, region?}
//          adds a Running listener of a protocol the API cannot create here (HTTPS and QUIC need a certificate, and
//          the local cloud has no certificate service), with no default action
//   POST   /_emulator/alb/job-failures    {apiName?, count?, code?, message?}  the next jobs of that API end Failed
//   GET    /_emulator/alb/job-failures    DELETE clears them

const STATUSES = ['Active', 'Inactive', 'Provisioning', 'CreateFailed'] as const;

/** `value` when it is one of `allowed`, else the admin API's 400 with `message`. */
function choice<T extends string>(value: unknown, allowed: readonly T[], message: string): T {
  const found = allowed.find((option) => option === value);
  if (found === undefined) throw new AdminInputError(message);
  return found;
}

export function albAdminRoutes(runtime: AlbRuntime): AdminRoutes {
  return {
    'POST /_emulator/alb/load-balancers': async ({ body: input, env }) => {
      const accountId = accountIdOf(env, input.accountId);
      const region = typeof input.region === 'string' ? input.region : env.region;
      const addressType = choice(
        input.addressType ?? 'Internet',
        ['Internet', 'Intranet'],
        'addressType is Internet or Intranet',
      );
      const status = choice(input.status ?? 'Active', STATUSES, `status is one of ${STATUSES.join(', ')}`);
      const businessStatus = choice(
        input.businessStatus ?? 'Normal',
        ['Normal', 'Abnormal'],
        'businessStatus is Normal or Abnormal',
      );
      const edition = choice(
        input.edition ?? 'Standard',
        ['Basic', 'Standard', 'StandardWithWaf'],
        'edition is Basic, Standard or StandardWithWaf',
      );
      const now = env.clock.now();
      const scope = runtime.scope(env.world, accountId, region, now);
      const lb = makeLoadBalancer(accountId, region, now, {
        id: resourceId('alb'),
        name: typeof input.name === 'string' ? input.name : 'alb-fc-extra',
        addressType,
        edition,
        baseStatus: status,
        businessStatus,
      });
      // Its VPC derives from the account and region, as the seeded one's: server groups fit either of them.
      scope.loadBalancers.push(lb);
      await runtime.loadBalancerAdded(lb.id);
      return { json: { accountId, ...loadBalancerAttributeShape(lb) } };
    },
    'POST /_emulator/alb/listeners': ({ body: input, env }) => {
      const accountId = accountIdOf(env, input.accountId);
      const region = typeof input.region === 'string' ? input.region : env.region;
      const now = env.clock.now();
      const scope = runtime.scope(env.world, accountId, region, now);
      const lb = scope.loadBalancers.find((l) => l.id === input.loadBalancerId);
      if (!lb) throw new AdminInputError('loadBalancerId names no load balancer of that account and region');
      const port = Number(input.port);
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new AdminInputError('port is 1-65535');
      if (scope.listeners.some((l) => l.loadBalancerId === lb.id && l.port === port)) {
        throw new AdminInputError(`port ${port} already has a listener`);
      }
      const protocol = choice(input.protocol ?? 'HTTPS', ['HTTPS', 'QUIC'], 'protocol is HTTPS or QUIC');
      const listener = seededListener(lb.id, port, protocol, now);
      scope.listeners.push(listener);
      return { json: { accountId, ListenerId: listener.id, ListenerProtocol: protocol, ListenerPort: port } };
    },
    'POST /_emulator/alb/job-failures': ({ body: input }) => {
      const count = input.count === undefined ? 1 : Number(input.count);
      if (!Number.isInteger(count) || count < 1) throw new AdminInputError('count is a positive integer');
      const rule = runtime.failures.add({
        ...(typeof input.apiName === 'string' ? { apiName: input.apiName } : {}),
        remaining: count,
        code: typeof input.code === 'string' ? input.code : 'InternalError',
        message:
          typeof input.message === 'string'
            ? input.message
            : 'The request processing has failed due to some unknown error.',
      });
      return { json: { rule } };
    },
    'GET /_emulator/alb/job-failures': () => ({ json: { rules: runtime.failures.list() } }),
    'DELETE /_emulator/alb/job-failures': () => {
      runtime.failures.clear();
      return { json: { rules: [] } };
    },
  };
}

/** A Running listener as CreateListener would leave it, with no default action (nothing to forward to). */
function seededListener(loadBalancerId: string, port: number, protocol: string, now: number): ListenerRecord {
  return {
    id: resourceId('lsn'),
    loadBalancerId,
    port,
    protocol,
    requestTimeout: 60,
    idleTimeout: 15,
    gzipEnabled: true,
    http2Enabled: true,
    caEnabled: false,
    xForwardedFor: {},
    defaultActions: [],
    tags: [],
    createdAt: now,
    status: 'Running',
  };
}
