import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { localNetwork, probeLocalCloud } from '../cloud/network/local-network.js';
import { internetNetwork } from '../cloud/network/internet-network.js';
import type { ObjectStorePort } from '../cloud/object-store.js';
import type { CloudPorts } from '../cloud/ports.js';
import type { CallObserver, CredentialChoice } from '../cloud/sdk/index.js';
import type { ReadyInfo } from '../local-cloud-contract.js';
import { usageError } from '../errors.js';
import type { CliEnvironment } from './environment.js';
import type { InputValues } from './input-definitions.js';
import { ensureLocalCloud } from './local-cloud.js';
import { baseDirOf } from './paths.js';

// Which cloud a command talks to: the local cloud (--local, or an --endpoint that answers as one), or
// Alibaba Cloud with the credentials and region the aliyun CLI would use.

export interface Connected {
  cloud: CloudPorts;
  region: string;
  /** Set when the other side is an alb-fc local cloud. */
  local: ReadyInfo | undefined;
  endpoint: string | undefined;
  describeCredential(): Promise<{ source: string; accessKeyId: string }>;
  profile: string | undefined;
  /** An OSS bucket in the same region, through the same endpoint and credentials (`--state oss://…`). */
  objectStore(bucket: string): Promise<ObjectStorePort>;
}

/** Per-request limits: a hung connection must not outlive the run (a wait has its own deadline). */
const READ_TIMEOUT_MS = 60_000;
const CONNECT_TIMEOUT_MS = 10_000;

export async function connect(
  values: InputValues & { local?: boolean },
  env: CliEnvironment,
  observe: CallObserver,
): Promise<Connected> {
  let local: ReadyInfo | undefined;
  let endpoint = values.endpoint?.replace(/\/+$/, '');
  if (values.local) {
    if (endpoint) throw usageError('CONFLICTING_FLAGS', '--local and --endpoint cannot be used together', 'Pick one.');
    local = env.localCloud
      ? await env.localCloud(baseDirOf(env))
      : (await ensureLocalCloud(baseDirOf(env), { clock: env.clock })).info;
    endpoint = local.endpoint;
  } else if (endpoint) {
    local = await probeLocalCloud(endpoint);
  }

  const profile = values.profile;
  const region = values.region ?? local?.region ?? (await profileRegion(env, profile));
  if (!region) {
    throw usageError(
      'MISSING_VALUE',
      'missing --region (no ALIBABA_CLOUD_REGION_ID and no region_id in the aliyun CLI profile)',
      'Pass --region cn-hangzhou, set ALIBABA_CLOUD_REGION_ID, or run `aliyun configure`.',
    );
  }

  // The SDKs are large: loaded only by commands that talk to a cloud, so `alb-fc --help` stays fast.
  const { createSdkPorts, resolveCredential } = await import('../cloud/sdk/index.js');
  const credential = resolveCredential(credentialChoice(values, env, local));
  const network = local && endpoint ? localNetwork(endpoint) : internetNetwork();
  const connection = {
    region,
    endpoint,
    credential: credential.credential,
    readTimeoutMs: READ_TIMEOUT_MS,
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
  };
  const cloud = createSdkPorts(connection, network, observe);
  return {
    cloud,
    region,
    local,
    endpoint,
    describeCredential: () => credential.describe(),
    profile,
    objectStore: async (bucket) => {
      // The OSS client is loaded only for state on OSS: runs with a local state file never load it.
      const { createOssAdapter } = await import('../cloud/sdk/oss-adapter.js');
      const { createCaller } = await import('../cloud/sdk/call.js');
      return createOssAdapter(connection, bucket, createCaller(observe));
    },
  };
}

function credentialChoice(values: InputValues, env: CliEnvironment, local: ReadyInfo | undefined): CredentialChoice {
  const id = env.env.ALIBABA_CLOUD_ACCESS_KEY_ID;
  const secret = env.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET;
  // With --local, and with an endpoint that is a local cloud when no keys are configured, use the local
  // cloud's fixed key, so the quick start needs no setup. Explicit keys still win (to test a wrong one).
  if (id && secret) {
    return {
      kind: 'static',
      accessKeyId: id,
      accessKeySecret: secret,
      securityToken: env.env.ALIBABA_CLOUD_SECURITY_TOKEN,
      source: 'env',
    };
  }
  if (local && !values.profile) {
    return {
      kind: 'static',
      accessKeyId: local.accessKeyId,
      accessKeySecret: local.accessKeySecret,
      source: 'local cloud',
    };
  }
  if (values.profile) return { kind: 'profile', profile: values.profile };
  return { kind: 'default-chain' };
}

/** `region_id` of the aliyun CLI profile in use (--profile, ALIBABA_CLOUD_PROFILE, else `current`). */
export async function profileRegion(env: CliEnvironment, profile: string | undefined): Promise<string | undefined> {
  try {
    const config = JSON.parse(await readFile(join(env.home, '.aliyun', 'config.json'), 'utf8')) as {
      current?: string;
      profiles?: Array<{ name?: string; region_id?: string }>;
    };
    const name = profile ?? config.current ?? 'default';
    return config.profiles?.find((p) => p.name === name)?.region_id || undefined;
  } catch {
    return undefined;
  }
}
