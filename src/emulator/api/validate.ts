import { ApiError, popErrors, type ErrorStyle } from './api-error.js';
import {
  resolveSchema,
  type ApiSpec,
  type ParameterSpec,
  type ProductMetadata,
  type Schema,
} from '../metadata/index.js';

// Validation driven by Alibaba's metadata, as the API gateway does it before an action runs: a missing
// required parameter is `Missing<Name>` / "<Name> is mandatory for this action." (400) on POP products
// (alibaba/alibaba-load-balancer-controller issue #7); a value of the wrong type or out of range is the gateway's
// `Invalid<Name>` / "Specified parameter <Name> is not valid." (400; e.g. `InvalidPageSize`, the POP gateway's sample
// error in Alibaba Cloud's API references, `Recommend …&source=PopGw`); a list or object parameter of `flat` style
// sent as one JSON string is `Invalid<Name>` / "Illegal parameter serialization format. Flat format is required."
// (aliyun/aliyun-cli issue 1393). Lengths, enums and patterns answer `InvalidParameter` (the code ALB's metadata
// lists). FC 3.0 answers `InvalidArgument` (400, FC 3.0 error codes page).

type Tree = { value?: string; children: Map<string, Tree> };

/**
 * Turns RPC parameters (`Servers.1.ServerId=…`, `HealthCheckConfig.HealthCheckEnabled=false`,
 * `Tag.1.Key=…`) into typed values following the API's parameter specs.
 */
export function decodeRpcParameters(
  product: ProductMetadata,
  api: ApiSpec,
  params: Record<string, string>,
  style: ErrorStyle,
): Record<string, unknown> {
  const root: Tree = { children: new Map() };
  for (const [key, value] of Object.entries(params)) {
    let node = root;
    for (const segment of key.split('.')) {
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = { children: new Map() }));
      node = child;
    }
    node.value = value;
  }
  const result: Record<string, unknown> = {};
  for (const spec of api.parameters ?? []) {
    if (spec.in === 'path' || spec.in === 'header' || spec.in === 'body') continue;
    const node = root.children.get(spec.name);
    const value = decodeParameter(product, spec, node, style);
    const checked = check(product, style, spec.name, spec.schema, value);
    if (checked !== undefined) result[spec.name] = checked;
  }
  return result;
}

