// The contract's `--json` document: exactly one per command, on stdout.
import type { ResourceAction, ResourceState, StepAction } from './steps/vocabulary.js';
/** A failure as the document reports it: alb-fc's code, the cloud's code and RequestId, what to do. */
export interface ErrorSummary {
  code: string;
  message: string;
  hint?: string;
  cloudCode?: string;
  requestId?: string;
  step?: string;
}

export type RunStatus = 'succeeded' | 'no_changes' | 'partial' | 'failed';

export interface ResultDocument {
  schemaVersion: 1;
  command: string;
  status: RunStatus;
  stack: string;
  region: string;
  resources: {
    function?: { name: string; arn: string; action: ResourceAction };
    serverGroup?: { id: string; action: ResourceAction };
    server?: { serverGroupId: string; functionArn: string; action: ResourceAction };
    listener?: { id: string; port: number; action: ResourceAction };
    dnsRecord?: { recordId: string; domain: string; value: string; action: ResourceAction };
  };
  test?: { url: string; via: 'dns' | 'alb-host-header'; status: number; body: string; curl?: string };
  durationMs: number;
  error?: ErrorSummary;
  /** Every failure when more than one step failed (`error` is the one that decided the exit code). */
  errors?: ErrorSummary[];
  /** `plan`: one entry per step, and how many steps take each action. */
  plan?: {
    changes: Array<{ resource: string; action: StepAction; detail: string; reasons: string[]; hint?: string }>;
    summary: Record<string, number>;
  };
  /** `status`: each resource of the state, live. */
  resourceStatus?: Array<{
    resource: string;
    state: ResourceState;
    id?: string;
    status?: string;
    owned?: boolean;
    details: string[];
  }>;
}
