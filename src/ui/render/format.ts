// Small text formats shared by every renderer, so tty, plain and json-on-stderr read the same.
import type { RunnerEvent, StepAction, StepId } from '../../runner/events.js';

/** Step durations: `0.9s`, `4.1s`, `1m05s`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(Math.max(0, ms) / 1000).toFixed(1)}s`;
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${minutes}m${String(seconds).padStart(2, '0')}s`;
}

/** Wait clocks and deadlines: `35s`, `1m30s`, `10m`, `1h`. */
export function formatElapsed(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  if (totalSeconds < 60) return `${totalSeconds}s`;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return minutes === 0 ? `${hours}h` : `${hours}h${String(minutes).padStart(2, '0')}m`;
  return seconds === 0 ? `${minutes}m` : `${minutes}m${String(seconds).padStart(2, '0')}s`;
}

export function waitClock(elapsedMs: number, deadlineMs: number): string {
  return `[${formatElapsed(elapsedMs)} / ${formatElapsed(deadlineMs)}]`;
}

export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

const planSymbols: Record<StepAction, string> = {
  create: '+',
  update: '~',
  unchanged: '=',
  adopt: '>',
  conflict: '!',
  delete: '-',
  skip: '·',
};

/** `+ create`, `~ update`, … padded so that the resource titles line up (Terraform / `s plan` style). */
export function planMarker(action: StepAction): string {
  return `${planSymbols[action]} ${action.padEnd(9)}`;
}

export const defaultStepTitles: Record<StepId, string> = {
  lookup: 'Lookup',
  function: 'FC function',
  serverGroup: 'Server group',
  server: 'Add backend',
  listener: 'Listener',
  dnsRecord: 'DNS CNAME',
  test: 'HTTP test',
};

export function apiCallText(e: Extract<RunnerEvent, { type: 'api-call' }>): string {
  const parts = [`api ${e.service} ${e.action}`, `${Math.round(e.ms)}ms`];
  if (e.status !== undefined) parts.push(`HTTP ${e.status}`);
  if (e.cloudCode !== undefined) parts.push(e.cloudCode);
  if (e.requestId !== undefined) parts.push(`RequestId ${e.requestId}`);
  return parts.join('  ');
}

export function runHeader(e: Extract<RunnerEvent, { type: 'run-start' }>): string {
  const parts = [`alb-fc ${e.command}`, `stack ${e.stack}`, `region ${e.region}`];
  if (e.local) parts.push(e.endpoint === undefined ? 'local cloud' : `local cloud ${e.endpoint}`);
  else if (e.endpoint !== undefined) parts.push(`endpoint ${e.endpoint}`);
  return parts.join(' · ');
}
