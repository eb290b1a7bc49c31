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
// Loading is synchronous CPU work, so loads run one at a time, each after two turns of the event loop: a request
// another product has just started is written to its socket first, and is answered while the next SDK loads.

/** The products reached through their official Alibaba Cloud SDK (OSS has its own client library: oss-adapter.ts). */
export type SdkService = Exclude<Service, 'oss'>;

export interface SdkModules {
  alb: typeof AlbSdk;
  fc: typeof FcSdk;
  alidns: typeof DnsSdk;
  sts: typeof StsSdk;
}

const requireSdk = createRequire(import.meta.url);

const PACKAGES: Record<SdkService, string> = {
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
export interface LoadedSdk<S extends SdkService> {
  sdk: SdkModules[S];
  client: Clients[S];
}

/** One product's client, built on first use. */
export interface SdkClient<S extends SdkService> {
  service: S;
  get(): Promise<LoadedSdk<S>>;
}

/** How the loader loads and when; replaced in tests. */
export interface LoaderHooks {
  /** Loads a product's SDK module. */
  require(service: SdkService): unknown;
  /** Resolves once the requests already started have been written: two turns of the event loop. */
  yieldToIo(): Promise<void>;
  /** Runs `task` while the process waits for something else, without keeping it alive for it. */
  whenIdle(task: () => void): void;
}

interface Load {
  promise: Promise<unknown>;
  resolve(module: unknown): void;
  reject(error: unknown): void;
}

/**
 * Loads one product's SDK at a time, in the order they are first needed, each at most once. Once one of the
 * `prefetch` products has been loaded, the others of that group are loaded while the process waits on the network
 * (a deploy or a status needs all three), after any load a call is waiting for.
 */
export class SdkLoader {
  private readonly loads = new Map<SdkService, Load>();
  private readonly queue: SdkService[] = [];
  private pumping = false;
  private prefetching = false;

  constructor(
    private readonly prefetch: readonly SdkService[] = [],
    private readonly hooks: LoaderHooks = NODE_HOOKS,
  ) {}

  /** The product's module; the first call queues its load. */
  load<S extends SdkService>(service: S): Promise<SdkModules[S]> {
    let load = this.loads.get(service);
    if (!load) {
      let resolve!: Load['resolve'];
      let reject!: Load['reject'];
      const promise = new Promise<unknown>((ok, fail) => {
        resolve = ok;
        reject = fail;
      });
      load = { promise, resolve, reject };
      this.loads.set(service, load);
      this.queue.push(service);
      void this.pump();
    }
    return load.promise as Promise<SdkModules[S]>;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    let loadedPrefetchable = false;
    for (let service = this.queue.shift(); service; service = this.queue.shift()) {
      await this.hooks.yieldToIo();
      const load = this.loads.get(service) as Load;
      try {
        load.resolve(this.hooks.require(service));
        loadedPrefetchable ||= this.prefetch.includes(service);
      } catch (error) {
        load.reject(error);
      }
    }
    this.pumping = false;
    if (loadedPrefetchable) this.prefetchNext();
  }

  private prefetchNext(): void {
    if (this.prefetching || !this.prefetch.some((service) => !this.loads.has(service))) return;
    this.prefetching = true;
    this.hooks.whenIdle(() => {
      this.prefetching = false;
      const next = this.prefetch.find((service) => !this.loads.has(service));
      // A failure is reported to the call that needs the SDK, not here.
      if (next && !this.pumping) this.load(next).catch(() => undefined);
    });
  }

  /** The client of `service` over `connection`: its SDK is loaded and the client built when first asked for. */
  client<S extends SdkService>(service: S, connection: Connection): SdkClient<S> {
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

const NODE_HOOKS: LoaderHooks = {
  require(service) {
    const main = requireSdk.resolve(PACKAGES[service]);
    installLazyModels(main, requireSdk.cache);
    return requireSdk(main);
  },
  // A socket connected meanwhile gets its request written in the poll phase between the two turns.
  yieldToIo: () => new Promise((resolve) => setImmediate(() => setImmediate(resolve))),
  whenIdle: (task) => void setImmediate(task).unref(),
};