function decodeParameter(
  product: ProductMetadata,
  spec: ParameterSpec,
  node: Tree | undefined,
  style: ErrorStyle,
): unknown {
  if (!node) return undefined;
  if (style === 'pop' && spec.style === 'flat' && node.children.size === 0 && /^\s*[[{]/.test(node.value ?? '')) {
    throw popErrors.notFlat(spec.name);
  }
  if (spec.style === 'json' && node.value !== undefined) {
    try {
      return JSON.parse(node.value);
    } catch {
      throw invalid(style, spec.name, 'is not valid JSON');
    }
  }
  return fromTree(resolveSchema(product, spec.schema), node, product);
}

function fromTree(schema: Schema, node: Tree, product: ProductMetadata): unknown {
  if (schema.type === 'array') {
    if (node.children.size === 0) return node.value === undefined ? undefined : splitList(node.value);
    const items = [...node.children.entries()]
      .filter(([index]) => /^\d+$/.test(index))
      .sort(([a], [b]) => Number(a) - Number(b))
      .map(([, child]) => fromTree(resolveSchema(product, schema.items ?? {}), child, product));
    return items;
  }
  if (schema.type === 'object') {
    if (node.children.size === 0 && node.value !== undefined) {
      try {
        return JSON.parse(node.value);
      } catch {
        return node.value;
      }
    }
    const object: Record<string, unknown> = {};
    for (const [key, child] of node.children) {
      const propertySchema = schema.properties?.[key] ?? {};
      object[key] = fromTree(resolveSchema(product, propertySchema), child, product);
    }
    return object;
  }
  return node.value;
}

function splitList(value: string): unknown {
  // Some clients send a repeat list as one JSON array string.
  if (value.startsWith('[')) {
    try {
      return JSON.parse(value);
    } catch {
      return [value];
    }
  }
  return [value];
}

/** Checks required, type, range, length, item counts and enums; coerces RPC strings to their types. */
export function check(product: ProductMetadata, style: ErrorStyle, path: string, raw: Schema, value: unknown): unknown {
  const schema = resolveSchema(product, raw);
  if (value === undefined || value === null || value === '') {
    if (schema.required) throw missing(style, path);
    return value === '' && schema.type === 'string' ? '' : undefined;
  }
  switch (schema.type) {
    case 'integer':
    case 'number': {
      const number = typeof value === 'number' ? value : Number(value);
      const integral = schema.type === 'integer';
      if (typeof value === 'string' && !(integral ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/).test(value.trim())) {
        throw notValid(style, path, `must be ${integral ? 'an integer' : 'a number'}`);
      }
      if (Number.isNaN(number) || (integral && !Number.isInteger(number))) {
        throw notValid(style, path, `must be ${integral ? 'an integer' : 'a number'}`);
      }
      const min = schema.minimum === undefined ? undefined : Number(schema.minimum);
      const max = schema.maximum === undefined ? undefined : Number(schema.maximum);
      if ((min !== undefined && number < min) || (max !== undefined && number > max)) {
        throw notValid(style, path, `must be between ${min ?? '-∞'} and ${max ?? '∞'}`);
      }
      return number;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw notValid(style, path, 'must be true or false');
    }
    case 'string': {
      if (typeof value !== 'string') {
        if (style === 'fc') throw invalid(style, path, 'must be a string');
        return String(value);
      }
      if (schema.maxLength !== undefined && value.length > schema.maxLength) {
        throw invalid(style, path, `must be at most ${schema.maxLength} characters`);
      }
      if (schema.minLength !== undefined && value.length < schema.minLength) {
        throw invalid(style, path, `must be at least ${schema.minLength} characters`);
      }
      if (schema.enum && !schema.enum.includes(value)) {
        throw invalid(style, path, `must be one of ${schema.enum.join(', ')}`);
      }
      if (schema.pattern && !patternOf(schema.pattern).test(value)) {
        throw invalid(style, path, `does not match ${schema.pattern}`);
      }
      return value;
    }
    case 'array': {
      if (!Array.isArray(value)) throw notValid(style, path, 'must be a list');
      if (schema.minItems !== undefined && value.length < schema.minItems) {
        throw invalid(style, path, `must have at least ${schema.minItems} items`);
      }
      if (schema.maxItems !== undefined && value.length > schema.maxItems) {
        throw invalid(style, path, `must have at most ${schema.maxItems} items`);
      }
      return value.map((item, index) =>
        check(product, style, style === 'pop' ? `${path}.${index + 1}` : `${path}[${index}]`, schema.items ?? {}, item),
      );
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) throw notValid(style, path, 'must be an object');
      const object = value as Record<string, unknown>;
      const out: Record<string, unknown> = { ...object };
      for (const [key, propertySchema] of Object.entries(schema.properties ?? {})) {
        const checked = check(product, style, `${path}.${key}`, propertySchema, object[key]);
        if (checked === undefined) delete out[key];
        else out[key] = checked;
      }
      return out;
    }
    default:
      return value;
  }
}

const patterns = new Map<string, RegExp>();

/** The metadata's patterns, compiled once each. */
function patternOf(source: string): RegExp {
  let pattern = patterns.get(source);
  if (!pattern) patterns.set(source, (pattern = new RegExp(source)));
  return pattern;
}

/** A required parameter is absent: POP `Missing<Name>`, FC `InvalidArgument`. */
export function missing(style: ErrorStyle, path: string): ApiError {
  if (style === 'fc') return new ApiError(400, 'InvalidArgument', `${path} is required but not provided`);
  return popErrors.missing(path);
}

/** A value of the wrong type or out of range: POP `Invalid<Name>` (the gateway's), FC `InvalidArgument`. */
export function notValid(style: ErrorStyle, path: string, why: string): ApiError {
  if (style === 'fc') return new ApiError(400, 'InvalidArgument', `${path} ${why}`);
  return popErrors.notValid(path);
}

/** A parameter's value is not acceptable (`why`, e.g. "must be an integer"): POP `InvalidParameter`, FC `InvalidArgument`. */
export function invalid(style: ErrorStyle, path: string, why: string): ApiError {
  if (style === 'fc') return new ApiError(400, 'InvalidArgument', `${path} ${why}`);
  return popErrors.invalidParameter(`${path} ${why}.`);
}
