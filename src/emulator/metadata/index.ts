// Alibaba Cloud's own API metadata (the api-docs snapshots dew-serverless/acs-sdk-php publishes under
// `data/<product>/<version>/`, commit 18902242 for ALB's per-API error codes), the source
// of every parameter rule the local cloud enforces: required, type, range, item counts, and for ALB the
// per-API error codes.
import alb from './alb-2020-06-16.json' with { type: 'json' };
import alidns from './alidns-2015-01-09.json' with { type: 'json' };
import fc from './fc-2023-03-30.json' with { type: 'json' };
import sts from './sts-2015-04-01.json' with { type: 'json' };

export interface Schema {
  type?: string;
  format?: string;
  required?: boolean;
  minimum?: string | number;
  maximum?: string | number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  enum?: string[];
  pattern?: string;
  default?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  $ref?: string;
}

export interface ParameterSpec {
  name: string;
  in: 'query' | 'body' | 'path' | 'header' | 'formData' | string;
  style?: 'flat' | 'repeatList' | 'json' | 'simple' | string;
  schema: Schema;
}

export interface ErrorSpec {
  errorCode: string;
  errorMessage: string;
}

export interface ApiSpec {
  path?: string;
  methods?: string[];
  parameters?: ParameterSpec[];
  errorCodes?: Record<string, ErrorSpec[]>;
}

export interface ProductMetadata {
  info: { style: string; product: string; version: string };
  components: { schemas: Record<string, Schema> };
  apis: Record<string, ApiSpec>;
}

export const metadata = {
  alb: alb as unknown as ProductMetadata,
  alidns: alidns as unknown as ProductMetadata,
  fc: fc as unknown as ProductMetadata,
  sts: sts as unknown as ProductMetadata,
};

/** Resolves `#/components/schemas/X` references. */
export function resolveSchema(product: ProductMetadata, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const target = product.components.schemas[name];
  return target ? { ...target, required: schema.required ?? target.required } : schema;
}

/** The documented error of `api` with this code, if its metadata lists one. */
export function documentedError(api: ApiSpec, code: string): { status: number; message: string } | undefined {
  for (const [status, errors] of Object.entries(api.errorCodes ?? {})) {
    const found = errors.find((e) => e.errorCode === code);
    if (found) return { status: Number(status), message: found.errorMessage };
  }
  return undefined;
}
