import { describe, expect, it } from 'vitest';
import { clientToken, type TokenSeed } from '../../src/steps/client-token.js';

const seed: TokenSeed = {
  stack: 'demo',
  step: 'serverGroup',
  epoch: 'e1',
  seq: 0,
  inputs: { name: 'sg', healthCheck: false },
};

describe('clientToken', () => {
  it('is deterministic, ASCII and at most 64 characters', () => {
    const token = clientToken(seed);
    expect(clientToken({ ...seed, inputs: { healthCheck: false, name: 'sg' } })).toBe(token);
    expect(token).toMatch(/^[\x21-\x7e]{1,64}$/);
    expect(token.length).toBeLessThanOrEqual(64);
    expect(token.startsWith('albfc-sg-')).toBe(true);
  });

  it('changes with the stack, the step, each input, the epoch, the create count and the purpose', () => {
    const token = clientToken(seed);
    const variants: TokenSeed[] = [
      { ...seed, stack: 'prod' },
      { ...seed, step: 'listener' },
      { ...seed, inputs: { name: 'sg2', healthCheck: false } },
      { ...seed, inputs: { name: 'sg', healthCheck: true } },
      { ...seed, inputs: { name: 'sg', healthCheck: false, extra: 1 } },
      { ...seed, epoch: 'e2' },
      { ...seed, seq: 1 },
      { ...seed, purpose: 'delete' },
      { ...seed, purpose: 'delete', attempt: 1 },
    ];
    const tokens = variants.map(clientToken);
    expect(new Set([token, ...tokens]).size).toBe(variants.length + 1);
  });

  it('does not confuse a string input with a number', () => {
    expect(clientToken({ ...seed, inputs: { port: 80 } })).not.toBe(clientToken({ ...seed, inputs: { port: '80' } }));
  });
});
