// The contract's `--json` document: exactly one per command, on stdout.
import type { ResourceAction } from './runner/events.js';

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
  error?: { code: string; message: string; hint?: string; cloudCode?: string; requestId?: string; step?: string };
}
