import { createRequire } from 'node:module';
import type * as AlbSdk from '@alicloud/alb20200616';
import type * as DnsSdk from '@alicloud/alidns20150109';
import type * as FcSdk from '@alicloud/fc20230330';
import type * as CoreSdk from '@alicloud/openapi-core';
import type * as StsSdk from '@alicloud/sts20150401';
import type { Service } from '../errors.js';
import { clientOptions, type Connection } from './connection.js';
import { installLazyModels } from './lazy-models.js';

// Each official SDK is loaded the first time one of its calls is made, not when the ports are built: a command
// pays only for the products it talks to, and loading one product overlaps the calls already in flight on another
// (docs/benchmarks.md, "SDKs loaded on first use").
//
// They are loaded with `require`, not `import()`: they are CommonJS, and Node's ESM loader scans every file a
// CommonJS module re-exports to find its named exports (cjs-module-lexer) — each SDK's index re-exports all of its
// hundreds of model files — which cost about 0.6 s of the three SDKs' 1.2 s (docs/benchmarks.md). Their models are
// loaded one by one when first used (src/cloud/sdk/lazy-models.ts).
//
// Loading is synchronous and takes 0.1–0.4 s of CPU, so loads run one at a time, each after two turns of the event
// loop: a request another product has just started is written to its socket first, and is answered while the
// next SDK loads.

export interface SdkModules {
  alb: typeof AlbSdk;
  fc: typeof FcSdk;
  alidns: typeof DnsSdk;
  sts: typeof StsSdk;
}

const requireSdk = createRequire(import.meta.url);

const PACKAGES: Record<Service, string> = {
  alb: '@alicloud/alb20200616',
  fc: '@alicloud/fc20230330',
  alidns: '@alicloud/alidns20150109',
  sts: '@alicloud/sts20150401',
};

interface Clients {
  alb: AlbSdk.default;
  fc: FcSdk.default;
  alidns: DnsSdk.default;
  sts: StsSdk.default;
}

/** A product's client and its request models, as the product's adapter uses them. */
export interface LoadedSdk<S extends Service> {
  sdk: SdkModules[S];
  client: Clients[S];
}

/** One product's client, built on first use. */
export interface SdkClient<S extends Service> {
  service: S;
  get(): Promise<LoadedSdk<S>>;
}

/** Loads one product's SDK at a time, in the order they are first needed; each at most once per process. */
export class SdkLoader {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly modules = new Map<Service, Promise<unknown>>();

  constructor(private readonly yieldToIo: () => Promise<void> = twoTurns) {}

  /** The product's module; the first call loads it (after the loads queued before it). */
  load<S extends Service>(service: S): Promise<SdkModules[S]> {
    let loaded = this.modules.get(service);
    if (!loaded) {
      loaded = this.queue.then(async () => {
        await this.yieldToIo();
        const main = requireSdk.resolve(PACKAGES[service]);
        installLazyModels(main, requireSdk.cache);
        return requireSdk(main) as SdkModules[S];
      });
      this.queue = loaded.catch(() => undefined);
      this.modules.set(service, loaded);
    }
    return loaded as Promise<SdkModules[S]>;
  }

  /** The client of `service` over `connection`: its SDK is loaded and the client built when first asked for. */
  client<S extends Service>(service: S, connection: Connection): SdkClient<S> {
    let built: Promise<LoadedSdk<S>> | undefined;
    return {
      service,
      get: () =>
        (built ??= this.load(service).then((sdk) => {
          const core = requireSdk('@alicloud/openapi-core') as typeof CoreSdk;
          const Client = clientClass(sdk);
          const client = new Client(new core.$OpenApiUtil.Config(clientOptions(service, connection)));
          return { sdk, client: client as LoadedSdk<S>['client'] };
        })),
    };
  }
}

/** The client class: `module.exports.default` of the compiled SDK (unwrapped once more by bundler-style loaders). */
function clientClass(sdk: { default: unknown }): new (config: unknown) => unknown {
  const inner = sdk.default as { default?: unknown };
  return (typeof inner === 'function' ? inner : inner.default) as new (config: unknown) => unknown;
}

/** Two turns of the event loop: a socket connected meanwhile gets its request written in the poll phase between. */
function twoTurns(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}
