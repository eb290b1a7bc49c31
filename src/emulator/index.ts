import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../clock.js';
import type { ReadyInfo } from '../local-cloud-contract.js';
import { defaultAccounts, type Account } from './auth/accounts.js';
import { NonceCache } from './auth/authenticate.js';
import { CallLog } from './core/call-log.js';
import { Faults } from './core/faults.js';
import { Idempotency } from './core/idempotency.js';
import { loadLatency } from './core/latency.js';
import { backendDirectoryOf } from './core/backend-directory.js';
import { functionDirectoryOf } from './core/function-directory.js';
import type { ServiceEnv, ServiceSet } from './core/service.js';
import { World } from './core/world.js';
import { DEFAULT_BEHAVIOUR, type LocalCloudOptions } from './options.js';
import { createLocalCloudServer } from './server.js';
import { createServices } from './services/index.js';

export type { LocalCloudOptions } from './options.js';
export type { ReadyInfo } from '../local-cloud-contract.js';

export interface LocalCloud {
  readonly endpoint: string;
  readonly port: number;
  readonly info: ReadyInfo;
  readonly faults: Faults;
  readonly calls: CallLog;
  readonly services: ServiceSet;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the local cloud: ALB, FC, Alidns, STS and OSS on one loopback HTTP endpoint. */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const host = options.host ?? '127.0.0.1';
  const region = options.region ?? 'cn-hangzhou';
  const accounts: Account[] = options.accounts ?? defaultAccounts();
  const clock = options.clock ?? systemClock;
  const behaviour = { ...DEFAULT_BEHAVIOUR, ...options.behaviour };
  const latency = loadLatency(options.latency ?? 'none');
  const world = await World.open(options.dataDir);
  const idempotency = new Idempotency(() => world.data.idempotency);
  idempotency.forgetUnfinished();
  const ownWorkDir = options.dataDir === undefined;
  const workDir = options.dataDir
    ? join(options.dataDir, 'functions')
    : await mkdtemp(join(tmpdir(), 'alb-fc-local-cloud-'));
  await mkdir(workDir, { recursive: true });

  const random = options.random ?? Math.random;
  const services: ServiceSet = {};
  for (const service of createServices()) services[service.name] = service;
  const env: ServiceEnv = {
    world,
    clock,
    region,
    accounts,
    latency,
    options: behaviour,
    workDir,
    random,
    functions: () => functionDirectoryOf(services),
    backends: () => backendDirectoryOf(services),
  };
  const startServices = async (): Promise<void> => {
    for (const service of Object.values(services)) await service?.start?.(env);
  };
  const stopServices = async (): Promise<void> => {
    for (const service of Object.values(services)) await service?.stop?.();
  };

  const faults = new Faults(random);
  const calls = new CallLog();
  let endpoint = '';
  const info = (): ReadyInfo => {
    const account = accounts[0]!;
    const key = account.keys[0]!;
    let fields: Record<string, unknown> = {};
    for (const service of Object.values(services)) fields = { ...fields, ...service?.readyFields?.(account.accountId) };
    return {
      event: 'ready',
      endpoint,
      region,
      accountId: account.accountId,
      accessKeyId: key.accessKeyId,
      accessKeySecret: key.accessKeySecret,
      loadBalancers: [],
      domains: [],
      buckets: [],
      ...fields,
    };
  };
  const reset = async (): Promise<void> => {
    await stopServices();
    world.reset();
    calls.clear();
    faults.clear();
    await startServices();
    await world.save();
  };

  const server = createLocalCloudServer(
    {
      world,
      services,
      accounts,
      clock,
      latency,
      faults,
      calls,
      options: behaviour,
      paging: { defaultSize: 20, maxPageSize: options.maxPageSize },
      region,
      nonces: new NonceCache(behaviour.maxClockSkewMs),
      idempotency,
      onInternalError: options.onInternalError,
    },
    { info, services, env, faults, calls, reset },
  );
  let port: number;
  try {
    await startServices();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    port = (server.address() as AddressInfo).port;
    endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    await world.save();
  } catch (error) {
    // A start that fails (a port in use, an unreadable data dir) leaves nothing behind: no server, no
    // data-plane or refusing ports, no instances, no temp dir.
    server.close();
    await stopServices().catch(() => undefined);
    if (ownWorkDir) await rm(workDir, { recursive: true, force: true });
    throw error;
  }

  return {
    endpoint,
    port,
    get info() {
      return info();
    },
    faults,
    calls,
    services,
    reset,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await stopServices();
      await world.save();
      if (ownWorkDir) await rm(workDir, { recursive: true, force: true });
    },
  };
}
