// Percent-encoding as the Alibaba Cloud signers apply it: encodeURIComponent plus ! ' ( ) * escaped
// (`@alicloud/openapi-core` utils.js `encode`, used by both the ACS3 and the RPC signature).
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Splits a raw query string into decoded pairs, keeping order and empty values (`a=&b`). */
export function parseQuery(raw: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([decodeComponent(key), decodeComponent(value)]);
  }
  return pairs;
}

/** `decodeURIComponent`, or undefined when `value` holds a malformed escape (`%E0%A4%A`). */
export function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

function decodeComponent(value: string): string {
  // Form bodies (application/x-www-form-urlencoded) encode spaces as '+'; the SDKs' query strings never
  // send a literal '+' unencoded, so treating it as a space is safe for both.
  const spaced = value.replace(/\+/g, ' ');
  return safeDecode(spaced) ?? spaced;
}
