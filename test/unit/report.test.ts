import { describe, expect, it } from 'vitest';
import { AlbFcError, ExitCode, type ExitCode as Code } from '../../src/errors.js';
import { asAlbFcError } from '../../src/errors.js';
import { detailedExitCode, summarize, type RunReport, type StepReport } from '../../src/runner/report.js';
import { toResultDocument } from '../../src/runner/result-document.js';

function error(exitCode: Code, code = 'X'): AlbFcError {
  return new AlbFcError({ code, message: code, exitCode });
}

const done = (action: StepReport['action']): StepReport => ({ step: 'function', title: 'f', outcome: 'done', action });

describe('summarize', () => {
  it('is no_changes when nothing changed, succeeded when something did', () => {
    expect(summarize([done('unchanged'), done('skipped')], [])).toEqual({ status: 'no_changes', exitCode: 0 });
    expect(summarize([done('unchanged'), done('adopted')], []).status).toBe('succeeded');
    expect(summarize([done('deleted')], []).status).toBe('succeeded');
  });

  it('is partial (exit 6) when only the connectivity test failed', () => {
    expect(summarize([done('created')], [error(ExitCode.partial)])).toMatchObject({ status: 'partial', exitCode: 6 });
  });

  it('picks the most serious exit code among several failures', () => {
    const pick = (...codes: Code[]): number =>
      summarize(
        [],
        codes.map((c) => error(c)),
      ).exitCode;
    expect(pick(ExitCode.timeout, ExitCode.cloudRefused)).toBe(3);
    expect(pick(ExitCode.partial, ExitCode.timeout)).toBe(5);
    expect(pick(ExitCode.cloudRefused, ExitCode.preflight)).toBe(4);
    expect(pick(ExitCode.cloudRefused, ExitCode.internal)).toBe(1);
    expect(pick(ExitCode.internal, ExitCode.interrupted)).toBe(130);
  });

  it('wraps anything that is not an AlbFcError as an internal error (exit 1)', () => {
    const wrapped = asAlbFcError(new TypeError('x is undefined'), 'listener');
    expect(wrapped).toMatchObject({ code: 'INTERNAL', exitCode: 1, step: 'listener' });
    expect(wrapped.cause).toBeInstanceOf(TypeError);
  });
});

function report(overrides: Partial<RunReport>): RunReport {
  return {
    command: 'deploy',
    stack: 'demo',
    region: 'cn-hangzhou',
    stateFile: 's',
    status: 'succeeded',
    exitCode: 0,
    steps: [],
    resources: {},
    errors: [],
    durationMs: 12,
    ...overrides,
  };
}

describe('toResultDocument', () => {
  it('follows the contract shape, with the test and its curl command', () => {
    const doc = toResultDocument(
      report({
        resources: { function: { name: 'hello', arn: 'acs:fc:x', action: 'created' } },
        test: {
          ok: true,
          url: 'http://a/',
          via: 'dns',
          status: 200,
          body: 'hello world',
          curl: 'curl http://a/',
          notes: [],
        },
      }),
    );
    expect(doc).toEqual({
      schemaVersion: 1,
      command: 'deploy',
      status: 'succeeded',
      stack: 'demo',
      region: 'cn-hangzhou',
      resources: { function: { name: 'hello', arn: 'acs:fc:x', action: 'created' } },
      test: { url: 'http://a/', via: 'dns', status: 200, body: 'hello world', curl: 'curl http://a/' },
      durationMs: 12,
    });
  });

  it('carries the deciding error with the cloud code and RequestId, and every error when several failed', () => {
    const cloud = new AlbFcError({
      code: 'CLOUD_REFUSED',
      message: 'm',
      exitCode: 3,
      cloudCode: 'Forbidden.RAM',
      requestId: 'R-1',
      step: 'function',
    });
    const doc = toResultDocument(
      report({ status: 'failed', exitCode: 3, error: cloud, errors: [cloud, error(5, 'WAIT_TIMEOUT')] }),
    );
    expect(doc.error).toEqual({
      code: 'CLOUD_REFUSED',
      message: 'm',
      cloudCode: 'Forbidden.RAM',
      requestId: 'R-1',
      step: 'function',
    });
    expect(doc.errors?.map((e) => e.code)).toEqual(['CLOUD_REFUSED', 'WAIT_TIMEOUT']);
  });

  it('gives plan --detailed-exitcode 0 / 1 / 2', () => {
    expect(detailedExitCode(report({ changes: 0 }))).toBe(0);
    expect(detailedExitCode(report({ changes: 3 }))).toBe(2);
    expect(detailedExitCode(report({ changes: 3, error: error(4) }))).toBe(1);
  });
});
