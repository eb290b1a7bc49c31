// The wizard's "add another route?": what each answer becomes in alb-fc.yaml, what it refuses as it is typed,
// and that the file `init` writes reads back as the routes that were deployed (parse(write(x)) = x).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { equivalentCommandLine, writeConfigFile } from '../../src/cli/config-file.js';
import { mergeInputs, readConfigFile, type ResolvedInputs } from '../../src/cli/input-sources.js';
import { parseRoutes } from '../../src/cli/route-config.js';
import { askForRoutes, matchProblem } from '../../src/cli/route-wizard.js';
import type { ConfirmQuestion, Prompter, TextQuestion } from '../../src/ui/prompt/questions.js';
import { tempDir } from '../support/temp-dir.js';

/** Answers in order; a text answer its question refuses fails the test, naming the refusal. */
function scripted(answers: Array<string | boolean>): Prompter & { asked: string[]; refusals: string[] } {
  const asked: string[] = [];
  const refusals: string[] = [];
  const next = (message: string) => {
    asked.push(message);
    if (answers.length === 0) throw new Error(`no answer left for "${message}"`);
    return answers.shift()!;
  };
  return {
    interactive: true,
    asked,
    refusals,
    text(q: TextQuestion) {
      // A refused answer is followed, as at a terminal, by the next one for the same question.
      for (;;) {
        const answer = String(next(`${q.message} (${q.flag})`));
        const verdict = q.validate?.(answer) ?? true;
        if (verdict === true) return Promise.resolve(answer === '' ? (q.default ?? '') : answer);
        refusals.push(verdict);
      }
    },
    select: () => Promise.reject(new Error('no select expected')),
    confirm: (q: ConfirmQuestion) => Promise.resolve(next(q.message) === true),
  };
}

function wizardInputs(): ResolvedInputs {
  return {
    values: { functionName: 'hello', code: 'web', domain: 'hello.example.com' },
    sources: { functionName: 'prompt', code: 'prompt', domain: 'prompt' },
  };
}

const defaults = {
  stack: 'demo',
  runtime: 'nodejs20',
  handler: 'index.handler',
  memory: 128,
  timeout: 10,
  healthCheck: false,
  capacity: {},
};

describe('askForRoutes', () => {
  it('asks for each route until No; the first function becomes the default route, last', async () => {
    // A code path as typed, relative to where init runs (here, this repository), written as such.
    const prompter = scripted([
      true,
      'users',
      'API.example.com',
      '/users/*',
      'test/fixtures',
      true,
      'orders',
      '',
      '/orders/*',
      '',
      false,
    ]);
    const inputs = wizardInputs();
    expect(await askForRoutes(prompter, inputs, 'demo')).toBe(true);
    expect(inputs.routes).toEqual([
      { name: 'users', host: 'api.example.com', path: '/users/*', code: './test/fixtures' },
      { name: 'orders', path: '/orders/*' },
      { name: 'default', 'function-name': 'hello', code: './web', 'server-group-name': 'alb-fc-demo' },
    ]);
    // alb-fc.yaml names functions per route then: nothing of the single function stays at the top.
    expect(inputs.values).toEqual({ domain: 'hello.example.com' });
    expect(inputs.sources).toEqual({ domain: 'prompt' });
    expect(prompter.asked.filter((q) => q.startsWith('Add another route'))).toHaveLength(3);
    expect(prompter.asked).toContain('Route name, for its function and server group (routes[1].name)');
  });

  it('changes nothing when the first answer is No', async () => {
    const inputs = wizardInputs();
    expect(await askForRoutes(scripted([false]), inputs, 'demo')).toBe(false);
    expect(inputs).toEqual(wizardInputs());
  });

  it('refuses, as they are typed, a taken name, a bad host or path, a route that matches nothing or is shadowed', async () => {
    const prompter = scripted([
      true,
      'users',
      '',
      '/users/*',
      '',
      true,
      'users',
      'default',
      'Bad_Name',
      'admin',
      'no-dot',
      '',
      'users',
      '',
      '/users/admin',
      '/admin/*',
      '',
      false,
    ]);
    const inputs = wizardInputs();
    await askForRoutes(prompter, inputs, 'demo');
    expect(prompter.refusals).toEqual([
      'a route is already named users',
      "default is the first function's route: choose another name",
      'use 1-32 lower-case letters, digits or "-", starting with a letter',
      'needs a dot, and may not start or end with one',
      'must start with "/"',
      'give a host or a path: the first function already takes everything no route matches',
      'route users matches all of it first: it would never be reached',
    ]);
    expect((inputs.routes as Array<{ name: string }>).map((r) => r.name)).toEqual(['users', 'admin', 'default']);
  });

  it('moves a given function ARN into the default route', async () => {
    const arn = 'acs:fc:cn-hangzhou:1234567890123456:functions/theirs';
    const inputs: ResolvedInputs = { values: { functionArn: arn }, sources: { functionArn: 'flag' } };
    await askForRoutes(scripted([true, 'users', '', '/users/*', '', false]), inputs, 'demo');
    expect((inputs.routes as unknown[])[1]).toEqual({
      name: 'default',
      'function-arn': arn,
      'server-group-name': 'alb-fc-demo',
    });
    expect(inputs.values.functionArn).toBeUndefined();
  });
});

describe('matchProblem', () => {
  it('takes a route after others unless it is the same match or an earlier one takes all of it', () => {
    const earlier = [
      { name: 'api', host: '*.example.com' },
      { name: 'users', path: '/users/*' },
    ];
    expect(matchProblem({ host: 'api.example.org' }, earlier)).toBeUndefined();
    expect(matchProblem({ path: '/users/*' }, earlier)).toBe('route users matches exactly this');
    expect(matchProblem({ host: 'a.example.com', path: '/x' }, earlier)).toMatch(/route api matches all of it first/);
    expect(matchProblem({}, earlier)).toMatch(/give a host or a path/);
  });
});

describe('alb-fc.yaml with routes', () => {
  it('reads back as the routes the wizard deployed, and the CI command line names the file', async () => {
    const cwd = await tempDir('alb-fc-routes-file-');
    await mkdir(join(cwd, 'users'));
    await mkdir(join(cwd, 'web'));
    const file = join(cwd, 'alb-fc.yaml');
    const inputs = wizardInputs();
    await askForRoutes(
      scripted([true, 'users', 'api.example.com', '/users/*', join(cwd, 'users'), false]),
      inputs,
      'demo',
    );
    const given = { given: (name: keyof ResolvedInputs['values']) => inputs.sources[name] !== undefined };
    const deployed = parseRoutes(inputs.routes, file, defaults, given).routes;

    await writeConfigFile(file, inputs);
    const read = mergeInputs({ flags: {}, env: {}, config: await readConfigFile(file, true) });
    const reread = parseRoutes(read.routes, file, defaults, {
      given: (name) => read.sources[name] !== undefined,
    }).routes;
    expect(reread).toEqual(deployed);
    expect(deployed.map((r) => r.name)).toEqual(['users', 'default']);
    expect(deployed[1]?.backend.function).toMatchObject({
      name: 'hello',
      code: { kind: 'dir', path: join(cwd, 'web') },
    });
    expect(read.values.domain).toBe('hello.example.com');

    const line = equivalentCommandLine(inputs, { local: true, configFile: file, cwd });
    expect(line).toBe('alb-fc deploy --local --config alb-fc.yaml --yes');
    expect(equivalentCommandLine(inputs, { local: true, configFile: file, cwd: '/elsewhere' })).toBe(
      `alb-fc deploy --local --config ${file} --yes`,
    );
  });
});
