import { describe, expect, it } from 'vitest';
import { REGIONS, RUNTIMES } from '../../src/cli/completion/index.js';
import { parseInput } from '../../src/cli/input-definitions.js';
import { metadata } from '../../src/emulator/metadata/index.js';

// The values completion offers must be values alb-fc accepts, from the sources they claim.

describe('completion values', () => {
  it('the regions are those of the ALB API endpoints, each a valid --region', () => {
    const endpoints = (metadata.alb as unknown as { endpoints: Array<{ regionId: string }> }).endpoints;
    expect([...REGIONS].sort()).toEqual(endpoints.map((e) => e.regionId).sort());
    for (const region of REGIONS) expect(parseInput('region', region).error, region).toBeUndefined();
  });

  it('every runtime offered is a valid --runtime', () => {
    for (const runtime of RUNTIMES) expect(parseInput('runtime', runtime).error, runtime).toBeUndefined();
  });
});
