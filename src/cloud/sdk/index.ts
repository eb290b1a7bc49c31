import type { CloudPorts, NetworkPort } from '../ports.js';
import { createAlbAdapter } from './alb-adapter.js';
import { createCaller, type CallObserver } from './call.js';
import type { Connection } from './connection.js';
import { createDnsAdapter } from './dns-adapter.js';
import { createFcAdapter } from './fc-adapter.js';
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

/** The cloud ports over the official SDK clients. */
export function createSdkPorts(connection: Connection, network: NetworkPort, observe: CallObserver): CloudPorts {
  const call = createCaller(observe);
  return {
    region: connection.region,
    functions: createFcAdapter(connection, call),
    alb: createAlbAdapter(connection, call),
    dns: createDnsAdapter(connection, call),
    identity: createStsAdapter(connection, call),
    network,
  };
}
