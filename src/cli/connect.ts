import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { localNetwork, probeLocalCloud } from '../cloud/network/local-network.js';
import { internetNetwork } from '../cloud/network/internet-network.js';
import type { ObjectStorePort } from '../cloud/object-store.js';
import type { CloudPorts } from '../cloud/ports.js';
import type { CallObserver, Connection, ResolvedCredential } from '../cloud/sdk/index.js';
import type { IdentitySource } from './identity.js';
import type { ReadyInfo } from '../local-cloud-contract.js';
import { AlbFcError, ExitCode, usageError } from '../errors.js';
import { chooseCredentials, CREDENTIALS_HINT } from './credential-sources.js';
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
  const { local, endpoint, credential, sdk } = await openCredentials(values, env);
  const profile = values.profile;
  const region = values.region ?? local?.region ?? (await profileRegion(env, profile));
  if (!region) {
    throw usageError(
      'MISSING_VALUE',
      'missing --region (no ALIBABA_CLOUD_REGION_ID and no region_id in the aliyun CLI profile)',
      'Pass --region cn-hangzhou, set ALIBABA_CLOUD_REGION_ID, or run `aliyun configure`.',
    );
  }
  const network = local && endpoint ? localNetwork(endpoint) : internetNetwork();
  const settings = connection(region, endpoint, credential);
  const cloud = sdk.createSdkPorts(settings, network, observe);
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
      const { observedCall } = await import('../cloud/sdk/call.js');
      return createOssAdapter(settings, bucket, observedCall(observe));
    },
  };
}

/**
 * Who the credentials belong to when no region is known yet (the wizard shows it before asking the region): STS
 * through its central endpoint, sts.aliyuncs.com, which answers for every region
 * ("STS introduction", https://www.alibabacloud.com/help/doc-detail/28756.htm).
 */
export async function connectIdentity(
  values: InputValues & { local?: boolean },
  env: CliEnvironment,
  observe: CallObserver,
): Promise<IdentitySource> {
  const { local, endpoint, credential, sdk } = await openCredentials(values, env);
  const target = endpoint ?? 'https://sts.aliyuncs.com';
  // The region only names the products' regional endpoints, which the endpoint override replaces.
  const ports = sdk.createSdkPorts(
    connection(local?.region ?? 'cn-hangzhou', target, credential),
    internetNetwork(),
    observe,
  );
  return {
    identity: ports.identity,
    region: values.region ?? local?.region,
    profile: values.profile,
    endpoint,
    local,
    describeCredential: () => credential.describe(),
  };
}

/** The local cloud or endpoint in use, and the credentials, chosen before any network call and loaded. */
async function openCredentials(values: InputValues & { local?: boolean }, env: CliEnvironment) {
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
  // Before the region and before any network call: a machine with no credentials hears so at once.
  const choice = chooseCredentials(values.profile, env, local);
  // The SDKs are large: loaded only by commands that talk to a cloud, so `alb-fc --help` stays fast.
  const sdk = await import('../cloud/sdk/index.js');
  const credential = sdk.resolveCredential(choice);
  if (choice.kind !== 'static') await loadCredential(credential);
  return { local, endpoint, credential, sdk };
}

function connection(region: string, endpoint: string | undefined, credential: ResolvedCredential): Connection {
  return {
    region,
    endpoint,
    credential: credential.credential,
    readTimeoutMs: READ_TIMEOUT_MS,
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
  };
}

/**
 * A profile or the default chain's sources load their keys now (files, or the source's own service), so that a
 * profile without keys is reported as such, not as the first API call's failure.
 */
async function loadCredential(credential: ResolvedCredential): Promise<void> {
  try {
    await credential.describe();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new AlbFcError({
      code: 'CREDENTIALS_UNAVAILABLE',
      exitCode: ExitCode.usage,
      message: `no usable credentials from the ${credential.label}. ${detail}`,
      hint: CREDENTIALS_HINT,
      cause: error,
    });
  }
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
