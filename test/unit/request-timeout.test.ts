import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_TIMEOUT_S, requestTimeoutWarning } from '../../src/steps/request-timeout.js';

// A function whose timeout is longer than the listener's RequestTimeout (default 60 s) may be cut off with a 504.

describe('requestTimeoutWarning', () => {
  it('warns when the function may outlive the listener, naming both timeouts and what to change', () => {
    const text = requestTimeoutWarning(120, DEFAULT_REQUEST_TIMEOUT_S, 'the new listener');
    expect(text).toBe(
      "the function's timeout (120 s) is longer than the new listener's request timeout (60 s): ALB answers 504 to a " +
        "request still running after 60 s. Lower --timeout to 60, or raise the listener's RequestTimeout (up to 600 s) in the ALB console.",
    );
  });

  it('says nothing when the function ends in time, or its timeout is unknown', () => {
    expect(requestTimeoutWarning(60, 60, 'x')).toBeUndefined();
    expect(requestTimeoutWarning(10, 60, 'x')).toBeUndefined();
    expect(requestTimeoutWarning(undefined, 60, 'x')).toBeUndefined();
    expect(requestTimeoutWarning(300, 600, 'x')).toBeUndefined();
  });
});
