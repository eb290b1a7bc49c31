import { describe, expect, it } from 'vitest';
import { splitDomain } from '../../src/steps/dns-names.js';

describe('splitDomain', () => {
  const zones = ['example.com', 'sub.example.com', 'other.org'];
  it('picks the longest zone the domain is in', () => {
    expect(splitDomain('api.example.com', zones)).toEqual({ zone: 'example.com', rr: 'api' });
    expect(splitDomain('a.b.sub.example.com', zones)).toEqual({ zone: 'sub.example.com', rr: 'a.b' });
    expect(splitDomain('API.Example.COM.', zones)).toEqual({ zone: 'example.com', rr: 'api' });
  });
  it('uses @ for the apex and nothing for a domain outside every zone', () => {
    expect(splitDomain('example.com', zones)).toEqual({ zone: 'example.com', rr: '@' });
    expect(splitDomain('notexample.com', zones)).toBeUndefined();
    expect(splitDomain('api.example.net', zones)).toBeUndefined();
  });
});
