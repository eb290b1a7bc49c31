// How a test checks that an official SDK client refused a call: the rejection itself, and the two error shapes
// the clients surface (docs/emulator.md, "Transport, signatures, identity"): POP products (ALB, Alidns, STS) with
// `{RequestId, HostId, Code, Message, Recommend}`, and FC 3.0 with `{Code, Message, RequestId}`. It imports nothing
// from src, so the black-box suite (test/outsider) may use it as well as test/emulator.
import { expect } from 'vitest';

/** An error as the official clients throw it (`@alicloud/openapi-core` ClientError / ServerError / ThrottlingError). */
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

/** A POP (ALB, Alidns, STS) refusal: its code, HTTP status and the `{RequestId, HostId, Code, Message, Recommend}` body. */
export async function expectPopError(
  call: Promise<unknown>,
  code: string,
  status: number,
  product: 'Alb' | 'Alidns' | 'Sts',
): Promise<SdkError> {
  const error = await failure(call);
  expect({ code: error.code, status: error.statusCode }, error.message).toEqual({ code, status });
  const body = error.data ?? {};
  expect(Object.keys(body)).toEqual(expect.arrayContaining(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']));
  expect(body.Code).toBe(code);
  expect(body.RequestId).toMatch(upperUuid);
  expect(typeof body.Message).toBe('string');
  expect(String(body.Recommend)).toBe(
    `https://api.aliyun.com/troubleshoot?q=${code}&product=${product}&requestId=${String(body.RequestId)}`,
  );
  return error;
}

/** An FC 3.0 refusal: its code, HTTP status and the `{Code, Message, RequestId}` body. */
export async function expectFcError(call: Promise<unknown>, code: string, status: number): Promise<SdkError> {
  const error = await failure(call);
  expect({ code: error.code, status: error.statusCode }, error.message).toEqual({ code, status });
  expect(error.data).toMatchObject({ Code: code, Message: expect.any(String) });
  expect(error.data?.RequestId).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  return error;
}
