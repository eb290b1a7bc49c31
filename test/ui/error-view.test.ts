import { describe, expect, it } from 'vitest';
import { asAlbFcError, usageError } from '../../src/errors.js';
import { describeError } from '../../src/ui/render/error-view.js';

describe('describeError', () => {
  it('treats a bug wrapped as INTERNAL as internal, with the stack of where it was thrown', () => {
    const bug = new TypeError('x is undefined');
    const view = describeError(asAlbFcError(bug, 'listener'));
    expect(view).toMatchObject({ code: 'INTERNAL', exitCode: 1, internal: true, step: 'listener' });
    expect(view.stack).toBe(bug.stack);
  });

  it('does not treat a usage error as a bug', () => {
    expect(describeError(usageError('MISSING_VALUE', 'missing --domain'))).toMatchObject({
      internal: false,
      exitCode: 2,
    });
  });
});
