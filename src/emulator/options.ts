import type { Clock } from '../clock.js';
import type { Account } from './auth/accounts.js';
import type { LatencyProfile } from './core/latency.js';
import type { BehaviourOptions } from './core/service.js';

export interface LocalCloudOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port. */
  port?: number;
  /** Persist the world here and restore it on start; without it, state lives in memory only. */
  dataDir?: string;
  /** Default `none`. */
  latency?: 'none' | 'realistic' | string | LatencyProfile;
  /** Default cn-hangzhou. */
  region?: string;
  accounts?: Account[];
  clock?: Clock;
  /** Caps every page of every paged API, so clients' paging code runs with few resources. */
  maxPageSize?: number;
  behaviour?: Partial<BehaviourOptions>;
  /** Source of randomness for fault probabilities (tests pass a seeded one). */
  random?: () => number;
  onInternalError?: (error: unknown) => void;
}

export const DEFAULT_BEHAVIOUR: BehaviourOptions = {
  secondFunctionErrorCode: 'ResourceQuotaExceeded.ServerAddedNum',
  fc3BackendsSupported: true,
  fcBackendRegions: 'all',
  requireDateHeader: false,
  maxBodyBytes: 100 * 1024 * 1024,
  maxClockSkewMs: 15 * 60 * 1000,
  // Contract "Local cloud": one DNS zone, like the procedure's prerequisites.
  dnsZones: [{ name: 'example.com', edition: 'free' }],
};
