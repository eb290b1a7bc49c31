// FC 3.0 in memory (the FC of docs/emulator.md): functions by name, tags set by CreateFunction, a checksum that is
// the crc64 of the uploaded ZIP, Pending → Active after a delay, InProgress → Successful after an update.
import type {
  FunctionInfo,
  FunctionsPort,
  FunctionSpec,
  FunctionUpdate,
  InvocationResult,
  ProvisionInfo,
  Tags,
  TriggerInfo,
} from '../../src/cloud/ports.js';
import { crc64 } from '../../src/lib/crc64.js';
import { cloudError } from './cloud-error.js';
import type { World } from './fake-world.js';

export interface FakeFunction {
  name: string;
  runtime: string;
  handler: string;
  memorySize: number;
  timeout: number;
  cpu?: number | undefined;
  instanceConcurrency?: number | undefined;
  description: string;
  zip: Buffer;
  tags: Tags;
  activeAt: number;
  updatedAt: number;
}

export class FakeFunctions implements FunctionsPort {
  readonly items = new Map<string, FakeFunction>();
  /** Triggers by FC 3.0 function name, including FC 2.0 functions seen through FC 3.0 (`service$function`). */
  readonly triggers = new Map<string, TriggerInfo[]>();
  /** PutConcurrencyConfig values by function name. */
  readonly reserved = new Map<string, number>();
  /** PutProvisionConfig targets by function name (current follows at once). */
  readonly provisioned = new Map<string, number>();

  constructor(private readonly world: World) {}

  arn(name: string): string {
    return `acs:fc:${this.world.region}:${this.world.accountId}:functions/${name}`;
  }

  info(f: FakeFunction): FunctionInfo {
    const now = this.world.now();
    return {
      name: f.name,
      arn: this.arn(f.name),
      runtime: f.runtime,
      handler: f.handler,
      memorySize: f.memorySize,
      timeout: f.timeout,
      ...(f.cpu === undefined ? {} : { cpu: f.cpu }),
      ...(f.instanceConcurrency === undefined ? {} : { instanceConcurrency: f.instanceConcurrency }),
      description: f.description,
      codeChecksum: crc64(f.zip),
      codeSize: f.zip.length,
      state: now < f.activeAt ? 'Pending' : 'Active',
      lastUpdateStatus: now < f.updatedAt ? 'InProgress' : 'Successful',
      tags: { ...f.tags },
    };
  }

  get(name: string): Promise<FunctionInfo | undefined> {
    return this.world.call('fc', 'GetFunction', false, () => {
      const f = this.items.get(name);
      return f ? this.info(f) : undefined;
    });
  }

  getCode(name: string): Promise<Buffer | undefined> {
    return this.world.call('fc', 'GetFunctionCode', false, () => this.items.get(name)?.zip);
  }

  create(spec: FunctionSpec): Promise<FunctionInfo> {
    return this.world.call('fc', 'CreateFunction', true, () => {
      if (this.items.has(spec.name)) {
        throw cloudError(
          'fc',
          'CreateFunction',
          'FunctionAlreadyExists',
          409,
          `function '${spec.name}' already exists`,
        );
      }
      const now = this.world.now();
      const f: FakeFunction = {
        name: spec.name,
        runtime: spec.runtime,
        handler: spec.handler,
        memorySize: spec.memorySize,
        timeout: spec.timeout,
        cpu: spec.cpu,
        instanceConcurrency: spec.instanceConcurrency,
        description: spec.description ?? '',
        zip: Buffer.from(spec.zipFile),
        tags: { ...spec.tags },
        activeAt: now + this.world.timings.functionActivateMs,
        updatedAt: now,
      };
      this.items.set(spec.name, f);
      return this.info(f);
    });
  }

