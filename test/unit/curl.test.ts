import { describe, expect, it } from 'vitest';
import { buildCurl, isLoopback } from '../../src/steps/curl.js';

const DATE = `-H "Date: $(date -u '+%a, %d %b %Y %H:%M:%S GMT')"`;

describe('curl command', () => {
  it('is the plain URL when the route is the real internet', () => {
    const route = { chain: ['api.example.com'], address: '47.98.1.2', port: 80 };
    expect(buildCurl({ host: 'api.example.com', port: 80, route })).toBe(`curl ${DATE} http://api.example.com/`);
    expect(buildCurl({ host: 'api.example.com', port: 8080, route: undefined })).toBe(
      `curl ${DATE} http://api.example.com:8080/`,
    );
  });

  it('uses --connect-to when the route goes to a loopback address (the local cloud)', () => {
    const route = { chain: ['api.example.com'], address: '127.0.0.1', port: 40080 };
    expect(buildCurl({ host: 'api.example.com', port: 80, route })).toBe(
      `curl ${DATE} --connect-to api.example.com:80:127.0.0.1:40080 http://api.example.com/`,
    );
    expect(buildCurl({ host: 'api.example.com', port: 80, route: { ...route, address: '::1' } })).toContain(
      '--connect-to api.example.com:80:[::1]:40080',
    );
  });

  it('adds the Host header for the ALB-name fallback', () => {
    expect(
      buildCurl({
        host: 'alb-1.cn-hangzhou.alb.aliyuncs.com',
        port: 80,
        route: undefined,
        hostHeader: 'api.example.com',
      }),
    ).toBe(`curl ${DATE} -H 'Host: api.example.com' http://alb-1.cn-hangzhou.alb.aliyuncs.com/`);
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].every(isLoopback)).toBe(true);
    expect(['10.0.0.1', '47.98.1.2', '::2'].some(isLoopback)).toBe(false);
  });
});
