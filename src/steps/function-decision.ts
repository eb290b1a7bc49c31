// Create, adopt, update, keep or refuse the function (step 1). FC 3.0 has no ClientToken, so a function is
// recognised by its name plus the stack's tags (set atomically by CreateFunction), or by the ARN in the state.
import type { FunctionInfo } from '../cloud/ports.js';
import type { FunctionOutputs, StepRecord } from '../state/schema.js';
import { settingsCapacityChanges } from './capacity-decision.js';
import { describeOwner, isOurs } from './ownership.js';
import type { Decision } from './step.js';

export interface FunctionDesired {
  name: string;
  runtime: string;
  handler: string;
  memorySize: number;
  timeout: number;
  /** Only when asked for: FC chooses otherwise (src/steps/capacity-rules.ts). */
  cpu?: number;
  instanceConcurrency?: number;
  /** crc64 of the ZIP that would be uploaded (decimal string, as FC reports `codeChecksum`). */
  codeChecksum: string;
}

export type FunctionDecision = Decision & {
  /** What differs from the live function, one line each. */
  changes: string[];
  owned: boolean;
  /** A function this stack created under another name, to delete once nothing uses it. */
  retire?: FunctionOutputs;
};

export function functionChanges(desired: FunctionDesired, found: FunctionInfo): string[] {
  const changes: string[] = [];
  if (found.codeChecksum !== desired.codeChecksum) {
    changes.push(`code checksum ${found.codeChecksum || '(none)'} → ${desired.codeChecksum}`);
  }
  if (found.runtime !== desired.runtime) changes.push(`runtime ${found.runtime} → ${desired.runtime}`);
  if (found.handler !== desired.handler) changes.push(`handler ${found.handler} → ${desired.handler}`);
  if (found.memorySize !== desired.memorySize) changes.push(`memory ${found.memorySize} MB → ${desired.memorySize} MB`);
  if (found.timeout !== desired.timeout) changes.push(`timeout ${found.timeout}s → ${desired.timeout}s`);
  changes.push(...settingsCapacityChanges(desired, found));
  return changes;
}

export function decideFunction(input: {
  stack: string;
  desired: FunctionDesired;
  found: FunctionInfo | undefined;
  record: StepRecord<FunctionOutputs> | undefined;
}): FunctionDecision {
  const { stack, desired, found, record } = input;
  const recorded = record?.outputs?.mode === 'create' ? record.outputs : undefined;
  const retire = recorded && recorded.name !== desired.name && record?.owned ? recorded : undefined;
  const prefix = retire ? [`renamed from ${retire.name}: ${retire.name} is deleted once nothing uses it`] : [];
  const base = { ...(retire ? { retire } : {}) };

  if (!found) {
    const pending = record?.status === 'pending' && record.intent?.request['name'] === desired.name;
    return {
      ...base,
      action: 'create',
      changes: [],
      owned: true,
      reasons: [
        ...prefix,
        pending
          ? 'resuming an interrupted create'
          : recorded?.name === desired.name
            ? `function ${desired.name} recorded in state no longer exists; it is created again`
            : `function ${desired.name} does not exist yet`,
      ],
    };
  }

  const recordedHere = recorded?.name === desired.name && recorded.arn === found.arn;
  const ours = isOurs(found.tags, stack);
  if (!ours && !recordedHere) {
    return {
      ...base,
      action: 'conflict',
      changes: [],
      owned: false,
      reasons: [...prefix, `a function named ${desired.name} already exists and ${describeOwner(found.tags)}`],
      hint: 'Choose another --function-name, or pass --function-arn to put that function behind the ALB as it is.',
    };
  }
  // Tags prove this stack created it (they are set by CreateFunction itself), so it is owned even when the
  // state was lost; a function only in the state (tags removed by hand) keeps the state's ownership.
  const owned = ours || (record?.owned ?? false);
  const changes = functionChanges(desired, found);
  const adopting = recordedHere ? [] : [`found ${found.arn} by name and its alb-fc tags; adopting it into the state`];
  if (changes.length > 0) {
    return { ...base, action: 'update', changes, owned, reasons: [...prefix, ...adopting, ...changes] };
  }
  return {
    ...base,
    action: recordedHere ? 'unchanged' : 'adopt',
    changes,
    owned,
    reasons: [...prefix, ...adopting],
  };
}
