// What a failed request that got no answer says. The SDKs' HTTP layer (httpx, under `@alicloud/openapi-core`)
// appends `<METHOD> <url> failed.` to the socket error's message with no separator
// (`getaddrinfo ENOTFOUND alb.cn-hangzhou.aliyuncs.comPOST https://…/?… failed.`), and the URL's query may carry a
// signature or a security token (RPC V2, STS). The message is rebuilt as a sentence with the URL's query left out.

const GLUED_REQUEST = /(GET|POST|PUT|DELETE|HEAD|PATCH|OPTIONS) (\S+) failed\.\s*$/;
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN']);

/** The URL without its query and fragment: never a signature or a token. */
function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : url.slice(0, cut);
}

/** `connect ECONNREFUSED 127.0.0.1:1POST http://127.0.0.1:1/?x=1 failed.` → `connect ECONNREFUSED 127.0.0.1:1 (POST http://127.0.0.1:1/)`. */
export function readableTransportMessage(message: string): string {
  const glued = GLUED_REQUEST.exec(message);
  let text = message;
  if (glued) {
    const head = message.slice(0, glued.index).trim().replace(/[.:]$/, '');
    text = `${head}${head ? ' ' : ''}(${glued[1]} ${withoutQuery(glued[2]!)})`;
  }
  // Any other URL or request path in it (timeouts name the path with its query): its query goes too.
  return text.replace(/(https?:\/\/[^\s?#)]+|\/[^\s?#)]*)\?[^\s)]*/g, '$1');
}

export interface DnsFailure {
  host: string;
}

/** A name that did not resolve (`getaddrinfo ENOTFOUND host` / `EAI_AGAIN host`), with the host it was. */
export function dnsFailureOf(error: { code?: unknown; hostname?: unknown; message?: unknown }): DnsFailure | undefined {
  const message = typeof error.message === 'string' ? error.message : '';
  const matched = /getaddrinfo (ENOTFOUND|EAI_AGAIN) (\S+)/.exec(message);
  const code = typeof error.code === 'string' ? error.code : matched?.[1];
  if (code === undefined || !DNS_CODES.has(code)) return undefined;
  if (typeof error.hostname === 'string' && error.hostname !== '') return { host: error.hostname };
  // The host as printed, before the glued `<METHOD> <url> failed.`.
  const host = (matched?.[2] ?? '').replace(/(GET|POST|PUT|DELETE|HEAD|PATCH|OPTIONS)$/, '');
  return { host: host || 'the API endpoint' };
}

export function dnsFailureMessage(failure: DnsFailure): string {
  return `cannot reach ${failure.host}: DNS lookup failed; check network, proxy or --endpoint`;
}
