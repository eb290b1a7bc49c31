// The connectivity test of a deploy (and of `alb-fc test`): every route through the load balancer, concurrently
// (each may wait for its DNS). The result is the default route's, with every route's beside it. With `--load`
// (`alb-fc test --load`), the load test then repeats the request that worked for one route: `--route`, else the
// first tested.
import type { RouteInput, StackInput } from '../stack-input.js';
import type { LookupOutputs } from '../state/schema.js';
import { runConnectivityTest, testFailedError, type TestResult } from '../steps/connectivity-test.js';
import { backendsOf, defaultTarget } from '../steps/deploy-graph.js';
import { fc3FunctionName } from '../steps/function-arn.js';
import { capacityFacts } from '../steps/function-capacity.js';
import { packagedCode } from '../steps/function-code.js';
import { runLoad, type LoadOptions, type LoadResult } from '../steps/load-test.js';
import type { StepContext } from '../steps/step.js';
import { namesSample, testTargets, type DeployedCode } from '../steps/test-targets.js';
import type { RunContext } from './run-context.js';

export interface TestPhaseOptions {
  /** `test --load`: after the connectivity test, the load test. */
  load?: LoadOptions;
  /** The route the load test requests (default: the first tested, the default route's). */
  route?: string;
}

export async function testPhase(
  run: RunContext,
  input: StackInput,
  lookupOut: LookupOutputs,
  options: TestPhaseOptions = {},
): Promise<void> {
  const startedAt = run.report.stepStarted('test');
  const ctx = run.stepContext('test', { lookup: lookupOut });
  try {
    const deployed = await deployedCode(run, ctx, input);
    const targets = testTargets(input, lookupOut, deployed);
    const results = await Promise.all(targets.map((t) => runConnectivityTest(ctx, t)));
    const [first] = results;
    if (!first) throw new Error('a stack has at least one route to test');
    const ok = results.every((r) => r.ok);
    const result: TestResult = results.length > 1 ? { ...first, ok, routes: results } : first;
    if (ok && options.load) {
      const route = loadRoute(input, options.route);
      const tested = results.find((r) => r.route === route.name) ?? first;
      if (tested.request) {
        const name = fc3FunctionName(route.backend.function);
        result.load = await runLoad(ctx, tested.request, options.load, () => capacityFacts(ctx, name));
      }
    }
    run.report.setTest(result);
    await run.session.setLastTest({
      url: result.url,
      ...(result.via ? { via: result.via } : {}),
      status: result.status,
      ok,
      at: new Date(run.deps.clock.now()).toISOString(),
    });
    if (!ok) {
      run.report.stepFailed('test', startedAt, testFailedError(result));
      return;
    }
    const summary = results.map(
      (r) =>
        `${r.route ? `${r.route}: ` : ''}HTTP ${r.status} via ${r.via === 'dns' ? 'DNS' : 'the ALB name with a Host header'}`,
    );
    if (result.load) summary.push(loadText(result.load));
    run.report.stepDone('test', startedAt, 'unchanged', summary.join('; '));
  } catch (error) {
    run.report.stepFailed('test', startedAt, error);
  }
}

/** What the recorded functions run, read only when some backend names the sample (zipping it costs a little). */
async function deployedCode(run: RunContext, ctx: StepContext, input: StackInput): Promise<DeployedCode | undefined> {
  if (!input.routes.flatMap(backendsOf).some(({ backend }) => namesSample(backend))) return undefined;
  const sample = await packagedCode(ctx, { kind: 'sample' });
  return {
    sampleChecksum: sample.checksum,
    checksumOf: (fn) => {
      const outputs = run.session.outputs(fn);
      return outputs?.mode === 'create' ? outputs.codeChecksum : undefined;
    },
  };
}

function loadRoute(input: StackInput, name: string | undefined): RouteInput {
  return (name === undefined ? undefined : input.routes.find((r) => r.name === name)) ?? defaultTarget(input);
}

function loadText(load: LoadResult): string {
  return `${load.requests} requests: ${load.ok} ok, ${load.throttled} throttled, ${load.qps} QPS`;
}
