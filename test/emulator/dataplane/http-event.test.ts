import { describe, expect, it } from 'vitest';
import { buildHttpEvent, canonicalHeaderKey, encodeEventBody } from '../../../src/emulator/dataplane/index.js';

describe("FC 3.0 HTTP event (FC's HTTP trigger page)", () => {
  const base = {
    method: 'POST',
    httpVersion: '1.1',
    sourceIp: '127.0.0.1',
    accountId: '1234567890',
    domainName: 'app.example.com',
    requestId: '1-65000000-000000000000000000000000',
    nowMs: 1693896071895,
  };

  it('builds the v1 struct with comma-joined multi-values and a decoded path', () => {
    const event = buildHttpEvent({
      ...base,
      url: '/a%20b/c?x=1&x=2&y=&z=%C3%A9',
      headers: { 'content-type': ['application/json'], 'x-multi': ['v1', 'v2'], 'user-agent': ['curl/8'] },
      body: Buffer.from('{"k":"v"}'),
    });
    expect(event).toEqual({
      version: 'v1',
      rawPath: '/a%20b/c',
      body: '{"k":"v"}',
      isBase64Encoded: false,
      headers: {
        'Content-Type': 'application/json',
        'X-Multi': 'v1,v2',
        'User-Agent': 'curl/8',
        'X-Forwarded-For': '127.0.0.1',
      },
      queryParameters: { x: '1,2', y: '', z: 'é' },
      requestContext: {
        accountId: '1234567890',
        domainName: 'app.example.com',
        domainPrefix: 'app',
        requestId: '1-65000000-000000000000000000000000',
        time: '2023-09-05T06:41:11Z',
        timeEpoch: '1693896071895',
        http: { method: 'POST', path: '/a b/c', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'curl/8' },
      },
    });
  });

  it("names headers in Go's canonical form (net/textproto CanonicalMIMEHeaderKey), as FC 3.0 does", () => {
    expect(canonicalHeaderKey('x-custom-thing')).toBe('X-Custom-Thing');
    expect(canonicalHeaderKey('CONTENT-TYPE')).toBe('Content-Type');
    expect(canonicalHeaderKey('x_under-score')).toBe('X_under-Score');
    expect(canonicalHeaderKey('x-1abc')).toBe('X-1abc');
    expect(canonicalHeaderKey('-x')).toBe('-X');
    // Not a token: left as it is, as Go leaves it.
    expect(canonicalHeaderKey('bad name')).toBe('bad name');
  });

  it('appends the client to an existing X-Forwarded-For', () => {
    const event = buildHttpEvent({
      ...base,
      url: '/',
      headers: { 'x-forwarded-for': ['10.0.0.1'] },
      body: Buffer.alloc(0),
    });
    expect(event.headers['X-Forwarded-For']).toBe('10.0.0.1, 127.0.0.1');
    expect(event.queryParameters).toEqual({});
    expect(event.body).toBe('');
    expect(event.isBase64Encoded).toBe(false);
  });

  it('base64-encodes binary bodies and text that is not UTF-8', () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    expect(encodeEventBody(bytes, 'application/octet-stream')).toEqual({ body: 'AAEC/w==', isBase64Encoded: true });
    expect(encodeEventBody(bytes, 'text/plain')).toEqual({ body: 'AAEC/w==', isBase64Encoded: true });
    expect(encodeEventBody(Buffer.from('héllo'), undefined)).toEqual({ body: 'aMOpbGxv', isBase64Encoded: true });
    expect(encodeEventBody(Buffer.from('héllo'), 'text/plain; charset=utf-8')).toEqual({
      body: 'héllo',
      isBase64Encoded: false,
    });
    expect(encodeEventBody(Buffer.from('a=1'), 'application/x-www-form-urlencoded').isBase64Encoded).toBe(false);
    expect(encodeEventBody(Buffer.from('{}'), 'application/vnd.api+json').isBase64Encoded).toBe(false);
  });
});
