import { resourceId } from '../../core/ids.js';
import type { ServiceModule } from '../../core/service.js';
import type { AlbRuntime } from './context.js';
import { makeLoadBalancer } from './seed.js';
import { loadBalancerAttributeShape } from './shapes.js';
import type { LoadBalancerRecord } from './state.js';

// Admin routes of the ALB service (loopback, unsigned), for what the modelled APIs cannot create:
//   POST   /_emulator/alb/load-balancers  {accountId?, region?, name?, addressType?, status?, businessStatus?, edition?}
//          adds a load balancer (e.g. Intranet, Inactive, or financially locked: business status Abnormal)
//   POST   /_emulator/alb/job-failures    {apiName?, count?, code?, message?}  the next jobs of that API end Failed
//   GET    /_emulator/alb/job-failures    DELETE clears them

type Routes = NonNullable<ServiceModule['adminRoutes']>;

const STATUSES = ['Active', 'Inactive', 'Provisioning', 'CreateFailed'];

function parse(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  const value: unknown = text === '' ? {} : JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('expected a JSON object');
  return value as Record<string, unknown>;
}

function bad(message: string): { status: number; json: unknown } {
  return { status: 400, json: { error: message } };
}

export function albAdminRoutes(runtime: AlbRuntime): Routes {
  return {
    'POST /_emulator/alb/load-balancers': async ({ body }) => {
      const env = runtime.env;
      if (!env) return { status: 503, json: { error: 'the ALB service is not started' } };
      let input: Record<string, unknown>;
      try {
        input = parse(body);
      } catch (error) {
        return bad(`invalid body: ${(error as Error).message}`);
      }
      const accountId = (input.accountId as string | undefined) ?? env.accounts[0]?.accountId ?? '';
      if (!env.accounts.some((a) => a.accountId === accountId)) return bad(`unknown account ${accountId}`);
      const region = (input.region as string | undefined) ?? env.region;
      const addressType = input.addressType ?? 'Internet';
      if (addressType !== 'Internet' && addressType !== 'Intranet') return bad('addressType is Internet or Intranet');
      const status = (input.status as string | undefined) ?? 'Active';
      if (!STATUSES.includes(status)) return bad(`status is one of ${STATUSES.join(', ')}`);
      const businessStatus = input.businessStatus ?? 'Normal';
      if (businessStatus !== 'Normal' && businessStatus !== 'Abnormal')
        return bad('businessStatus is Normal or Abnormal');
      const edition = input.edition ?? 'Standard';
      if (edition !== 'Basic' && edition !== 'Standard' && edition !== 'StandardWithWaf') {
        return bad('edition is Basic, Standard or StandardWithWaf');
      }
      const now = env.clock.now();
      const scope = runtime.scope(env.world, accountId, region, now);
      const lb = makeLoadBalancer(accountId, region, now, {
        id: resourceId('alb'),
        name: typeof input.name === 'string' ? input.name : 'alb-fc-extra',
        addressType,
        edition,
        baseStatus: status as LoadBalancerRecord['baseStatus'],
        businessStatus,
      });
      // Same VPC as the account's first load balancer, so server groups fit either of them.
      const first = scope.loadBalancers[0];
      if (first) lb.vpcId = first.vpcId;
      scope.loadBalancers.push(lb);
      await runtime.loadBalancerAdded(lb.id);
      await env.world.save();
      return { status: 200, json: { accountId, ...loadBalancerAttributeShape(lb) } };
    },
    'POST /_emulator/alb/job-failures': async ({ body }) => {
      let input: Record<string, unknown>;
      try {
        input = parse(body);
      } catch (error) {
        return bad(`invalid body: ${(error as Error).message}`);
      }
      const count = input.count === undefined ? 1 : Number(input.count);
      if (!Number.isInteger(count) || count < 1) return bad('count is a positive integer');
      const rule = runtime.failures.add({
        ...(typeof input.apiName === 'string' ? { apiName: input.apiName } : {}),
        remaining: count,
        code: typeof input.code === 'string' ? input.code : 'InternalError',
        message:
          typeof input.message === 'string'
            ? input.message
            : 'The request processing has failed due to some unknown error.',
      });
      return { status: 200, json: { rule } };
    },
    'GET /_emulator/alb/job-failures': async () => ({ status: 200, json: { rules: runtime.failures.list() } }),
    'DELETE /_emulator/alb/job-failures': async () => {
      runtime.failures.clear();
      return { status: 200, json: { rules: [] } };
    },
  };
}
