import type { CloudPorts, NetworkPort } from '../ports.js';
import { createAlbAdapter } from './alb-adapter.js';
import { createCaller, type CallObserver } from './call.js';
import type { Connection } from './connection.js';
import { createDnsAdapter } from './dns-adapter.js';
import { createFcAdapter } from './fc-adapter.js';
import { SdkLoader } from './sdk-loader.js';
import { createStsAdapter } from './sts-adapter.js';

export type { Connection } from './connection.js';
export type { CallObserver } from './call.js';
export {
  resolveCredential,
  mask,
  type ChainSource,
  type CredentialChoice,
  type ResolvedCredential,
} from './credentials.js';

/** The cloud ports over the official SDK clients; each product's SDK is loaded by its first call. */
export function createSdkPorts(connection: Connection, network: NetworkPort, observe: CallObserver): CloudPorts {
  const call = createCaller(observe);
  const sdks = new SdkLoader(['alb', 'alidns', 'fc']);
  return {
    region: connection.region,
    functions: createFcAdapter(sdks.client('fc', connection), call, connection.readTimeoutMs),
    alb: createAlbAdapter(connection.region, sdks.client('alb', connection), call),
    dns: createDnsAdapter(sdks.client('alidns', connection), call),
    identity: createStsAdapter(sdks.client('sts', connection), call),
    network,
  };
}
