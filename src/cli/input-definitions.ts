import { existsSync, statSync } from 'node:fs';
import { parseDuration } from '../lib/duration.js';
import { parseStateLocation } from '../state/state-location.js';
import {
  cpuProblem,
  instanceConcurrencyProblem,
  memorySizeProblem,
  provisionedInstancesProblem,
  reservedConcurrencyProblem,
} from '../steps/capacity-rules.js';
import { parseFunctionArn } from '../steps/function-arn.js';

// Every value of the flow, defined once: its flag, its environment variable, its key in alb-fc.yaml, how it
// is parsed and validated. Commander options, env and config lookups, prompts, error messages and the
// "equivalent command line" printed by `init` all come from this table, so they cannot disagree.

export type InputKind = 'string' | 'integer' | 'number' | 'boolean' | 'duration';

export interface InputDefinition {
  /** The key in alb-fc.yaml, and the flag without its dashes. */
  key: string;
  kind: InputKind;
  env?: string;
  description: string;
  /** Placeholder shown in --help, e.g. `NAME`. */
  valueName?: string;
  /** An error message when the (parsed) value is unacceptable. */
  check?: (value: never) => string | undefined;
  /** Part of the flow (written to alb-fc.yaml, echoed in the equivalent command line). */
  flow: boolean;
}

const FUNCTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,63}$/;
const SERVER_GROUP_NAME = /^[A-Za-z][A-Za-z0-9._-]{1,127}$/;
const FQDN = /^(?=.{1,253}$)(?!-)([a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/i;
const REGION = /^[a-z]{2,3}-[a-z0-9-]+$/;
const STACK = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** FC 3.0 runtimes (`@alicloud/fc20230330 CreateFunctionInput`, runtime); newer ones may exist. */
const RUNTIMES =
  /^(nodejs(8|10|12|14|16|18|20|22)|python3(\.\d+)?|go1|java(8|11|17|21)|php7\.2|dotnetcore3\.1|custom(\.debian\d+)?|custom-container)$/;

const range = (min: number, max: number) => (value: number) =>
  value < min || value > max ? `must be between ${min} and ${max}` : undefined;

export const INPUTS = {
  region: {
    key: 'region',
    kind: 'string',
    env: 'ALIBABA_CLOUD_REGION_ID',
    valueName: 'ID',
    description: "region, e.g. cn-hangzhou (else the profile's region_id)",
    check: (v: string) => (REGION.test(v) ? undefined : 'is not a region id like cn-hangzhou'),
    flow: true,
  },
  profile: {
    key: 'profile',
    kind: 'string',
    env: 'ALIBABA_CLOUD_PROFILE',
    valueName: 'NAME',
    description: 'a profile of ~/.aliyun/config.json or ~/.alibabacloud/credentials',
    flow: false,
  },
  stack: {
    key: 'stack',
    kind: 'string',
    env: 'ALB_FC_STACK',
    valueName: 'NAME',
    description: 'stack name; state in .alb-fc/<stack>.state.json (default "default")',
    check: (v: string) => (STACK.test(v) ? undefined : 'must be lower-case letters, digits and dashes (at most 40)'),
    flow: false,
  },
  endpoint: {
    key: 'endpoint',
    kind: 'string',
    env: 'ALB_FC_ENDPOINT',
    valueName: 'URL',
    description: 'send every API call to this endpoint (e.g. a running `alb-fc emulator start`)',
    check: (v: string) => (/^https?:\/\/[^/\s]+\/?$/.test(v) ? undefined : 'must be a URL like http://127.0.0.1:4566'),
    flow: false,
  },
  state: {
    key: 'state',
    kind: 'string',
    env: 'ALB_FC_STATE',
    valueName: 'oss://BUCKET/PREFIX',
    description: 'keep the state (and its lock) in OSS, shared by a team (default: .alb-fc/ here; docs/teams.md)',
    check: (v: string) => {
      const parsed = parseStateLocation(v);
      return 'error' in parsed ? parsed.error : undefined;
    },
    flow: true,
  },
  functionName: {
    key: 'function-name',
    kind: 'string',
    env: 'ALB_FC_FUNCTION_NAME',
    valueName: 'NAME',
    description: 'FC function name (default alb-fc-<stack>)',
    check: (v: string) =>
      FUNCTION_NAME.test(v) ? undefined : 'must be 1-64 letters, digits, _ or -, not starting with a digit or -',
    flow: true,
  },
  runtime: {
    key: 'runtime',
    kind: 'string',
    env: 'ALB_FC_RUNTIME',
    valueName: 'RUNTIME',
    description: 'FC runtime (default nodejs20)',
    check: (v: string) => (RUNTIMES.test(v) ? undefined : 'is not an FC 3.0 runtime (e.g. nodejs20, python3.10)'),
    flow: true,
  },
  handler: {
    key: 'handler',
    kind: 'string',
    env: 'ALB_FC_HANDLER',
    valueName: 'FILE.EXPORT',
    description: 'function handler (default index.handler)',
    check: (v: string) => (/^[\w./-]+\.[\w$]+$/.test(v) ? undefined : 'must look like index.handler'),
    flow: true,
  },
  code: {
    key: 'code',
    kind: 'string',
    env: 'ALB_FC_CODE',
    valueName: 'DIR|ZIP',
    description: 'function code: a directory or a .zip (default: the built-in hello-world sample)',
    check: (v: string) => {
      if (!existsSync(v)) return 'does not exist';
      const stat = statSync(v);
      if (stat.isDirectory()) return undefined;
      return stat.isFile() && v.toLowerCase().endsWith('.zip') ? undefined : 'must be a directory or a .zip file';
    },
    flow: true,
  },
  memory: {
    key: 'memory',
    kind: 'integer',
    env: 'ALB_FC_MEMORY',
    valueName: 'MB',
    description: 'function memory in MB, a multiple of 64 (default 128)',
    check: memorySizeProblem,
    flow: true,
  },
  // Capacity (issue 10). The ranges and why: src/steps/capacity-rules.ts; how they combine (cpu / memory ratio,
  // instance concurrency per runtime) is checked once the whole function is known (stack-input-builder.ts).
  cpu: {
    key: 'cpu',
    kind: 'number',
    env: 'ALB_FC_CPU',
    valueName: 'VCPU',
    description: 'vCPU per instance, a multiple of 0.05 with 1 to 4 GB of memory per vCPU (default: chosen by FC)',
    check: cpuProblem,
    flow: true,
  },
  instanceConcurrency: {
    key: 'instance-concurrency',
    kind: 'integer',
    env: 'ALB_FC_INSTANCE_CONCURRENCY',
    valueName: 'N',
    description: 'requests one instance serves at once, 1-200 (custom runtimes only above 1)',
    check: instanceConcurrencyProblem,
    flow: true,
  },
  reservedConcurrency: {
    key: 'reserved-concurrency',
    kind: 'integer',
    env: 'ALB_FC_RESERVED_CONCURRENCY',
    valueName: 'N',
    description: 'the most instances the function may use (FC reserved concurrency; 0 blocks it)',
    check: reservedConcurrencyProblem,
    flow: true,
  },
  provisionedInstances: {
    key: 'provisioned-instances',
    kind: 'integer',
    env: 'ALB_FC_PROVISIONED_INSTANCES',
    valueName: 'N',
    description: 'instances kept warm, without cold starts (FC provisioned instances, 0-10000)',
    check: provisionedInstancesProblem,
    flow: true,
  },
  timeout: {
    key: 'timeout',
    kind: 'integer',
    env: 'ALB_FC_TIMEOUT',
    valueName: 'SECONDS',
    description: 'function timeout in seconds (default 10)',
    check: range(1, 86400),
    flow: true,
  },
  functionArn: {
    key: 'function-arn',
    kind: 'string',
    env: 'ALB_FC_FUNCTION_ARN',
    valueName: 'ARN',
    description: 'use an existing FC 3.0 or FC 2.0 function and skip step 1',
    check: (v: string) =>
      parseFunctionArn(v)
        ? undefined
        : 'must be acs:fc:<region>:<account>:functions/<name>[/<qualifier>] or acs:fc:<region>:<account>:services/<service>[.<qualifier>]/functions/<name>',
    flow: true,
  },
  serverGroupName: {
    key: 'server-group-name',
    kind: 'string',
    env: 'ALB_FC_SERVER_GROUP_NAME',
    valueName: 'NAME',
    description: 'ALB server group name (default alb-fc-<stack>)',
    check: (v: string) =>
      SERVER_GROUP_NAME.test(v) ? undefined : 'must be 2-128 letters, digits, ., _ or -, starting with a letter',
    flow: true,
  },
  healthCheck: {
    key: 'health-check',
    kind: 'boolean',
    env: 'ALB_FC_HEALTH_CHECK',
    description: 'enable ALB health checks on the Fc server group (probes are billed as invocations)',
    flow: true,
  },
  albId: {
    key: 'alb-id',
    kind: 'string',
    env: 'ALB_FC_ALB_ID',
    valueName: 'ID',
    description: 'the internet-facing ALB instance (alb-...)',
    check: (v: string) => (/^alb-[a-z0-9]+$/.test(v) ? undefined : 'must be an ALB instance id like alb-xxxxxxxx'),
    flow: true,
  },
  listenerPort: {
    key: 'listener-port',
    kind: 'integer',
    env: 'ALB_FC_LISTENER_PORT',
    valueName: 'PORT',
    description: 'HTTP listener port (default 80)',
    check: range(1, 65535),
    flow: true,
  },
  listenerProtocol: {
    key: 'listener-protocol',
    kind: 'string',
    env: 'ALB_FC_LISTENER_PROTOCOL',
    valueName: 'PROTOCOL',
    description: 'listener protocol: HTTP, the only one ALB forwards to Function Compute over (default HTTP)',
    check: (v: string) => (/^(HTTP|HTTPS|QUIC)$/i.test(v) ? undefined : 'must be HTTP, HTTPS or QUIC'),
    flow: true,
  },
  domain: {
    key: 'domain',
    kind: 'string',
    env: 'ALB_FC_DOMAIN',
    valueName: 'FQDN',
    description: 'custom domain; its DNS zone must be in the account',
    check: (v: string) => (FQDN.test(v) ? undefined : 'is not a domain name like api.example.com'),
    flow: true,
  },
  ttl: {
    key: 'ttl',
    kind: 'integer',
    env: 'ALB_FC_TTL',
    valueName: 'SECONDS',
    description: 'CNAME TTL in seconds (default 600)',
    check: range(1, 86400),
    flow: true,
  },
  forceDns: {
    key: 'force-dns',
    kind: 'boolean',
    env: 'ALB_FC_FORCE_DNS',
    description: 'replace a conflicting DNS record',
    flow: false,
  },
  skipDns: {
    key: 'skip-dns',
    kind: 'boolean',
    env: 'ALB_FC_SKIP_DNS',
    description: 'do not add the CNAME (test through the ALB DNS name instead)',
    flow: true,
  },
  waitTimeout: {
    key: 'wait-timeout',
    kind: 'duration',
    valueName: 'DURATION',
    description: 'deadline of each asynchronous wait (default 10m)',
    check: (v: number) => (v <= 0 ? 'must be positive' : undefined),
    flow: false,
  },
  dnsTimeout: {
    key: 'dns-timeout',
    kind: 'duration',
    valueName: 'DURATION',
    description: 'how long the connectivity test waits for DNS (default 2m)',
    check: (v: number) => (v < 0 ? 'must not be negative' : undefined),
    flow: false,
  },
} satisfies Record<string, InputDefinition>;

export type InputName = keyof typeof INPUTS;

type ValueOf<K extends InputKind> = K extends 'integer' | 'number' | 'duration'
  ? number
  : K extends 'boolean'
    ? boolean
    : string;
export type InputValues = { [N in InputName]?: ValueOf<(typeof INPUTS)[N]['kind']> };

export function flagOf(name: InputName): string {
  return `--${INPUTS[name].key}`;
}

/** Parses one raw value (flag text, env text or YAML scalar); an error message names what is wrong. */
export function parseInput(name: InputName, raw: unknown): { value?: unknown; error?: string } {
  const definition: InputDefinition = INPUTS[name];
  let value: unknown;
  switch (definition.kind) {
    case 'string':
      if (typeof raw !== 'string' && typeof raw !== 'number') return { error: 'must be text' };
      value = String(raw).trim();
      if (value === '') return { error: 'must not be empty' };
      break;
    case 'integer': {
      const number = typeof raw === 'number' ? raw : /^-?\d+$/.test(String(raw).trim()) ? Number(raw) : NaN;
      if (!Number.isInteger(number)) return { error: 'must be a whole number' };
      value = number;
      break;
    }
    case 'number': {
      const number =
        typeof raw === 'number' ? raw : /^\d+(\.\d+)?$|^\.\d+$/.test(String(raw).trim()) ? Number(raw) : NaN;
      if (!Number.isFinite(number)) return { error: 'must be a number like 0.5' };
      value = number;
      break;
    }
    case 'boolean':
      if (typeof raw === 'boolean') value = raw;
      else if (/^(true|1|yes|on)$/i.test(String(raw))) value = true;
      else if (/^(false|0|no|off)$/i.test(String(raw))) value = false;
      else return { error: 'must be true or false' };
      break;
    case 'duration': {
      const ms = typeof raw === 'number' ? raw * 1000 : parseDuration(String(raw));
      if (ms === undefined) return { error: 'must be a duration like 90s, 10m or 1h' };
      value = ms;
      break;
    }
  }
  const problem = definition.check?.(value as never);
  return problem ? { error: problem } : { value };
}
