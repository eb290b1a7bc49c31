import type { FcHttpEvent, InvokeOutcome } from '../runtime/types.js';

// What the FC service offers the others: ALB's Fc server groups name functions by ARN (`Servers.N.ServerId`,
// `@alicloud/alb20200616` AddServersToServerGroupRequest), check that one exists when it is added, and run it
// for each request the listener's data plane takes.

/** A function as another service refers to it. */
export interface FunctionRef {
  accountId: string;
  region: string;
  name: string;
  /** The ARN as given (possibly qualified, possibly FC 2.0). */
  arn: string;
  fcVersion: 'v3' | 'v2';
  qualifier?: string;
}

/** A function found by ARN, ready to run: what one data-plane request needs, looked up once. */
export interface FunctionHandle {
  ref: FunctionRef;
  /** Runs the function with the FC 3.0 HTTP event through the shared runtime. */
  invoke(event: FcHttpEvent): Promise<InvokeOutcome>;
}

export interface FunctionDirectory {
  findByArn(accountId: string, arn: string): FunctionRef | undefined;
  /** `findByArn` with the function bound for invocation. */
  target(accountId: string, arn: string): FunctionHandle | undefined;
  /** Runs the function `ref` names with `event`; undefined when it no longer exists. */
  invoke(ref: FunctionRef, event: FcHttpEvent): Promise<InvokeOutcome | undefined>;
}

/** The function directory one of `services` offers, if any. */
export function functionDirectoryOf(
  services: Readonly<Record<string, { functions?: FunctionDirectory } | undefined>>,
): FunctionDirectory | undefined {
  for (const service of Object.values(services)) if (service?.functions) return service.functions;
  return undefined;
}

/**
 * The function service refused to run a request because a capacity limit is reached (FC's throttling: reserved
 * concurrency, the account's instances). It carries what FC answers: a status, a code and a message naming the
 * limit; the listener passes them on (docs/emulator.md, "The data plane").
 */
export class InvocationThrottled extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Which limit: `reserved concurrency` or `account instance limit`. */
    readonly limit: string,
  ) {
    super(message);
    this.name = 'InvocationThrottled';
  }
}
