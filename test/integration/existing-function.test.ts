// --function-arn through the official SDK clients and the local cloud: an FC 3.0 function, a qualified one
// (an alias of a published version), and an FC 2.0 function (seeded, since FC 3.0 cannot create one) skip
// step 1 and answer through the ALB; an FC 2.0 function without an HTTP trigger is refused before any change.
import FcModule from '@alicloud/fc20230330';
import * as $Fc from '@alicloud/fc20230330';
import { describe, expect, it } from 'vitest';
import { deploy, destroy, status } from '../../src/runner/engine.js';
import { cjsDefault } from '../../src/lib/interop.js';
import { zipFiles } from '../../src/steps/function-code.js';
import { describeReport } from '../support/invariants.js';
import { sdkConfig } from '../support/sdk-config.js';
import { useLocalStack, STACK } from './support/local-stack.js';

const Fc = cjsDefault(FcModule);

function code(body: string): Buffer {
  return zipFiles([
    { path: 'index.js', data: Buffer.from(`exports.handler = async () => ${JSON.stringify(body)};\n`) },
  ]);
}

const stack = useLocalStack();

async function userFunction(name: string, body: string): Promise<void> {
  const ports = stack.ports(() => undefined);
  await ports.functions.create({
    name,
    runtime: 'nodejs20',
    handler: 'index.handler',
    zipFile: code(body),
    memorySize: 128,
    timeout: 3,
    tags: {},
  });
  while ((await ports.functions.get(name))?.state !== 'Active');
}

async function seedFc2(httpTrigger: boolean): Promise<string> {
  const seeded = await stack.admin<{ arn: string }>('/_emulator/fc/fc2-functions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      serviceName: 'legacy',
      functionName: 'web',
      runtime: 'nodejs20',
      handler: 'index.handler',
      handlerType: 'event',
      httpTrigger,
      code: code('from fc 2.0').toString('base64'),
    }),
  });
  return seeded.arn;
}

async function deployExisting(arn: string) {
  const before = stack.mutations().length;
  const { result } = await stack.process((deps) => deploy(stack.input({ function: { mode: 'existing', arn } }), deps));
  return { result, mutations: stack.mutations().slice(before) };
}

describe('an existing function by --function-arn', () => {
  it('FC 3.0: skips step 1, answers with that function, and destroy never deletes it', async () => {
    await userFunction('theirs', 'theirs');
    const arn = stack.functionArn('theirs');
    const { result, mutations } = await deployExisting(arn);
    expect(result.exitCode, describeReport(result)).toBe(0);
    expect(result.resources.function).toMatchObject({ arn, action: 'adopted' });
    expect(mutations).not.toContain('CreateFunction');
    expect(result.test).toMatchObject({ ok: true, via: 'dns', body: 'theirs' });
    expect((await stack.inventory()).servers).toEqual([`${(await stack.inventory()).groups[0]}:${arn}`]);

    const { result: again } = await stack.process((deps) =>
      deploy(stack.input({ function: { mode: 'existing', arn } }), deps),
    );
    expect(again.status).toBe('no_changes');
    const { result: gone } = await stack.process((deps) => destroy(STACK, deps, { includeAdopted: true }));
    expect(gone.exitCode, describeReport(gone)).toBe(0);
    const inv = await stack.inventory();
    expect(inv).toEqual({ functions: ['theirs'], groups: [], servers: [], listeners: [], records: [] });
  });

  it('qualified FC 3.0: the alias of a published version answers, not LATEST', async () => {
    await userFunction('theirs', 'version one');
    const client = new Fc(sdkConfig(stack.cloud));
    const published = await client.publishFunctionVersion(
      'theirs',
      new $Fc.PublishFunctionVersionRequest({ body: new $Fc.PublishVersionInput({ description: 'v1' }) }),
    );
    await client.createAlias(
      'theirs',
      new $Fc.CreateAliasRequest({
        body: new $Fc.CreateAliasInput({ aliasName: 'prod', versionId: published.body?.versionId ?? '' }),
      }),
    );
    // LATEST moves on; the alias stays on version 1.
    await stack
      .ports(() => undefined)
      .functions.update('theirs', {
        runtime: 'nodejs20',
        handler: 'index.handler',
        zipFile: code('latest'),
        memorySize: 128,
        timeout: 3,
      });
    const arn = `${stack.functionArn('theirs')}/prod`;
    const { result, mutations } = await deployExisting(arn);
    expect(result.exitCode, describeReport(result)).toBe(0);
    expect(mutations).not.toContain('CreateFunction');
    expect(result.resources.server?.functionArn).toBe(arn);
    expect(result.test?.body).toBe('version one');
    const { result: seen } = await stack.process((deps) => status(STACK, deps));
    expect(seen.status, JSON.stringify(seen.resourceStatus)).toBe('succeeded');
  });

  it('FC 2.0 with an HTTP trigger: skips step 1 and answers through the ALB', async () => {
    const arn = await seedFc2(true);
    expect(arn).toBe(`acs:fc:${stack.region}:${stack.accountId}:services/legacy/functions/web`);
    const { result, mutations } = await deployExisting(arn);
    expect(result.exitCode, describeReport(result)).toBe(0);
    expect(result.resources.function).toMatchObject({ arn, action: 'adopted' });
    expect(mutations).not.toContain('CreateFunction');
    expect(result.test?.body).toBe('from fc 2.0');
    // The check read the triggers through FC 3.0, under the FC 3.0 name of the FC 2.0 function.
    expect(stack.eventsOf('api-call').some((c) => c.action === 'ListTriggers' && c.status === 200)).toBe(true);
    // Now behind ALB, FC 3.0 lists an `alb` trigger for it too; alb-fc asks for the function's own triggers only,
    // and the next run's preflight passes as the first did.
    const listed = await new Fc(sdkConfig(stack.cloud)).listTriggers('legacy$web', new $Fc.ListTriggersRequest({}));
    expect(listed.body?.triggers?.map((t) => t.triggerType).sort()).toEqual(['alb', 'http']);
    expect((await stack.ports(() => undefined).functions.listTriggers('legacy$web'))?.map((t) => t.type)).toEqual([
      'http',
    ]);
    const { result: again } = await stack.process((deps) =>
      deploy(stack.input({ function: { mode: 'existing', arn } }), deps),
    );
    expect(again.status, describeReport(again)).toBe('no_changes');
    const { result: seen } = await stack.process((deps) => status(STACK, deps));
    expect(seen.resourceStatus?.map((e) => [e.step, e.state])).toEqual([
      ['lookup', 'present'],
      ['function', 'present'],
      ['serverGroup', 'present'],
      ['server', 'present'],
      ['listener', 'present'],
      ['dnsRecord', 'present'],
    ]);
  });

  it('FC 2.0 event function without an HTTP trigger: refused before any change (exit 4), with what to do', async () => {
    const arn = await seedFc2(false);
    const { result, mutations } = await deployExisting(arn);
    expect(result.exitCode, describeReport(result)).toBe(4);
    expect(result.error).toMatchObject({ code: 'CONFLICT', step: 'function' });
    expect(result.error?.message).toMatch(/FC 2\.0 function legacy\/web has no HTTP trigger/);
    expect(result.error?.hint).toMatch(/Add an HTTP trigger to legacy\/web/);
    expect(mutations).toEqual([]);
    expect(await stack.state()).toBeUndefined();
  });
});
