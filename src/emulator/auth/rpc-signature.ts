import { createHmac } from 'node:crypto';
import { percentEncode } from './encoding.js';

// The RPC signature (HMAC-SHA1 over the sorted, encoded parameters), used by the STS SDK (signature
// algorithm "v2", aliyun/alibabacloud-typescript-sdk sts-20150401/src/client.ts), the legacy @alicloud/pop-core
// client, the aliyun CLI and Terraform (`@alicloud/openapi-core` client.js doRPCRequest). Query and form-body
// parameters are signed together; `Signature` itself is not.

export function rpcStringToSign(method: string, params: Array<[string, string]>): string {
  const canonical = params
    .filter(([key]) => key !== 'Signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`)
    .join('&');
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

export function rpcSignature(stringToSign: string, secret: string): string {
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}
