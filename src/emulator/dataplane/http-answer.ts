// An HTTP answer the listener writes, and ALB's own error pages. ALB runs on Tengine (an nginx fork), so its
// error pages are assumed to look like nginx's; the exact bytes are not documented (assumption).

export interface HttpAnswer {
  statusCode: number;
  /** Names as given; an array sends the header once per value (e.g. `set-cookie`). */
  headers: Record<string, string | string[]>;
  body: Buffer;
}

const REASONS: Record<number, string> = {
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  413: 'Request Entity Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

function page(statusCode: number, headers: Record<string, string>): HttpAnswer {
  const title = `${statusCode} ${REASONS[statusCode] ?? 'Error'}`;
  const html = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
  return {
    statusCode,
    headers: { 'content-type': 'text/html', ...headers },
    body: Buffer.from(html, 'utf8'),
  };
}

export function albErrorPage(
  statusCode: 400 | 413 | 500 | 502 | 503 | 504,
  headers: Record<string, string> = {},
): HttpAnswer {
  return page(statusCode, headers);
}

/** A redirect ALB answers itself (a rule's Redirect action): its status, `Location`, and the same kind of page. */
export function albRedirectPage(statusCode: number, location: string): HttpAnswer {
  return page(statusCode, { location });
}

export function textAnswer(statusCode: number, text: string, headers: Record<string, string> = {}): HttpAnswer {
  return {
    statusCode,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
    body: Buffer.from(text.endsWith('\n') ? text : `${text}\n`, 'utf8'),
  };
}
