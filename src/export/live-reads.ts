// What `alb-fc export` asks the cloud, read-only: each created function's settings (GetFunction) and deployed
// code (GetFunctionCode), each server group's health check and tags, the listener's tags. A resource the state
// records but the cloud no longer has stops the export before anything is written: the document would describe
// a stack that is not there.
import type { CloudPorts } from '../cloud/ports.js';
import { preflightError } from '../errors.js';
import type { ExportModel, LiveFacts } from './model.js';

export interface LiveReads {
  facts: LiveFacts;
  /** The ZIP of each created function, by name. */
  code: Map<string, Buffer>;
}

function drifted(what: string): Error {
  return preflightError(
    'EXPORT_DRIFTED',
    `${what} is in the stack's state but not in the cloud: the export would describe a stack that is not there`,
    'alb-fc status shows what drifted; alb-fc deploy puts it back',
  );
}

export async function readLiveFacts(
  cloud: Pick<CloudPorts, 'functions' | 'alb'>,
  model: ExportModel,
): Promise<LiveReads> {
  const facts: Required<LiveFacts> = { functions: {}, serverGroups: {}, listeners: {} };
  const code = new Map<string, Buffer>();
  const reads: Array<Promise<void>> = [];
  for (const fn of model.functions.filter((f) => f.managed)) {
    reads.push(
      (async () => {
        const [info, zip] = await Promise.all([cloud.functions.get(fn.name), cloud.functions.getCode(fn.name)]);
        if (!info || !zip) throw drifted(`function ${fn.name}`);
        facts.functions[fn.name] = info;
        code.set(fn.name, zip);
      })(),
    );
  }
  for (const group of model.serverGroups.filter((g) => g.managed)) {
    reads.push(
      (async () => {
        const info = await cloud.alb.getServerGroup(group.id);
        if (!info) throw drifted(`server group ${group.id}`);
        facts.serverGroups[group.id] = info;
      })(),
    );
  }
  const listener = model.listener;
  if (listener?.managed) {
    reads.push(
      (async () => {
        const info = await cloud.alb.getListener(listener.id);
        if (!info) throw drifted(`listener ${listener.id}`);
        facts.listeners[listener.id] = info;
      })(),
    );
  }
  // Every read finishes before the first failure is reported, in the order above: functions first.
  const failed = (await Promise.allSettled(reads)).find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return { facts, code };
}
