import { expect } from 'vitest';

// Errors as the SDKs surface them, and the wire shapes of POP and FC 3.0 error bodies.

export interface SdkError {
  name?: string;
  code?: string;
  statusCode?: number;
  message?: string;
  data?: Record<string, unknown>;
  retryAfter?: number;
}

/** The rejection of a call that must fail (the test fails if it succeeds). */
export async function failure(call: Promise<unknown>): Promise<SdkError> {
  const outcome = await call.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)?.slice(0, 300)}`);
  return outcome.error as SdkError;
}

const upperUuid = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

/** A POP (ALB, Alidns, STS) error: status, code and the `{RequestId, HostId, Code, Message, Recommend}` body. */
export async function expectPopError(
  call: Promise<unknown>,
  code: string,
  status: number,
  product: 'Alb' | 'Alidns' | 'Sts',
): Promise<SdkError> {
  const error = await failure(call);
  expect({ code: error.code, status: error.statusCode }, error.message).toEqual({ code, status });
  const body = error.data ?? {};
  expect(Object.keys(body).sort()).toEqual(
    expect.arrayContaining(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']),
  );
  expect(body.Code).toBe(code);
  expect(body.RequestId).toMatch(upperUuid);
  expect(typeof body.Message).toBe('string');
  expect(String(body.Recommend)).toBe(
    `https://api.aliyun.com/troubleshoot?q=${code}&product=${product}&requestId=${String(body.RequestId)}`,
  );
  return error;
}

/** An FC 3.0 error: status, code and the `{Code, Message, RequestId}` body. */
export async function expectFcError(call: Promise<unknown>, code: string, status: number): Promise<SdkError> {
  const error = await failure(call);
  expect({ code: error.code, status: error.statusCode }, error.message).toEqual({ code, status });
  expect(error.data).toMatchObject({ Code: code, Message: expect.any(String) });
  expect(error.data?.RequestId).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  return error;
}