  update(name: string, update: FunctionUpdate): Promise<FunctionInfo> {
    return this.world.call('fc', 'UpdateFunction', true, () => {
      const f = this.items.get(name);
      if (!f) throw cloudError('fc', 'UpdateFunction', 'FunctionNotFound', 404, `function '${name}' does not exist`);
      if (this.world.now() < f.updatedAt) throw cloudError('fc', 'UpdateFunction', 'ConcurrentUpdateError', 409);
      Object.assign(f, {
        runtime: update.runtime,
        handler: update.handler,
        memorySize: update.memorySize,
        timeout: update.timeout,
        ...(update.cpu === undefined ? {} : { cpu: update.cpu }),
        ...(update.instanceConcurrency === undefined ? {} : { instanceConcurrency: update.instanceConcurrency }),
        zip: Buffer.from(update.zipFile),
        updatedAt: this.world.now() + this.world.timings.functionUpdateMs,
      });
      return this.info(f);
    });
  }

  /** The engine never invokes; `alb-fc function invoke` is tested against the local cloud. Answers the payload. */
  invoke(name: string, request: { payload: Buffer }): Promise<InvocationResult> {
    return this.world.call('fc', 'InvokeFunction', false, () => {
      if (!this.items.has(name)) {
        throw cloudError('fc', 'InvokeFunction', 'FunctionNotFound', 404, `function '${name}' does not exist`);
      }
      return { statusCode: 200, body: Buffer.from(request.payload) };
    });
  }

  listTriggers(name: string): Promise<TriggerInfo[] | undefined> {
    return this.world.call('fc', 'ListTriggers', false, () => {
      const triggers = this.triggers.get(name);
      return triggers ? triggers.map((t) => ({ ...t })) : this.items.has(name) ? [] : undefined;
    });
  }

  delete(name: string): Promise<'deleted' | 'absent'> {
    return this.world.call('fc', 'DeleteFunction', true, () => {
      // FC refuses while provisioned instances exist (devsapp/fc3 retries DeleteFunction on ProvisionConfigExist).
      if ((this.provisioned.get(name) ?? 0) > 0) throw cloudError('fc', 'DeleteFunction', 'ProvisionConfigExist', 400);
      this.reserved.delete(name);
      return this.items.delete(name) ? 'deleted' : 'absent';
    });
  }

  getReservedConcurrency(name: string): Promise<number | undefined> {
    return this.world.call('fc', 'GetConcurrencyConfig', false, () =>
      this.items.has(name) ? this.reserved.get(name) : undefined,
    );
  }

  setReservedConcurrency(name: string, reservedConcurrency: number): Promise<void> {
    return this.world.call('fc', 'PutConcurrencyConfig', true, () => {
      this.must(name, 'PutConcurrencyConfig');
      this.reserved.set(name, reservedConcurrency);
    });
  }

  clearReservedConcurrency(name: string): Promise<'deleted' | 'absent'> {
    return this.world.call('fc', 'DeleteConcurrencyConfig', true, () => {
      if (!this.items.has(name)) return 'absent';
      this.reserved.delete(name);
      return 'deleted';
    });
  }

  getProvisioned(name: string): Promise<ProvisionInfo | undefined> {
    return this.world.call('fc', 'GetProvisionConfig', false, () => this.provisionOf(name));
  }

  setProvisioned(name: string, target: number): Promise<ProvisionInfo> {
    return this.world.call('fc', 'PutProvisionConfig', true, () => {
      this.must(name, 'PutProvisionConfig');
      this.provisioned.set(name, target);
      return this.provisionOf(name)!;
    });
  }

  clearProvisioned(name: string): Promise<'deleted' | 'absent'> {
    return this.world.call('fc', 'DeleteProvisionConfig', true, () => {
      if (!this.items.has(name)) return 'absent';
      this.provisioned.delete(name);
      return 'deleted';
    });
  }

  private provisionOf(name: string): ProvisionInfo | undefined {
    if (!this.items.has(name)) return undefined;
    const target = this.provisioned.get(name) ?? 0;
    return { target, current: target };
  }

  private must(name: string, action: string): void {
    if (!this.items.has(name))
      throw cloudError('fc', action, 'FunctionNotFound', 404, `function '${name}' does not exist`);
  }

  listByTags(tags: Tags): Promise<FunctionInfo[]> {
    return this.world.call('fc', 'ListFunctions', false, () =>
      [...this.items.values()]
        .filter((f) => Object.entries(tags).every(([k, v]) => f.tags[k] === v))
        .map((f) => this.info(f)),
    );
  }
}
