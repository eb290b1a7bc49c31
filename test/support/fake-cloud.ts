// A small, honest in-memory implementation of the cloud ports for the runner tests (not the local cloud:
// test/integration drives the real SDK adapters against it). Seeded like the procedure's prerequisites: one
// Active, Internet-facing ALB and one DNS zone.
import type { CloudPorts, IdentityPort } from '../../src/cloud/ports.js';
import { FakeAlb } from './fake-alb.js';
import type { FakeClock } from './fake-clock.js';
import { FakeDns } from './fake-dns.js';
import { FakeFunctions } from './fake-fc.js';
import { FakeNetwork } from './fake-network.js';
import { DEFAULT_TIMINGS, World, type Timings } from './fake-world.js';

export const REGION = 'cn-hangzhou';
export const ACCOUNT = '1234567890123456';
export const LB_ID = 'alb-seed0000000001';
export const LB_DNS = `${LB_ID}.${REGION}.alb.aliyuncs.com`;
export const ZONE = 'example.com';

export interface FakeCloudOptions {
  clock: FakeClock;
  timings?: Partial<Timings>;
  listLagMs?: number;
}

export class FakeCloud implements CloudPorts {
  readonly region = REGION;
  readonly world: World;
  readonly functions: FakeFunctions;
  readonly alb: FakeAlb;
  readonly dns: FakeDns;
  readonly network: FakeNetwork;
  readonly identity: IdentityPort;

  constructor(options: FakeCloudOptions) {
    this.world = new World(
      options.clock,
      REGION,
      ACCOUNT,
      { ...DEFAULT_TIMINGS, ...options.timings },
      options.listLagMs ?? 0,
    );
    this.functions = new FakeFunctions(this.world);
    this.alb = new FakeAlb(this.world);
    this.dns = new FakeDns(this.world);
    this.network = new FakeNetwork(this.alb, this.dns, this.functions);
    this.identity = {
      whoami: () =>
        this.world.call('sts', 'GetCallerIdentity', false, () => ({
          accountId: ACCOUNT,
          arn: `acs:ram::${ACCOUNT}:user/tester`,
          identityType: 'RAMUser',
        })),
    };
    this.alb.loadBalancers.set(LB_ID, {
      id: LB_ID,
      name: 'seeded',
      dnsName: LB_DNS,
      addressType: 'Internet',
      status: 'Active',
      busyUntil: 0,
    });
    this.dns.zones.add(ZONE);
  }
}
