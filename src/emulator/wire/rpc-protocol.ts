import type { ProductMetadata } from '../metadata/index.js';
import { ApiError } from '../api/api-error.js';
import type { RequestProtocol } from '../core/protocol.js';
import { decodeRpcParameters } from '../api/validate.js';

// RPC, as the POP products (ALB, Alidns, STS) take it: the API version and action in `x-acs-version` /
// `x-acs-action` (ACS3, `@alicloud/openapi-core` doRequest) or in the `Version` / `Action` parameters (RPC V1/V2
// signatures, openapi-core doRPCRequest), the parameters flattened (`Servers.1.ServerId`) into the query string
// (the SDKs) or a form body (Terraform's `RpcPost`, aliyun/terraform-provider-alicloud connectivity/client.go).

/** Parameters every RPC API accepts beside its own (the gateway consumes them). */
const RPC_COMMON_PARAMETERS = new Set([
  'Action',
  'Version',
  'Format',
  'RegionId',
  'AccessKeyId',
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'SignatureType',
  'Timestamp',
  'SecurityToken',
  'BearerToken',
  'OwnerId',
  'OwnerAccount',
  'ResourceOwnerId',
  'ResourceOwnerAccount',
  'CallerParentId',
  'CallerType',
  'CallerUid',
  'CallerBid',
  'RequestId',
]);

export function rpcProtocol(version: string, metadata: ProductMetadata): RequestProtocol {
  return {
    recognise: (request) =>
      (request.headers['x-acs-version'] ?? request.param('Version')) === version ? 'version' : undefined,

    route(request, implemented) {
      const action = request.headers['x-acs-action'] ?? request.param('Action') ?? 'Unknown';
      const api = metadata.apis[action];
      if (!api || !implemented(action)) {
        throw new ApiError(
          404,
          'InvalidAction.NotFound',
          'Specified api is not found, please check your url and method.',
        );
      }
      return { action, api, pathParams: {} };
    },

    decode(route, request, style) {
      // A name given twice keeps its last value, the form body's over the query's.
      const own = [...request.query, ...request.form].filter(([key]) => !RPC_COMMON_PARAMETERS.has(key));
      const fingerprint = Object.fromEntries(own);
      return { values: decodeRpcParameters(metadata, route.api, fingerprint, style), fingerprint };
    },
  };
}
