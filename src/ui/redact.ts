// Defence in depth: runner events never carry credentials, but an error message relayed from the cloud or a
// misbehaving adapter might. Every string a renderer writes passes through one of these.

export type Redactor = (text: string) => string;

export const MASK = '****';

// Alibaba Cloud STS security tokens are long base64 strings starting with "CAIS" (the protobuf header of the
// token). Masking them by shape catches a token that was never handed to us in `secrets`.
const stsTokenShape = /CAIS[A-Za-z0-9+/=]{40,}/g;

// Secrets this short would mask ordinary words; no real AccessKey secret or token is this short.
const minSecretLength = 6;

export type SecretList = readonly (string | undefined)[];

/**
 * @param secrets the values to mask; a function when credentials are resolved after the renderer is built
 * (e.g. from a profile file), read again on every line.
 */
export function createRedactor(secrets: SecretList | (() => SecretList) = []): Redactor {
  const fixed = typeof secrets === 'function' ? undefined : maskOrder(secrets);
  return (text) => {
    let out = text;
    for (const secret of fixed ?? maskOrder((secrets as () => SecretList)())) {
      if (out.includes(secret)) out = out.split(secret).join(MASK);
    }
    return out.replace(stsTokenShape, MASK);
  };
}

function maskOrder(secrets: SecretList): string[] {
  const variants = new Set<string>();
  for (const secret of secrets) {
    if (secret === undefined || secret.length < minSecretLength) continue;
    variants.add(secret);
    // A secret can also leak URL-encoded, e.g. inside a signed query string.
    variants.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret that contains another is masked whole.
  return [...variants].sort((a, b) => b.length - a.length);
}

/** Applies a redactor to every string inside a JSON-like value, so masking can never break JSON syntax. */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactDeep(item, redact)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = redactDeep(item, redact);
    return out as T;
  }
  return value;
}
