// FC 3.0 in memory (the FC of docs/emulator.md): functions by name, tags set by CreateFunction, a checksum that is
// the crc64 of the uploaded ZIP, Pending → Active after a delay, InProgress → Successful after an update.
import type {
  FunctionInfo,
  FunctionsPort,
  FunctionSpec,
  FunctionUpdate,
  InvocationResult,
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
    return this.world.call('fc', 'DeleteFunction', true, () => (this.items.delete(name) ? 'deleted' : 'absent'));
  }

  listByTags(tags: Tags): Promise<FunctionInfo[]> {
    return this.world.call('fc', 'ListFunctions', false, () =>
      [...this.items.values()]
        .filter((f) => Object.entries(tags).every(([k, v]) => f.tags[k] === v))
        .map((f) => this.info(f)),
    );
  }
}
