// --function-arn: an existing FC 3.0 (optionally qualified) or FC 2.0 function skips step 1; a malformed ARN is
// a bad value (exit 2) and another region a preflight refusal (exit 4), both before any change; destroy never
// deletes it.
import { describe, expect, it } from 'vitest';
import { deploy, destroy, runStep, status } from '../../src/runner/engine.js';
import { zipFiles } from '../../src/steps/function-code.js';
import { ACCOUNT, REGION } from '../support/fake-cloud.js';
import { Harness, STACK, stackInput } from '../support/harness.js';
import { describeReport } from '../support/invariants.js';

function existing(arn: string) {
  return stackInput({ function: { mode: 'existing', arn } });
}

async function withUserFunction(): Promise<Harness> {
  const h = new Harness();
  await h.cloud.functions.create({
    name: 'theirs',
    runtime: 'nodejs20',
    handler: 'index.handler',
    zipFile: zipFiles([{ path: 'index.js', data: Buffer.from("exports.handler = async () => 'theirs';\n") }]),
    memorySize: 128,
    timeout: 3,
    tags: {},
  });
  h.clock.advance(5_000);
  return h;
}

describe('existing function', () => {
  it('skips step 1 for an FC 3.0 ARN and never deletes that function', async () => {
    const h = await withUserFunction();
    const arn = `acs:fc:${REGION}:${ACCOUNT}:functions/theirs`;
    const before = h.mutations().length;
    const { result: report } = await h.process((deps) => deploy(existing(arn), deps));
    // Not the sample: any 2xx passes the test, whatever the body.
    expect(report.exitCode, describeReport(report)).toBe(0);
    expect(report.test?.body).toBe('theirs');
    expect(report.steps.find((s) => s.step === 'function')?.action).toBe('adopted');
    expect(h.mutations().slice(before)).not.toContain('CreateFunction');
    expect(h.inventory().servers[0]).toMatch(/functions\/theirs$/);
    const { result: again } = await h.process((deps) => deploy(existing(arn), deps));
    expect(again.status).toBe('no_changes');
    const { result: gone } = await h.process((deps) => destroy(STACK, deps, { includeAdopted: true }));
    expect(gone.exitCode, describeReport(gone)).toBe(0);
    expect(h.inventory().functions).toEqual(['theirs']);
    expect(h.inventory().groups).toEqual([]);
  });

  it('accepts an FC 2.0 ARN and a qualified FC 3.0 ARN', async () => {
    for (const arn of [
      `acs:fc:${REGION}:${ACCOUNT}:services/legacy.LATEST/functions/web`,
      `acs:fc:${REGION}:${ACCOUNT}:functions/theirs/prod`,
    ]) {
      const h = await withUserFunction();
      const { result: report } = await h.process((deps) => deploy(existing(arn), deps));
      expect(report.steps.find((s) => s.step === 'function')?.action, arn).toBe('adopted');
      expect(h.state()?.steps.server?.outputs?.functionArn, arn).toBe(arn);
    }
  });

  it('refuses a function of another region (exit 4) and a malformed ARN (exit 2) before any change', async () => {
    const h = await withUserFunction();
    const before = h.mutations().length;
    const { result: region } = await h.process((deps) =>
      deploy(existing(`acs:fc:cn-shanghai:${ACCOUNT}:functions/theirs`), deps),
    );
    expect(region.exitCode).toBe(4);
    expect(region.error?.code).toBe('REGION_MISMATCH');
    const { result: malformed } = await h.process((deps) =>
      deploy(existing('arn:aws:lambda:us-east-1:1:function:x'), deps),
    );
    expect(malformed.exitCode).toBe(2);
    expect(malformed.error?.code).toBe('INVALID_FUNCTION_ARN');
    const { result: missing } = await h.process((deps) =>
      deploy(existing(`acs:fc:${REGION}:${ACCOUNT}:functions/nope`), deps),
    );
    expect(missing.exitCode).toBe(4);
    expect(h.mutations().length).toBe(before);
  });

  it('refuses an FC 2.0 function without an HTTP trigger before any change (exit 4), and takes one with it', async () => {
    const arn = `acs:fc:${REGION}:${ACCOUNT}:services/legacy/functions/web`;
    const h = await withUserFunction();
    h.cloud.functions.triggers.set('legacy$web', [{ name: 'every-minute', type: 'timer', qualifier: 'LATEST' }]);
    const before = h.mutations().length;
    const { result: refused } = await h.process((deps) => deploy(existing(arn), deps));
    expect(refused.exitCode, describeReport(refused)).toBe(4);
    expect(refused.error?.step).toBe('function');
    expect(refused.error?.message).toMatch(/legacy\/web has no HTTP trigger \(only every-minute: timer\)/);
    expect(refused.error?.hint).toMatch(/Add an HTTP trigger/);
    expect(h.mutations().length).toBe(before);

    h.cloud.functions.triggers.set('legacy$web', [{ name: 'defaultTrigger', type: 'http', qualifier: 'LATEST' }]);
    const { result: taken } = await h.process((deps) => deploy(existing(arn), deps));
    expect(taken.steps.find((s) => s.step === 'function')?.action, describeReport(taken)).toBe('adopted');
  });

  it('reads the alb trigger FC 3.0 lists for a function already behind ALB as what it is: not an HTTP trigger', async () => {
    // A client that does not send x-fc-disable-list-remote-alb-triggers sees one `alb` trigger per server group
    // holding the function (docs/emulator.md, "Function Compute 3.0").
    const arn = `acs:fc:${REGION}:${ACCOUNT}:services/legacy/functions/web`;
    const alb = { name: 'alb-sgp-elsewhere', type: 'alb', qualifier: 'LATEST' };
    const h = await withUserFunction();
    h.cloud.functions.triggers.set('legacy$web', [alb]);
    const { result: refused } = await h.process((deps) => deploy(existing(arn), deps));
    expect(refused.exitCode, describeReport(refused)).toBe(4);
    expect(refused.error?.message).toMatch(/has no HTTP trigger \(only alb-sgp-elsewhere: alb\)/);

    h.cloud.functions.triggers.set('legacy$web', [alb, { name: 'defaultTrigger', type: 'http', qualifier: 'LATEST' }]);
    const { result: taken } = await h.process((deps) => deploy(existing(arn), deps));
    expect(taken.steps.find((s) => s.step === 'function')?.action, describeReport(taken)).toBe('adopted');
  });

  it('warns, without refusing, when FC 3.0 does not show the FC 2.0 function', async () => {
    const h = await withUserFunction();
    const arn = `acs:fc:${REGION}:${ACCOUNT}:services/unseen/functions/web`;
    const { result } = await h.process((deps) => deploy(existing(arn), deps));
    expect(result.steps.find((s) => s.step === 'function')?.action, describeReport(result)).toBe('adopted');
    expect(h.eventsOf('warning').some((w) => /cannot be checked/.test(w.message))).toBe(true);
  });

  // Regression (found against the local cloud): status compared FC's unqualified functionArn with the qualified
  // --function-arn in the state and reported the function drifted.
  it('status sees a qualified FC 3.0 function present', async () => {
    const h = await withUserFunction();
    const arn = `acs:fc:${REGION}:${ACCOUNT}:functions/theirs/prod`;
    await h.process((deps) => deploy(existing(arn), deps));
    const { result } = await h.process((deps) => status(STACK, deps));
    const fn = result.resourceStatus?.find((e) => e.step === 'function');
    expect(fn, JSON.stringify(fn)).toMatchObject({ state: 'present', details: [] });
  });

  it('server-group add-function checks the FC 2.0 HTTP trigger too (exit 4, nothing changed)', async () => {
    const h = await withUserFunction();
    await h.process((deps) => runStep('serverGroup', stackInput(), deps));
    h.cloud.functions.triggers.set('legacy$web', []);
    const before = h.mutations().length;
    const arn = `acs:fc:${REGION}:${ACCOUNT}:services/legacy/functions/web`;
    const { result } = await h.process((deps) => runStep('server', existing(arn), deps));
    expect(result.exitCode, describeReport(result)).toBe(4);
    expect(result.error?.message).toMatch(/has no HTTP trigger/);
    expect(h.mutations().length).toBe(before);
  });
});
