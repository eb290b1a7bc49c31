// The export's reads: a resource the state records but the cloud no longer has stops the export (exit 4) rather
// than describing a stack that is not there.
import { describe, expect, it } from 'vitest';
import { readLiveFacts } from '../../../src/export/live-reads.js';
import { buildExportModel } from '../../../src/export/model.js';
import { FakeClock } from '../../support/fake-clock.js';
import { FakeCloud } from '../../support/fake-cloud.js';
import { adoptedFunctionState, singleState } from './fixtures.js';

describe('readLiveFacts', () => {
  it('refuses a created function the cloud no longer has, naming it', async () => {
    const cloud = new FakeCloud({ clock: new FakeClock() });
    const model = buildExportModel(singleState(), {}, { notFoundBody: '' });
    await expect(readLiveFacts(cloud, model)).rejects.toMatchObject({
      code: 'EXPORT_DRIFTED',
      exitCode: 4,
      message: expect.stringContaining('function alb-fc-shop'),
    });
  });

  it('never reads what the stack adopted: an adopted function is not asked for its code', async () => {
    const cloud = new FakeCloud({ clock: new FakeClock() });
    const model = buildExportModel(adoptedFunctionState(), {}, { notFoundBody: '' });
    // The group and listener are the stack's and missing too: the refusal names them, not the function.
    await expect(readLiveFacts(cloud, model)).rejects.toMatchObject({ message: expect.stringMatching(/sgp-1|lsn-1/) });
    expect(cloud.world.log.map((c) => c.action)).not.toContain('GetFunctionCode');
  });
});
