import { popErrors } from '../../api/api-error.js';
import type { Params } from '../../api/params.js';
import { definedOnly, type HealthCheckRecord, type StickySessionRecord } from './state.js';

// Health-check and session-persistence settings of a server group. Defaults and ranges are the metadata's
// (CreateServerGroup `HealthCheckConfig`): port 0–65535 (0 = the server's port), interval 1–50 (2), timeout 1–300 (5),
// thresholds 2–10 (3), HTTP1.0/HTTP1.1 (HTTP1.1), GET/POST/HEAD (HEAD), HTTP/HTTPS/TCP/gRPC (HTTP).
// `HealthCheckEnabled` is required in the request; for Fc groups health checks are off by default and
// may be turned on (aliyun/terraform-provider-alicloud TestAccAliCloudALBServerGroup_basic2 does) — each probe
// is an invocation.

const DEFAULT_HEALTH_CHECK: HealthCheckRecord = {
  HealthCheckEnabled: false,
  HealthCheckConnectPort: 0,
  HealthCheckCodes: ['http_2xx'],
  HealthCheckHttpVersion: 'HTTP1.1',
  HealthCheckInterval: 2,
  HealthCheckMethod: 'HEAD',
  HealthCheckPath: '/',
  HealthCheckProtocol: 'HTTP',
  HealthCheckTimeout: 5,
  HealthyThreshold: 3,
  UnhealthyThreshold: 3,
};

type NumberField =
  'HealthCheckConnectPort' | 'HealthCheckInterval' | 'HealthCheckTimeout' | 'HealthyThreshold' | 'UnhealthyThreshold';
type TextField = 'HealthCheckHttpVersion' | 'HealthCheckMethod' | 'HealthCheckProtocol';

const RANGES: Array<[NumberField, number, number]> = [
  ['HealthCheckConnectPort', 0, 65535],
  ['HealthCheckInterval', 1, 50],
  ['HealthCheckTimeout', 1, 300],
  ['HealthyThreshold', 2, 10],
  ['UnhealthyThreshold', 2, 10],
];

const ENUMS: Array<[TextField, string[]]> = [
  ['HealthCheckHttpVersion', ['HTTP1.0', 'HTTP1.1']],
  ['HealthCheckMethod', ['GET', 'POST', 'HEAD']],
  ['HealthCheckProtocol', ['HTTP', 'HTTPS', 'TCP', 'gRPC']],
];

const CODES = new Set(['http_2xx', 'http_3xx', 'http_4xx', 'http_5xx']);

/** Merges a `HealthCheckConfig` parameter over `base`, validating what the metadata does not. */
export function healthCheckFrom(
  config: Params | undefined,
  base: HealthCheckRecord = DEFAULT_HEALTH_CHECK,
): HealthCheckRecord {
  const merged: HealthCheckRecord = {
    ...base,
    HealthCheckCodes: config?.strings('HealthCheckCodes') ?? [...base.HealthCheckCodes],
    ...definedOnly({
      HealthCheckEnabled: config?.boolean('HealthCheckEnabled'),
      HealthCheckConnectPort: config?.number('HealthCheckConnectPort'),
      HealthCheckHost: config?.string('HealthCheckHost'),
      HealthCheckHttpVersion: config?.string('HealthCheckHttpVersion'),
      HealthCheckInterval: config?.number('HealthCheckInterval'),
      HealthCheckMethod: config?.string('HealthCheckMethod'),
      HealthCheckPath: config?.string('HealthCheckPath'),
      HealthCheckProtocol: config?.string('HealthCheckProtocol'),
      HealthCheckTimeout: config?.number('HealthCheckTimeout'),
      HealthyThreshold: config?.number('HealthyThreshold'),
      UnhealthyThreshold: config?.number('UnhealthyThreshold'),
    }),
  };
  for (const [key, min, max] of RANGES) {
    const value = merged[key];
    if (value < min || value > max)
      throw popErrors.invalidParameter(`HealthCheckConfig.${key} must be between ${min} and ${max}.`);
  }
  for (const [key, allowed] of ENUMS) {
    if (!allowed.includes(merged[key])) {
      throw popErrors.invalidParameter(`HealthCheckConfig.${key} must be one of ${allowed.join(', ')}.`);
    }
  }
  if (merged.HealthCheckCodes.length === 0 || merged.HealthCheckCodes.some((code) => !CODES.has(code))) {
    throw popErrors.invalidParameter('HealthCheckConfig.HealthCheckCodes is illegal.');
  }
  if (merged.HealthCheckPath && !merged.HealthCheckPath.startsWith('/')) {
    throw popErrors.invalidParameter('HealthCheckConfig.HealthCheckPath must start with /.');
  }
  return merged;
}

/** `StickySessionConfig`: Insert (ALB's cookie, 1–86400 s) or Server (the backend's cookie, named). */
export function stickySessionFrom(
  config: Params | undefined,
  base: StickySessionRecord = { StickySessionEnabled: false },
): StickySessionRecord {
  const merged: StickySessionRecord = {
    ...base,
    ...definedOnly({
      StickySessionEnabled: config?.boolean('StickySessionEnabled'),
      StickySessionType: config?.string('StickySessionType'),
      Cookie: config?.string('Cookie'),
      CookieTimeout: config?.number('CookieTimeout'),
    }),
  };
  if (!merged.StickySessionEnabled) return { StickySessionEnabled: false };
  const type = merged.StickySessionType ?? 'Insert';
  if (type !== 'Insert' && type !== 'Server') {
    throw popErrors.invalidParameter('StickySessionConfig.StickySessionType must be Insert or Server.');
  }
  if (type === 'Server' && !merged.Cookie) {
    throw popErrors.invalidParameter('StickySessionConfig.Cookie is mandatory when StickySessionType is Server.');
  }
  return type === 'Insert'
    ? { StickySessionEnabled: true, StickySessionType: type, CookieTimeout: merged.CookieTimeout ?? 1000 }
    : { StickySessionEnabled: true, StickySessionType: type, Cookie: merged.Cookie! };
}
