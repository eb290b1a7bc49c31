import { describe, expect, it } from 'vitest';
import { answerFromOutcome } from '../../../src/emulator/dataplane/index.js';
import type { InvokeOutcome } from '../../../src/emulator/runtime/index.js';

function ok(body: string | Buffer): InvokeOutcome {
  return {
    ok: true,
    body: Buffer.isBuffer(body) ? body : Buffer.from(body),
    requestId: '1-65000000-000000000000000000000000',
    durationMs: 7,
    log: '',
    logResult: '',
    codeChecksum: '1',
    coldStart: false,
  };
}

describe("function answer → listener response (FC's HTTP trigger page)", () => {
  it('maps a response struct, with base64 bodies and multi-value headers', () => {
    const answer = answerFromOutcome(
      ok(
        JSON.stringify({
          statusCode: 201,
          headers: { 'Content-Type': 'image/png', 'set-cookie': ['a=1', 'b=2'], 'x-n': 3, 'content-length': '999' },
          body: Buffer.from([137, 80, 78, 71]).toString('base64'),
          isBase64Encoded: true,
        }),
      ),
    );
    expect(answer.statusCode).toBe(201);
    expect([...answer.body]).toEqual([137, 80, 78, 71]);
    expect(answer.headers).toEqual({
      'Content-Type': 'image/png',
      'set-cookie': ['a=1', 'b=2'],
      'x-n': '3',
      'x-fc-request-id': '1-65000000-000000000000000000000000',
      'x-fc-invocation-duration': '7',
    });
  });

  it('serializes a non-string struct body as JSON and treats a missing body as empty', () => {
    expect(answerFromOutcome(ok('{"statusCode":200,"body":{"a":1}}')).body.toString()).toBe('{"a":1}');
    const empty = answerFromOutcome(ok('{"statusCode":204}'));
    expect([empty.statusCode, empty.body.length]).toEqual([204, 0]);
  });

  it('sends any other answer as is with status 200', () => {
    for (const body of ['Hello World!', '{"message":"no statusCode"}', '[1,2]', '{not json']) {
      const answer = answerFromOutcome(ok(body));
      expect([answer.statusCode, answer.body.toString()]).toEqual([200, body]);
    }
    const binary = answerFromOutcome(ok(Buffer.from([0, 255])));
    expect([...binary.body]).toEqual([0, 255]);
  });

  it('answers 502 for an unusable struct and for function errors', () => {
    expect(answerFromOutcome(ok('{"statusCode":"200"}')).statusCode).toBe(502);
    expect(answerFromOutcome(ok('{"statusCode":200,"headers":{"bad name":"x"}}')).statusCode).toBe(502);
    const failed: InvokeOutcome = {
      ...ok(''),
      ok: false,
      fcErrorType: 'UnhandledInvocationError',
      cause: 'error',
      error: { errorMessage: 'oops', errorType: 'Error' },
      body: Buffer.from('{"errorMessage":"oops","errorType":"Error"}'),
    };
    const answer = answerFromOutcome(failed);
    expect(answer.statusCode).toBe(502);
    expect(answer.headers['x-fc-error-type']).toBe('UnhandledInvocationError');
    expect(answer.body.toString()).toContain('502 Bad Gateway');
  });
});
