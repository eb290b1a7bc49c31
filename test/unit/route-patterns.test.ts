import { describe, expect, it } from 'vitest';
import {
  examplePath,
  globCovers,
  globMatches,
  hostPatternProblem,
  pathPatternProblem,
  wildcardCount,
} from '../../src/routes/patterns.js';

describe('host patterns (CreateRule HostConfig)', () => {
  it.each(['api.example.com', '*.example.com', 'api-?.example.com', 'a.b.c.example.co'])('accepts %s', (host) => {
    expect(hostPatternProblem(host)).toBeUndefined();
  });
  it.each([
    ['ab', '3-128'],
    ['localhost', 'dot'],
    ['.example.com', 'dot'],
    ['api..example.com', 'empty label'],
    ['-api.example.com', '"-"'],
    ['api.example.c0m', 'last label'],
    ['API.example.com', 'lower-case'],
    ['api.example.com/x', 'lower-case'],
  ])('refuses %s (%s)', (host, words) => {
    expect(hostPatternProblem(host)).toContain(words);
  });
});

describe('path patterns (CreateRule PathConfig)', () => {
  it.each(['/', '/users/*', '/v?/orders', "/a$-_.+/&~@:'b"])('accepts %s', (path) => {
    expect(pathPatternProblem(path)).toBeUndefined();
  });
  it.each([
    ['users', 'start with'],
    ['/a b', 'may contain only'],
    ['/a%20', 'may contain only'],
    ['/a#b', 'may contain only'],
    [`/${'a'.repeat(128)}`, '1-128'],
  ])('refuses %s', (path, words) => {
    expect(pathPatternProblem(path)).toContain(words);
  });
});

describe('glob cover', () => {
  it.each([
    ['/*', '/users/*', true],
    ['/users/*', '/users/x/*', true],
    ['/users/*', '/orders/*', false],
    ['/?', '/*', false],
    ['/a*b', '/a*', false],
    ['*.example.com', 'api.example.com', true],
    ['*.example.com', 'example.com', false],
    ['/u?ers/*', '/users/*', true],
    ['/users', '/users/*', false],
  ])('%s covers %s: %s', (outer, inner, expected) => {
    expect(globCovers(outer, inner)).toBe(expected);
  });
  it('matches concrete values only', () => {
    expect(globMatches('/users/*', '/users/42')).toBe(true);
    expect(globMatches('/users/*', '/users')).toBe(false);
    expect(globMatches('/*', '/x*')).toBe(false);
  });
  it('counts wildcard entries and makes probe paths that match', () => {
    expect(wildcardCount('*.ex?mple.com')).toBe(2);
    expect(examplePath('/users/*')).toBe('/users/probe');
    expect(globMatches('/v?/*', examplePath('/v?/*'))).toBe(true);
  });
});
